export * from './engine.js';
export * from './rule.js';
export * from './rules/index.js';
export * from './snapshot.js';
export * from './state.js';
export { compareTrades } from './tradeOrder.js';
export { parseScopeKey, scopeKey, verdictKey } from './verdictKeys.js';
export * from './ruleBook.js';

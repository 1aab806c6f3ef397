export * from './confluence/continuation.js';
export * from './confluence/reversal.js';
export * from './modelConfig.js';
export * from './scanSymbol.js';
export * from './seed/continuation.js';
export * from './seed/reversal.js';
export * from './seed/scan.js';
export * from './symbolFeatures.js';

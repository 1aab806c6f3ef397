export * from './normaliseFixedSymbols.js';
export * from './selectPool.js';
export * from './rotateUniverse.js';
export * from './symbolLimit.js';
export * from './tradingStatus.js';

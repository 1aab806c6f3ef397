export * from './atr.js';
export * from './bollinger.js';
export * from './compensatedSum.js';
export * from './fixedWindow.js';
export * from './sma.js';
export * from './streamingIndicator.js';

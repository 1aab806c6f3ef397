export * from './kline.js';
export * from './signal.js';
export * from './trade.js';
export * from './errors.js';
export * from './memory.js';
export * from './ports.js';
export * from './lateness.js';
export * from './reason.js';

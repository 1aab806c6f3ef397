import { fileURLToPath } from 'node:url';
import { klineEndMs } from '../../../src/domain/kline.js';
import { loadBacktestData, type BacktestData } from '../../../src/backtest/loadData.js';
import { DEFAULT_BACKTEST_SETTINGS } from '../../../src/backtest/runner.js';
import type { WalkForwardInput } from '../../../src/research/walkforward/walkForward.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));

/** The example candles of `symbols`, none ending after `untilMs`: the data as it stood at that moment. */
export function exampleDataUntil(symbols: readonly string[], untilMs: number): BacktestData {
  const data = loadBacktestData(EXAMPLES_DIR, symbols);
  const keep = (k: { closeTimeMs: number }) => klineEndMs(k) <= untilMs;
  return {
    ...data,
    symbols: data.symbols.map((s) => ({ ...s, series: { '1d': s.series['1d'].filter(keep), '4h': s.series['4h'].filter(keep), '30m': s.series['30m'].filter(keep) } })),
  };
}

/** A small walk-forward: 6-week train, 3-week test and step over the given data, seed profile, memory on. */
export function smallWalk(data: BacktestData, scratchDir: string, overrides: Partial<WalkForwardInput> = {}): WalkForwardInput {
  return {
    data, base: DEFAULT_BACKTEST_SETTINGS, profiles: ['seed'], memories: [true],
    train: { amount: 6, unit: 'w' }, test: { amount: 3, unit: 'w' }, step: { amount: 3, unit: 'w' },
    search: 'random', trials: 2, seed: 7, objective: { minTrades: 3, maxDrawdownPct: 50 }, workers: 1, scratchDir, ...overrides,
  };
}

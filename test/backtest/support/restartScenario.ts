import type { ModelProfile } from '../../../src/domain/signal.js';
import { DEFAULT_BACKTEST_SETTINGS, type BacktestSettings } from '../../../src/backtest/runner.js';

/**
 * The replay the restart test runs twice: three symbols, windows warmed from 2025-01-01, candles
 * processed from `fromMs` to `untilMs`, memory on. Shared by the test and the child process so
 * both replay exactly the same thing.
 */
export interface RestartScenario {
  readonly symbols: readonly string[];
  readonly fromMs: number;
  readonly untilMs: number;
  readonly settings: BacktestSettings;
}

export function restartScenario(profile: ModelProfile): RestartScenario {
  return {
    symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
    fromMs: Date.UTC(2025, 2, 1),
    untilMs: Date.UTC(2025, 7, 1),
    settings: { ...DEFAULT_BACKTEST_SETTINGS, profile, memory: true },
  };
}

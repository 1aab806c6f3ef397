import { addDuration, type Duration } from './duration.js';

/**
 * One walk-forward window. Train candles are those ending in (trainFromMs, trainToMs], test candles
 * in (testFromMs, testToMs] with testFromMs = trainToMs. Candles ending at or before a period's start
 * only warm the indicators (every earlier candle of the data, as `backtest --from` does); no candle
 * ending after the period's end is read.
 */
export interface WalkWindow {
  readonly index: number;
  readonly trainFromMs: number;
  readonly trainToMs: number;
  readonly testFromMs: number;
  readonly testToMs: number;
}

export interface WindowPlanInput {
  /** Where the first train period may start: the data's start plus its warm-up. */
  readonly firstStartMs: number;
  /** The end of the last candle of the data. */
  readonly dataEndMs: number;
  readonly train: Duration;
  readonly test: Duration;
  readonly step: Duration;
}

/** Rolling windows from `firstStartMs`, moved by `step`, while a whole test period fits in the data. */
export function planWindows({ firstStartMs, dataEndMs, train, test, step }: WindowPlanInput): WalkWindow[] {
  const windows: WalkWindow[] = [];
  for (let start = firstStartMs, index = 0; index < 1000; index += 1) {
    const trainToMs = addDuration(start, train);
    const testToMs = addDuration(trainToMs, test);
    if (testToMs > dataEndMs) break;
    windows.push({ index, trainFromMs: start, trainToMs, testFromMs: trainToMs, testToMs });
    start = addDuration(start, step);
  }
  return windows;
}

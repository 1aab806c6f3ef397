import type { StreamingIndicator } from './streamingIndicator.js';

/** The prices of one candle that the true range needs. */
export interface HighLowClose {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/**
 * How the very first candle, which has no previous close, enters the ATR:
 * - `highLow`: its true range is h − l (Wilder's worksheet, StockCharts); first ATR after `period` candles.
 * - `skip`: it only supplies a previous close (TA-Lib, technicalindicators); first ATR after `period + 1`.
 */
export type FirstTrueRange = 'highLow' | 'skip';

interface AtrState {
  readonly previousClose: number | undefined;
  readonly atr: number | undefined;
  readonly seedSum: number;
  readonly seedCount: number;
}

/** True range: max(h − l, |h − prevClose|, |l − prevClose|); h − l without a previous close. */
export function trueRange(candle: HighLowClose, previousClose: number | undefined): number {
  const range = candle.high - candle.low;
  if (previousClose === undefined) return range;
  return Math.max(range, Math.abs(candle.high - previousClose), Math.abs(candle.low - previousClose));
}

/**
 * Wilder's Average True Range (MODELS.md): the first ATR is the mean of the first `period` true
 * ranges, then ATR = (prevATR × (period − 1) + TR) / period. Runs over every candle it is fed, so
 * the smoothing is the same whether 500 or 40k candles were kept.
 */
export class WilderAtr implements StreamingIndicator<HighLowClose, number> {
  private state: AtrState = { previousClose: undefined, atr: undefined, seedSum: 0, seedCount: 0 };

  constructor(
    readonly period = 14,
    readonly firstTrueRange: FirstTrueRange = 'highLow',
  ) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`ATR period must be a positive integer, got ${period}`);
  }

  add(candle: HighLowClose): void {
    this.state = this.next(this.state, candle);
  }

  get isStable(): boolean {
    return this.state.atr !== undefined;
  }

  get value(): number | undefined {
    return this.state.atr;
  }

  private next(s: AtrState, candle: HighLowClose): AtrState {
    if (s.previousClose === undefined && this.firstTrueRange === 'skip') {
      return { previousClose: candle.close, atr: s.atr, seedSum: s.seedSum, seedCount: s.seedCount };
    }
    const tr = trueRange(candle, s.previousClose);
    if (s.atr !== undefined) {
      return { previousClose: candle.close, atr: (s.atr * (this.period - 1) + tr) / this.period, seedSum: s.seedSum, seedCount: s.seedCount };
    }
    const seedSum = s.seedSum + tr;
    const seedCount = s.seedCount + 1;
    const atr = seedCount === this.period ? seedSum / this.period : undefined;
    return { previousClose: candle.close, atr, seedSum, seedCount };
  }
}

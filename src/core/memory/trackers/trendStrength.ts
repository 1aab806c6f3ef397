import type { AdjustmentVerdict, DailyReading, Verdict } from '../../../domain/memory.js';
import type { RuleTracker } from '../rule.js';

export interface TrendStrengthParams {
  readonly rule: string;
  /** The rule holds while the trend strength is strictly below this many ATRs. */
  readonly belowTrendAtr: number;
  readonly thresholdAdd: number;
}

/**
 * Trend strength of a symbol's 1D series: how far its close is from its SMA50, in ATR14s
 * (|close − SMA50| / ATR14). Far from the average the market trends; close to it, it chops. A zero
 * ATR (a flat series) has no measurable trend: undefined, no opinion.
 */
export function trendStrength(reading: Pick<DailyReading, 'close' | 'smaSlow' | 'atr'>): number | undefined {
  return reading.atr > 0 ? Math.abs(reading.close - reading.smaSlow) / reading.atr : undefined;
}

/**
 * Two decimals: what a trader reads of the strength (the comparison uses the exact value); one
 * just under the line is rounded down, so it never reads as the line itself.
 */
function shown(value: number, line: number): number {
  const rounded = Math.round(value * 100) / 100;
  return rounded >= line ? Math.floor(value * 100) / 100 : rounded;
}

/**
 * Tracker of one symbol's daily regime (the chopThreshold kind): the newest 1D reading decides;
 * while its trend strength is below the line, the symbol's candidates need `thresholdAdd` more
 * points. Trades do not move it. After a restart it holds the verdict reported before it until the
 * first reading (the same candle, from the windows' warm-up), so nothing is reported twice.
 */
export function trendStrengthTracker(params: TrendStrengthParams): RuleTracker {
  let reading: DailyReading | undefined;
  let resumed: Verdict | null = null;
  let cached: AdjustmentVerdict | null | undefined;
  return {
    add() {
      // A market rule: trades do not count.
    },
    observe(next) {
      if (reading !== undefined && next.endMs <= reading.endMs) return;
      reading = next;
      resumed = null;
      cached = undefined;
    },
    resume(verdict) {
      if (reading === undefined) resumed = verdict;
    },
    verdict() {
      if (reading === undefined) return resumed;
      if (cached !== undefined) return cached;
      const strength = trendStrength(reading);
      cached =
        strength !== undefined && strength < params.belowTrendAtr
          ? {
              type: 'threshold',
              rule: params.rule,
              scope: { kind: 'symbol', symbol: reading.symbol },
              add: params.thresholdAdd,
              detail: { kind: 'weakTrend', trendAtr: shown(strength, params.belowTrendAtr), lineAtr: params.belowTrendAtr },
            }
          : null;
      return cached;
    },
  };
}

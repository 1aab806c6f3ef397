import { INTERVAL_MS, type Kline } from '../domain/index.js';
import type { LastRow } from './klineCsvAppender.js';

/**
 * A hole in the exchange's history (an outage): `count` candles missing, open times from `fromMs`
 * up to (excluding) `toMs`, the open time of the first real candle after it.
 */
export interface KlineGap {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
}

/**
 * Finds the holes between the file's last row and a page, and inside the page. Nothing is made
 * up: a gap stays a gap in the file (the backtest loader reports and skips it), because a flat
 * invented candle would be read as a real quiet half-hour by every indicator and by outcome
 * tracking. Nothing counts as missing before the first row of a series: a symbol listed after
 * `--from` simply starts later.
 */
export function findGaps(previous: LastRow | undefined, klines: readonly Kline[]): KlineGap[] {
  const gaps: KlineGap[] = [];
  let lastOpenMs = previous?.openTimeMs;
  for (const k of klines) {
    const stepMs = INTERVAL_MS[k.interval];
    if (lastOpenMs !== undefined && k.openTimeMs > lastOpenMs + stepMs) {
      gaps.push({ fromMs: lastOpenMs + stepMs, toMs: k.openTimeMs, count: Math.round((k.openTimeMs - lastOpenMs) / stepMs) - 1 });
    }
    lastOpenMs = k.openTimeMs;
  }
  return gaps;
}

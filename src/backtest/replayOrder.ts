import { INTERVALS, klineEndMs, type Kline } from '../domain/kline.js';

const RANK = new Map(INTERVALS.map((interval, i) => [interval, i]));

/**
 * Replay order (MODELS.md reading 2): by end time, then symbol name, then 1d, 4h, 30m — so every
 * 4h/1d candle ending at a 30m candle's end is in its window before that 30m candle is scanned.
 */
export function compareReplayOrder(a: Kline, b: Kline): number {
  return (
    klineEndMs(a) - klineEndMs(b) ||
    (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) ||
    (RANK.get(a.interval) ?? 0) - (RANK.get(b.interval) ?? 0)
  );
}

/** All candles of several series in replay order. */
export function replayOrder(series: Iterable<readonly Kline[]>): Kline[] {
  const all: Kline[] = [];
  for (const s of series) for (const k of s) all.push(k);
  return all.sort(compareReplayOrder);
}

import { INTERVALS, klineStreamName } from '../../src/domain/kline.js';
import { Market } from '../../src/sim/market.js';
import { combinedFrame, klineEventJson } from '../../src/sim/wire.js';
import { exampleDataset, marketSymbols } from './recording.js';

const RANK = new Map(INTERVALS.map((interval, i) => [interval, i]));

/** A closed-candle frame with what orders it. */
export interface ClosedFrame {
  readonly endMs: number;
  readonly interval: string;
  readonly frame: string;
}

/**
 * Every candle of examples/klines as the `x:true` combined-stream frame the exchange sends at its
 * close, in replay order (end time, symbol, 1d before 4h before 30m), so each 30m close finds the
 * 4h/1d candle ending with it already in its window.
 */
export function exampleClosedFrames(): ClosedFrame[] {
  const market = new Market(exampleDataset());
  const out: Array<ClosedFrame & { symbol: string; rank: number }> = [];
  for (const symbol of marketSymbols(market, 3)) {
    for (const interval of INTERVALS) {
      const s = market.seriesOf(symbol, interval)!;
      const stream = klineStreamName(symbol, interval);
      for (let i = 0; i < s.length; i += 1) {
        const c = s.candle(i);
        const endMs = c.closeTimeMs + 1;
        out.push({ endMs, symbol, interval, rank: RANK.get(interval)!, frame: combinedFrame(stream, klineEventJson(symbol, interval, c, true, endMs, s)) });
      }
    }
  }
  out.sort((a, b) => a.endMs - b.endMs || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) || a.rank - b.rank);
  return out;
}

import { INTERVALS, klineStreamName, type Interval, type Kline } from '../../src/domain/kline.js';
import { replayOrder } from '../../src/backtest/replayOrder.js';
import { loadKlineFolder, type KlineDataset } from '../../src/csv/klineCsv.js';
import { Market } from '../../src/sim/market.js';
import { lastClosedIndex, type CandleSeries } from '../../src/sim/series.js';
import { combinedFrame, klineEventJson } from '../../src/sim/wire.js';
import { KLINES_DIR } from './paths.js';

/** 2026-04-01 00:00 UTC: a 30m, 4h and 1d close at once for every stream, the busiest moment of a day. */
export const DAILY_BOUNDARY_MS = Date.UTC(2026, 3, 1);
const PUSH_INTERVAL_MS = 250;

/** Recorded combined-stream frames plus the closed history that warms the windows before them. */
export interface Recording {
  readonly symbols: readonly string[];
  readonly streams: number;
  /** Up to 500 closed candles per series before the first frame, in replay order. */
  readonly history: readonly Kline[];
  /** Frames in arrival order, exactly as the simulator's push rounds send them. */
  readonly frames: readonly string[];
  readonly closedFrames: number;
  readonly formingFrames: number;
  readonly startMs: number;
  readonly endMs: number;
}

let dataset: KlineDataset | undefined;

/** The example CSVs, read once per process. */
export function exampleDataset(): KlineDataset {
  dataset ??= loadKlineFolder(KLINES_DIR);
  return dataset;
}

/** The first `count` trading USDT perpetuals of a simulated market of that size (3 real, the rest synthetic). */
export function marketSymbols(market: Market, count: number): string[] {
  return market.symbols
    .filter((s) => s.quoteAsset === 'USDT' && s.contractType === 'PERPETUAL' && s.status === 'TRADING')
    .slice(0, count)
    .map((s) => s.symbol);
}

/**
 * Builds what the live bot would receive for `symbolCount` symbols × 3 intervals around
 * {@link DAILY_BOUNDARY_MS}: one push round every 250 ms of real time at real speed (speed 1), each
 * round a forming update per stream and the `x:true` event of every candle closed since the
 * previous round, like `src/sim/pusher.ts`. Rounds = ceil(targetFrames / streams), starting 60 s
 * before the boundary, so every size replays about the same number of frames.
 */
export function buildRecording(symbolCount: number, targetFrames: number): Recording {
  const market = new Market(exampleDataset(), symbolCount);
  const symbols = marketSymbols(market, symbolCount);
  const series: CandleSeries[] = symbols.flatMap((s) => INTERVALS.map((i) => market.seriesOf(s, i as Interval)!));
  const rounds = Math.ceil(targetFrames / series.length);
  const startMs = DAILY_BOUNDARY_MS - 60_000;
  const history: Kline[][] = [];
  const lastClosed = series.map((s) => {
    const last = lastClosedIndex(s, startMs);
    const step = s.candle(0).closeTimeMs + 1 - s.candle(0).openTimeMs;
    history.push(market.closedKlines(s.symbol, s.interval, s.firstOpenTimeMs + (last - 499) * step, Number.MAX_SAFE_INTEGER, startMs));
    return last;
  });
  const frames: string[] = [];
  let closedFrames = 0;
  let nowMs = startMs;
  for (let round = 0; round < rounds; round += 1, nowMs += PUSH_INTERVAL_MS) {
    series.forEach((s, n) => {
      const stream = klineStreamName(s.symbol, s.interval);
      const newest = lastClosedIndex(s, nowMs);
      for (let i = lastClosed[n]! + 1; i <= newest; i += 1) {
        frames.push(combinedFrame(stream, klineEventJson(s.symbol, s.interval, s.candle(i), true, nowMs, s)));
        closedFrames += 1;
      }
      lastClosed[n] = newest;
      const { candle } = market.candleAt(s, newest + 1, nowMs);
      frames.push(combinedFrame(stream, klineEventJson(s.symbol, s.interval, candle, false, nowMs, s)));
    });
  }
  return {
    symbols, streams: series.length, history: replayOrder(history), frames, closedFrames,
    formingFrames: frames.length - closedFrames, startMs, endMs: nowMs,
  };
}

import type { DailyReading } from '../../domain/memory.js';
import type { SeriesFeatures } from '../features/seriesFeatures.js';

/**
 * What the market rules read of a symbol's 1D series at a 30m step: its newest closed candle with
 * SMA50 and ATR14. The windows give a step only the 1D candles that ended by its end, so the reading
 * is event-time exact. Undefined until the series has both indicators.
 */
export function dailyReadingOf(daily: SeriesFeatures): DailyReading | undefined {
  const last = daily.last;
  const smaSlow = daily.smaSlow;
  const atr = daily.atr;
  if (last === undefined || smaSlow === undefined || atr === undefined) return undefined;
  return { symbol: last.symbol, endMs: last.closeTimeMs + 1, close: last.close, smaSlow, atr };
}

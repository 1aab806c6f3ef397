import { roundTo, unitFromInts } from './random.js';
import type { SimCandle } from './series.js';

/** How to round a partial candle: the symbol's tick and step decimals. */
export interface FormingPrecision {
  readonly priceDecimals: number;
  readonly quantityDecimals: number;
}

/**
 * The candle `final` as seen at `nowMs` while it is still forming. The price walks a fixed,
 * seeded path open → first extreme → second extreme → close (which extreme comes first and when
 * depends on the open time), so: open never changes, high/low are the extremes reached so far,
 * volume and trade count grow pro rata, and the values converge to the final row, which the
 * exchange then reports exactly at the close. Deterministic: the same `nowMs` gives the same row.
 */
export function formingCandle(final: SimCandle, nowMs: number, precision: FormingPrecision): SimCandle {
  const spanMs = final.closeTimeMs + 1 - final.openTimeMs;
  const f = Math.min(1, Math.max(0, (nowMs - final.openTimeMs) / spanMs));
  if (f >= 1) return final;
  const seed = Math.floor(final.openTimeMs / 1000);
  const highFirst = unitFromInts(seed, 11) < (final.close >= final.open ? 0.35 : 0.65);
  const a = 0.1 + unitFromInts(seed, 12) * 0.3;
  const b = 0.5 + unitFromInts(seed, 13) * 0.4;
  const first = highFirst ? final.high : final.low;
  const second = highFirst ? final.low : final.high;
  const points: ReadonlyArray<readonly [number, number]> = [[0, final.open], [a, first], [b, second], [1, final.close]];
  let high = final.open;
  let low = final.open;
  let price = final.open;
  for (let i = 1; i < points.length; i += 1) {
    const [f0, p0] = points[i - 1] as readonly [number, number];
    const [f1, p1] = points[i] as readonly [number, number];
    if (f >= f1) {
      high = Math.max(high, p1);
      low = Math.min(low, p1);
      continue;
    }
    price = roundTo(p0 + ((p1 - p0) * (f - f0)) / (f1 - f0), precision.priceDecimals);
    high = Math.max(high, price);
    low = Math.min(low, price);
    break;
  }
  const share = (value: number, decimals: number): number => {
    const scale = 10 ** decimals;
    return roundTo(Math.floor(value * f * scale) / scale, decimals);
  };
  return {
    openTimeMs: final.openTimeMs,
    closeTimeMs: final.closeTimeMs,
    open: final.open,
    high,
    low,
    close: price,
    volume: share(final.volume, precision.quantityDecimals),
    quoteVolume: share(final.quoteVolume, 8),
    trades: Math.floor(final.trades * f),
    takerBuyVolume: share(final.takerBuyVolume, precision.quantityDecimals),
    takerBuyQuoteVolume: share(final.takerBuyQuoteVolume, 8),
  };
}

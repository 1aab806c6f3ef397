import { INTERVAL_MS, type Interval } from '../domain/index.js';
import { hashString, roundTo, unitFromInts } from './random.js';
import type { CandleSeries, SimCandle } from './series.js';

/** Time span shared by every synthetic series: 30m rows from an UTC-midnight start. */
export interface SyntheticSpan {
  readonly firstOpenTimeMs: number;
  readonly count30m: number;
}

const STEPS_PER_DAY = 48;
const HALF_HOUR_MS = INTERVAL_MS['30m'];

/**
 * The price path of one synthetic symbol, seeded by its name: a daily Gaussian random walk
 * (anchors) with a bounded wiggle between anchors. Any 30m boundary price is computed in O(1)
 * from the anchors, so 600 symbols cost ~500 numbers each rather than full candle arrays.
 */
class SyntheticPath {
  readonly seed: number;
  readonly priceDecimals: number;
  readonly quantityDecimals: number;
  private readonly dailyVol: number;
  private readonly baseVolume: number;
  private readonly anchors: Float64Array;

  constructor(symbol: string, days: number) {
    this.seed = hashString(symbol);
    const u = (k: number): number => unitFromInts(this.seed, -1, k);
    const basePrice = 10 ** (u(1) * 4 - 1);
    this.priceDecimals = Math.min(8, Math.max(1, 4 - Math.floor(Math.log10(basePrice))));
    this.quantityDecimals = Math.max(0, Math.min(3, Math.floor(Math.log10(basePrice))));
    this.dailyVol = 0.02 + u(2) * 0.04;
    this.baseVolume = (2_000_000 + u(3) * 50_000_000) / basePrice / STEPS_PER_DAY;
    this.anchors = new Float64Array(days + 1);
    this.anchors[0] = Math.log(basePrice);
    for (let d = 0; d < days; d += 1) {
      const gauss = Math.sqrt(-2 * Math.log(1 - unitFromInts(this.seed, d, 1))) * Math.cos(2 * Math.PI * unitFromInts(this.seed, d, 2));
      this.anchors[d + 1] = (this.anchors[d] as number) + this.dailyVol * gauss;
    }
  }

  /** Price at the start of 30m step `j` (counted from the span start). */
  price(j: number): number {
    const day = Math.floor(j / STEPS_PER_DAY);
    const k = j - day * STEPS_PER_DAY;
    const a = this.anchors[Math.min(day, this.anchors.length - 1)] as number;
    const b = this.anchors[Math.min(day + 1, this.anchors.length - 1)] as number;
    const wiggle = this.dailyVol * 0.6 * (unitFromInts(this.seed, j, 3) * 2 - 1) * Math.sin((Math.PI * k) / STEPS_PER_DAY);
    return roundTo(Math.exp(a + ((b - a) * k) / STEPS_PER_DAY + wiggle), this.priceDecimals);
  }

  /** The 30m candle at step `j`. */
  halfHour(j: number): SimCandle {
    const open = this.price(j);
    const close = this.price(j + 1);
    const wick = this.dailyVol * 0.25;
    const high = roundTo(Math.max(open, close) * (1 + unitFromInts(this.seed, j, 4) * wick), this.priceDecimals);
    const low = roundTo(Math.min(open, close) * (1 - unitFromInts(this.seed, j, 5) * wick), this.priceDecimals);
    const volume = roundTo(this.baseVolume * (0.3 + unitFromInts(this.seed, j, 6) * 1.4), this.quantityDecimals);
    return { openTimeMs: 0, closeTimeMs: 0, open, high, low, close, volume, quoteVolume: 0, trades: 0, takerBuyVolume: 0, takerBuyQuoteVolume: 0 };
  }
}

const paths = new Map<string, SyntheticPath>();

function pathFor(symbol: string, span: SyntheticSpan): SyntheticPath {
  const key = `${symbol}/${span.firstOpenTimeMs}/${span.count30m}`;
  let path = paths.get(key);
  if (!path) {
    path = new SyntheticPath(symbol, Math.ceil(span.count30m / STEPS_PER_DAY) + 1);
    paths.set(key, path);
  }
  return path;
}

/**
 * A deterministic synthetic series for a symbol the CSV data does not have (e.g. `SIM001USDT`).
 * 4h and 1d candles aggregate the same 30m path, so the three intervals agree like real data.
 */
export function syntheticSeries(symbol: string, interval: Interval, span: SyntheticSpan): CandleSeries {
  const path = pathFor(symbol, span);
  const stepMs = INTERVAL_MS[interval];
  const per = stepMs / HALF_HOUR_MS;
  return {
    symbol, interval,
    firstOpenTimeMs: span.firstOpenTimeMs,
    length: Math.floor(span.count30m / per),
    priceDecimals: path.priceDecimals,
    quantityDecimals: path.quantityDecimals,
    candle(index: number): SimCandle {
      const openTimeMs = span.firstOpenTimeMs + index * stepMs;
      const first = path.halfHour(index * per);
      let { high, low, close, volume } = first;
      for (let j = index * per + 1; j < (index + 1) * per; j += 1) {
        const c = path.halfHour(j);
        high = Math.max(high, c.high);
        low = Math.min(low, c.low);
        close = c.close;
        volume += c.volume;
      }
      volume = roundTo(volume, path.quantityDecimals);
      return { ...first, openTimeMs, closeTimeMs: openTimeMs + stepMs - 1, high, low, close, volume };
    },
  };
}

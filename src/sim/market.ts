import { INTERVALS, INTERVAL_MS, type Interval, type Kline } from '../domain/index.js';
import type { KlineDataset } from '../csv/klineCsv.js';
import { formingCandle } from './formingCandle.js';
import {
  formingIndex, indexAtOrAfter, indexAtOrBefore, lastClosedIndex, tableSeries,
  type CandleSeries, type SimCandle,
} from './series.js';
import { syntheticSeries, type SyntheticSpan } from './synthetic.js';

/** Listing facts of one symbol, as `exchangeInfo` reports them. */
export interface MarketSymbol {
  readonly symbol: string;
  readonly pair: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly contractType: 'PERPETUAL' | 'CURRENT_QUARTER';
  readonly status: 'TRADING' | 'SETTLING';
  readonly deliveryDateMs: number;
  readonly priceDecimals: number;
  readonly quantityDecimals: number;
}

/** A candle with its state at the time it was read: `closed` false for the forming one. */
export interface MarketCandle {
  readonly candle: SimCandle;
  readonly closed: boolean;
}

const PERPETUAL_DELIVERY_MS = 4_133_404_800_000;
const DEFAULT_SPAN: SyntheticSpan = { firstOpenTimeMs: Date.UTC(2025, 0, 1), count30m: 485 * 48 };

/** Extra listings so a client's symbol filter is exercised: not all of them are USDT perpetuals that trade. */
const SPECIAL_SYMBOLS: ReadonlyArray<Pick<MarketSymbol, 'symbol' | 'pair' | 'baseAsset' | 'quoteAsset' | 'contractType' | 'status' | 'deliveryDateMs'>> = [
  { symbol: 'BTCUSDC', pair: 'BTCUSDC', baseAsset: 'BTC', quoteAsset: 'USDC', contractType: 'PERPETUAL', status: 'TRADING', deliveryDateMs: PERPETUAL_DELIVERY_MS },
  { symbol: 'BTCUSDT_260925', pair: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', contractType: 'CURRENT_QUARTER', status: 'TRADING', deliveryDateMs: Date.UTC(2026, 8, 25, 8) },
  { symbol: 'SIMHALTUSDT', pair: 'SIMHALTUSDT', baseAsset: 'SIMHALT', quoteAsset: 'USDT', contractType: 'PERPETUAL', status: 'SETTLING', deliveryDateMs: PERPETUAL_DELIVERY_MS },
];

function spanOf(dataset: KlineDataset): SyntheticSpan {
  const halfHours = [...dataset.values()].filter((t) => t.interval === '30m' && t.length > 0);
  if (halfHours.length === 0) return DEFAULT_SPAN;
  const first = Math.min(...halfHours.map((t) => t.openTimeMs[0] as number));
  const firstOpenTimeMs = first - (first % INTERVAL_MS['1d']);
  const end = Math.max(...halfHours.map((t) => (t.openTimeMs[t.length - 1] as number) + INTERVAL_MS['30m']));
  return { firstOpenTimeMs, count30m: Math.floor((end - firstOpenTimeMs) / INTERVAL_MS['30m']) };
}

/**
 * Every candle the simulated exchange can show, for CSV symbols and synthetic ones, judged
 * against a simulated time passed in by the caller (the market itself holds no clock).
 */
export class Market {
  readonly symbols: readonly MarketSymbol[];
  /** First open time of the data (UTC midnight): the default start is 120 days later. */
  readonly firstOpenTimeMs: number;
  private readonly series = new Map<string, CandleSeries>();

  /** `symbolCount`: how many USDT perpetuals trade; beyond the CSV symbols they are synthetic `SIM001USDT`…. */
  constructor(dataset: KlineDataset, symbolCount = 0) {
    const span = spanOf(dataset);
    this.firstOpenTimeMs = span.firstOpenTimeMs;
    const csvSymbols = [...new Set([...dataset.values()].map((t) => t.symbol))];
    const listings: MarketSymbol[] = [];
    for (const symbol of csvSymbols) {
      const tables = INTERVALS.map((i) => dataset.get(`${symbol}@${i}`)).filter((t) => t !== undefined);
      const priceDecimals = Math.max(...tables.map((t) => t.priceDecimals));
      const quantityDecimals = Math.max(...tables.map((t) => t.quantityDecimals));
      for (const t of tables) this.series.set(`${symbol}@${t.interval}`, tableSeries(t, priceDecimals, quantityDecimals));
      const base = symbol.replace(/USDT$/, '');
      listings.push({ symbol, pair: symbol, baseAsset: base, quoteAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', deliveryDateMs: PERPETUAL_DELIVERY_MS, priceDecimals, quantityDecimals });
    }
    const synthetic = Math.max(0, symbolCount - csvSymbols.length);
    const width = Math.max(3, String(synthetic).length);
    const extra = [
      ...Array.from({ length: synthetic }, (_, i) => {
        const base = `SIM${String(i + 1).padStart(width, '0')}`;
        return { symbol: `${base}USDT`, pair: `${base}USDT`, baseAsset: base, quoteAsset: 'USDT', contractType: 'PERPETUAL' as const, status: 'TRADING' as const, deliveryDateMs: PERPETUAL_DELIVERY_MS };
      }),
      ...SPECIAL_SYMBOLS,
    ];
    for (const listing of extra) {
      const bySeries = INTERVALS.map((i) => syntheticSeries(listing.symbol, i, span));
      bySeries.forEach((s) => this.series.set(`${listing.symbol}@${s.interval}`, s));
      const first = bySeries[0] as CandleSeries;
      listings.push({ ...listing, priceDecimals: first.priceDecimals, quantityDecimals: first.quantityDecimals });
    }
    this.symbols = listings;
  }

  /** The series of a symbol and interval, or undefined for an unknown pair. */
  seriesOf(symbol: string, interval: Interval): CandleSeries | undefined {
    return this.series.get(`${symbol}@${interval}`);
  }

  /** The listing of a symbol (exact, case-sensitive like Binance), or undefined → `-1121`. */
  listing(symbol: string): MarketSymbol | undefined {
    return this.symbols.find((s) => s.symbol === symbol);
  }

  /** Candle `index` as seen at `nowMs`: the exact row once closed, a partial row while forming. */
  candleAt(series: CandleSeries, index: number, nowMs: number): MarketCandle {
    const full = series.candle(index);
    const closed = full.closeTimeMs + 1 <= nowMs;
    return { candle: closed ? full : formingCandle(full, nowMs, series), closed };
  }

  /**
   * Rows for `GET /fapi/v1/klines` at `nowMs`, Binance's selection: by open time within
   * [startTime, endTime]; from the start when `startTime` is given, else the newest `limit`.
   * The forming candle is the last row when it falls in range.
   */
  klines(series: CandleSeries, nowMs: number, query: { startTimeMs?: number; endTimeMs?: number; limit: number }): MarketCandle[] {
    const newest = Math.max(lastClosedIndex(series, nowMs), formingIndex(series, nowMs));
    const lo = query.startTimeMs === undefined ? 0 : indexAtOrAfter(series, query.startTimeMs);
    const hi = Math.min(newest, query.endTimeMs === undefined ? newest : indexAtOrBefore(series, query.endTimeMs));
    if (hi < lo) return [];
    const from = query.startTimeMs === undefined ? Math.max(lo, hi - query.limit + 1) : lo;
    const to = Math.min(hi, from + query.limit - 1);
    const out: MarketCandle[] = [];
    for (let i = from; i <= to; i += 1) out.push(this.candleAt(series, i, nowMs));
    return out;
  }

  /** The candles closed by `nowMs` whose open time is in [fromMs, toMs], as domain klines (the truth for tests). */
  closedKlines(symbol: string, interval: Interval, fromMs: number, toMs: number, nowMs: number): Kline[] {
    const series = this.seriesOf(symbol, interval);
    if (!series) return [];
    const lo = indexAtOrAfter(series, fromMs);
    const hi = Math.min(lastClosedIndex(series, nowMs), indexAtOrBefore(series, toMs));
    const out: Kline[] = [];
    for (let i = lo; i <= hi; i += 1) {
      const c = series.candle(i);
      out.push({
        symbol, interval, openTimeMs: c.openTimeMs, closeTimeMs: c.closeTimeMs, open: c.open, high: c.high, low: c.low,
        close: c.close, volume: c.volume, quoteVolume: c.quoteVolume, trades: c.trades, closed: true,
      });
    }
    return out;
  }
}

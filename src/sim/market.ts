import { ConfigError, INTERVALS, INTERVAL_MS, type Interval, type Kline } from '../domain/index.js';
import type { KlineDataset } from '../csv/klineCsv.js';
import { formingCandle } from './formingCandle.js';
import {
  formingIndex, indexAtOrAfter, indexAtOrBefore, lastClosedIndex, tableSeries,
  type CandleSeries, type SimCandle,
} from './series.js';
import { syntheticSeries, type SyntheticSpan } from './synthetic.js';

/** The `status` values of USDⓈ-M exchangeInfo symbols (Common Definition, PROTOCOLS.md B2, plus BREAK). */
export const SYMBOL_STATUSES = [
  'TRADING', 'PENDING_TRADING', 'PRE_DELIVERING', 'DELIVERING', 'DELIVERED', 'PRE_SETTLE', 'SETTLING', 'CLOSE', 'BREAK',
] as const;
export type SymbolStatus = (typeof SYMBOL_STATUSES)[number];

export function isSymbolStatus(value: unknown): value is SymbolStatus {
  return typeof value === 'string' && (SYMBOL_STATUSES as readonly string[]).includes(value);
}

/**
 * A listing's status from simulated time `atMs` on: a symbol that stops trading (delisting,
 * settlement) or trades again. `null`: exchangeInfo no longer lists it at all (and REST calls it an
 * invalid symbol).
 */
export interface StatusChange {
  readonly symbol: string;
  readonly status: SymbolStatus | null;
  readonly atMs: number;
}

/** Where a symbol's candles stand at a simulated time: `nowMs` while it trades, the moment it stopped otherwise. */
export interface CandleClock {
  readonly nowMs: number;
  /** It does not trade now: no candle closes after `nowMs` and none is forming. */
  readonly halted: boolean;
}

/** Listing facts of one symbol, as `exchangeInfo` reports them. */
export interface MarketSymbol {
  readonly symbol: string;
  readonly pair: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly contractType: 'PERPETUAL' | 'CURRENT_QUARTER';
  /** The status the listing starts with (see {@link Market.listingsAt} for later changes). */
  readonly status: SymbolStatus;
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
  /** The symbols with CSV data (real candles); the others are synthetic. */
  readonly dataSymbols: ReadonlySet<string>;
  /** First open time of the data (UTC midnight): the default start is 120 days later. */
  readonly firstOpenTimeMs: number;
  private readonly series = new Map<string, CandleSeries>();
  /** Status changes per symbol, in time order. */
  private readonly changes = new Map<string, StatusChange[]>();

  /** `symbolCount`: how many USDT perpetuals trade; beyond the CSV symbols they are synthetic `SIM001USDT`…. */
  constructor(dataset: KlineDataset, symbolCount = 0) {
    const span = spanOf(dataset);
    this.firstOpenTimeMs = span.firstOpenTimeMs;
    const csvSymbols = [...new Set([...dataset.values()].map((t) => t.symbol))];
    this.dataSymbols = new Set(csvSymbols);
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

  /**
   * Schedules a status change of a listed symbol (at any simulated time, past or future). While its
   * status is not TRADING, the symbol's candles stop where the change happened: the candle forming
   * then never closes, nothing is pushed, REST returns only the candles closed before it. Trading
   * again lets them run from the data as if nothing had happened (Binance would leave a gap; a
   * simplification of this simulator). A listing's initial status (SIMHALTUSDT) does not stop its
   * candles, only a change does.
   */
  setStatus(change: StatusChange): void {
    if (this.listing(change.symbol) === undefined) throw new ConfigError('status symbol', change.symbol, 'a symbol the simulator lists');
    if (change.status !== null && !isSymbolStatus(change.status)) throw new ConfigError('status', String(change.status), SYMBOL_STATUSES.join(', '));
    if (!Number.isFinite(change.atMs)) throw new ConfigError('status atMs', String(change.atMs), 'a finite epoch time in ms');
    const list = [...(this.changes.get(change.symbol) ?? []), change];
    // Stable: two changes at the same moment keep the order they were made in, the later one wins.
    list.sort((a, b) => a.atMs - b.atMs);
    this.changes.set(change.symbol, list);
  }

  /** The symbol's status at `nowMs`: its latest change at or before it, else its listing's; null when no longer listed. */
  statusAt(symbol: string, nowMs: number): SymbolStatus | null | undefined {
    const listing = this.listing(symbol);
    if (listing === undefined) return undefined;
    const changes = this.changes.get(symbol) ?? [];
    let status: SymbolStatus | null = listing.status;
    for (const c of changes) if (c.atMs <= nowMs) status = c.status;
    return status;
  }

  /** The listings exchangeInfo shows at `nowMs`, each with its status then (delisted ones left out). */
  listingsAt(nowMs: number): MarketSymbol[] {
    return this.symbols.flatMap((s) => {
      const status = this.statusAt(s.symbol, nowMs);
      return status === null || status === undefined ? [] : [status === s.status ? s : { ...s, status }];
    });
  }

  /** The listing REST answers for at `nowMs`, or undefined (unknown or delisted → `-1121`). */
  listingAt(symbol: string, nowMs: number): MarketSymbol | undefined {
    return this.statusAt(symbol, nowMs) === null ? undefined : this.listing(symbol);
  }

  /**
   * Where `symbol`'s candles stand at `nowMs`: `nowMs` itself while it trades; when a change has
   * made it stop trading, the moment of the first change of that stop (SETTLING then CLOSE stops
   * at the SETTLING).
   */
  candleClock(symbol: string, nowMs: number): CandleClock {
    const changes = this.changes.get(symbol);
    if (changes === undefined) return { nowMs, halted: false };
    let stoppedAt: number | undefined;
    for (const c of changes) {
      if (c.atMs > nowMs) break;
      if (c.status === 'TRADING') stoppedAt = undefined;
      else stoppedAt ??= c.atMs;
    }
    return stoppedAt === undefined ? { nowMs, halted: false } : { nowMs: Math.min(nowMs, stoppedAt), halted: true };
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
   * The forming candle is the last row when it falls in range (never with `closedOnly`).
   */
  klines(series: CandleSeries, nowMs: number, query: { startTimeMs?: number; endTimeMs?: number; limit: number; closedOnly?: boolean }): MarketCandle[] {
    const closed = lastClosedIndex(series, nowMs);
    const newest = query.closedOnly === true ? closed : Math.max(closed, formingIndex(series, nowMs));
    const lo = query.startTimeMs === undefined ? 0 : indexAtOrAfter(series, query.startTimeMs);
    const hi = Math.min(newest, query.endTimeMs === undefined ? newest : indexAtOrBefore(series, query.endTimeMs));
    if (hi < lo) return [];
    const from = query.startTimeMs === undefined ? Math.max(lo, hi - query.limit + 1) : lo;
    const to = Math.min(hi, from + query.limit - 1);
    const out: MarketCandle[] = [];
    for (let i = from; i <= to; i += 1) out.push(this.candleAt(series, i, nowMs));
    return out;
  }

  /**
   * The candles closed by `nowMs` whose open time is in [fromMs, toMs], as domain klines (the truth
   * for tests); a symbol that stopped trading has none after it stopped.
   */
  closedKlines(symbol: string, interval: Interval, fromMs: number, toMs: number, nowMs: number): Kline[] {
    const series = this.seriesOf(symbol, interval);
    if (!series) return [];
    const lo = indexAtOrAfter(series, fromMs);
    const hi = Math.min(lastClosedIndex(series, this.candleClock(symbol, nowMs).nowMs), indexAtOrBefore(series, toMs));
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

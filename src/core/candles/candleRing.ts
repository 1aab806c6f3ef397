import { INTERVAL_MS, type Interval, type Kline } from '../../domain/kline.js';

/** Default number of closed candles a window keeps per series (ARCHITECTURE.md: 500 per symbol × interval). */
export const DEFAULT_RING_CAPACITY = 500;

/** A numeric column of a ring, readable without building a {@link Kline}. */
export type CandleField =
  | 'openTimeMs' | 'closeTimeMs' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'quoteVolume' | 'trades';

/** The columns stored as Float64; `closeTimeMs` is derived and `trades` is a Uint32 column. */
type StoredField = Exclude<CandleField, 'closeTimeMs' | 'trades'>;
const FLOAT_FIELDS: readonly StoredField[] = ['openTimeMs', 'open', 'high', 'low', 'close', 'volume', 'quoteVolume'];
const UINT32_MAX = 0xffff_ffff;

/** What a candle that does not fit the compact columns really held. */
interface Irregular {
  readonly closeTimeMs: number;
  readonly trades: number;
}

/**
 * The last `capacity` closed candles of one (symbol, interval) series, oldest overwritten first.
 * Columns are typed arrays allocated once, so `push` is O(1) and allocates nothing: with ~600
 * symbols × 3 intervals the live windows stay a fixed size and never churn the GC. Reads by
 * column (`valueFromEnd`) allocate nothing either; `at`/`fromEnd` build a Kline for convenience.
 *
 * 60 bytes a candle rather than 9 × 8: `closeTimeMs` is not stored (a Binance candle closes at
 * open + interval − 1 ms) and `trades` is a Uint32. A candle that breaks either rule (a test's
 * odd close time, a trade count ≥ 2³²) is kept exactly in a small side map, so reads never change.
 */
export class CandleRing {
  readonly capacity: number;
  private readonly columns: Record<StoredField, Float64Array>;
  private readonly trades: Uint32Array;
  /** `closeTimeMs − openTimeMs` of a regular candle of this interval. */
  private readonly closeOffsetMs: number;
  /** Slots holding a candle the compact columns cannot represent. */
  private readonly irregular = new Map<number, Irregular>();
  /** Index of the slot the next push writes. */
  private head = 0;
  private count = 0;

  constructor(
    readonly symbol: string,
    readonly interval: Interval,
    capacity: number = DEFAULT_RING_CAPACITY,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.closeOffsetMs = INTERVAL_MS[interval] - 1;
    // One allocation per ring, the columns views into it: 900 series cost 1,800 buffers, not 8,100.
    const block = new Float64Array(FLOAT_FIELDS.length * capacity);
    const columns = {} as Record<StoredField, Float64Array>;
    FLOAT_FIELDS.forEach((field, index) => (columns[field] = block.subarray(index * capacity, (index + 1) * capacity)));
    this.columns = columns;
    this.trades = new Uint32Array(capacity);
  }

  /** Number of candles held, at most `capacity`. */
  get size(): number {
    return this.count;
  }

  /** Appends a closed candle as the newest; when full, the oldest is overwritten. */
  push(k: Kline): void {
    const c = this.columns;
    const i = this.head;
    c.openTimeMs[i] = k.openTimeMs;
    c.open[i] = k.open;
    c.high[i] = k.high;
    c.low[i] = k.low;
    c.close[i] = k.close;
    c.volume[i] = k.volume;
    c.quoteVolume[i] = k.quoteVolume;
    this.trades[i] = k.trades;
    const regular = k.closeTimeMs === k.openTimeMs + this.closeOffsetMs && Number.isInteger(k.trades) && k.trades >= 0 && k.trades <= UINT32_MAX;
    if (!regular) this.irregular.set(i, { closeTimeMs: k.closeTimeMs, trades: k.trades });
    else if (this.irregular.size > 0) this.irregular.delete(i);
    this.head = i + 1 === this.capacity ? 0 : i + 1;
    if (this.count < this.capacity) this.count += 1;
  }

  /** One column of the i-th candle counted from the newest (0 = newest), without allocating. */
  valueFromEnd(field: CandleField, i: number): number {
    const s = this.slotFromEnd(i);
    if (field === 'closeTimeMs') return this.closeTimeAt(s);
    if (field === 'trades') return this.tradesAt(s);
    return this.columns[field][s]!;
  }

  /** The i-th candle counted from the oldest (0 = oldest). Throws RangeError outside [0, size). */
  at(i: number): Kline {
    return this.fromEnd(this.count - 1 - i);
  }

  /** The i-th candle counted from the newest (0 = newest). Throws RangeError outside [0, size). */
  fromEnd(i: number): Kline {
    const s = this.slotFromEnd(i);
    const c = this.columns;
    return {
      symbol: this.symbol,
      interval: this.interval,
      openTimeMs: c.openTimeMs[s]!,
      closeTimeMs: this.closeTimeAt(s),
      open: c.open[s]!,
      high: c.high[s]!,
      low: c.low[s]!,
      close: c.close[s]!,
      volume: c.volume[s]!,
      quoteVolume: c.quoteVolume[s]!,
      trades: this.tradesAt(s),
      closed: true,
    };
  }

  /** The newest candle, or undefined when empty. */
  last(): Kline | undefined {
    return this.count === 0 ? undefined : this.fromEnd(0);
  }

  /** Open time of the newest candle without allocating, or undefined when empty. */
  lastOpenTimeMs(): number | undefined {
    return this.count === 0 ? undefined : this.valueFromEnd('openTimeMs', 0);
  }

  /** All held candles, oldest first. */
  toArray(): Kline[] {
    const out: Kline[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.at(i));
    return out;
  }

  private closeTimeAt(slot: number): number {
    return this.irregular.size > 0 && this.irregular.has(slot) ? this.irregular.get(slot)!.closeTimeMs : this.columns.openTimeMs[slot]! + this.closeOffsetMs;
  }

  private tradesAt(slot: number): number {
    return this.irregular.size > 0 && this.irregular.has(slot) ? this.irregular.get(slot)!.trades : this.trades[slot]!;
  }

  private slotFromEnd(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`index ${i} outside [0, ${this.count})`);
    const slot = this.head - 1 - i;
    return slot < 0 ? slot + this.capacity : slot;
  }
}

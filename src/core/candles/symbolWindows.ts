import { INTERVALS, type Interval, type Kline } from '../../domain/kline.js';
import { CandleRing } from './candleRing.js';

/** Something fed with every closed candle of one series, e.g. the incremental indicators. */
export interface Sidecar {
  add(k: Kline): void;
}

/** Closed candles a series needs before its symbol is scored (MODELS.md: 51 on 1d, 4h and 30m). */
export const DEFAULT_WARM_CANDLES = 51;

/**
 * The windows of one symbol: a ring of closed candles per interval (1d, 4h, 30m) and an optional
 * sidecar per series. A symbol is **warm** when every interval holds at least `warmCandles`
 * candles; cold symbols are watched but not scored.
 */
export class SymbolWindows<S> {
  private readonly rings: Record<Interval, CandleRing>;
  private readonly sidecars: Partial<Record<Interval, S & Sidecar>> = {};

  constructor(
    readonly symbol: string,
    capacity: number,
    private readonly warmCandles: number,
    createSidecar?: (symbol: string, interval: Interval) => S & Sidecar,
  ) {
    const rings = {} as Record<Interval, CandleRing>;
    for (const interval of INTERVALS) {
      rings[interval] = new CandleRing(symbol, interval, capacity);
      if (createSidecar) this.sidecars[interval] = createSidecar(symbol, interval);
    }
    this.rings = rings;
  }

  /** The ring of closed candles of one interval, oldest first by `at(i)`. */
  ring(interval: Interval): CandleRing {
    return this.rings[interval];
  }

  /** The sidecar of one interval, or undefined when no `createSidecar` was given. */
  sidecar(interval: Interval): S | undefined {
    return this.sidecars[interval];
  }

  /** Every interval holds at least `warmCandles` closed candles. */
  get warm(): boolean {
    return INTERVALS.every((interval) => this.rings[interval].size >= this.warmCandles);
  }

  /**
   * Adds a closed candle to its ring and sidecar. Returns false (and changes nothing) for a forming
   * candle or one not newer than the ring's newest — the series gate already prevents both; this
   * keeps a replayed warm-up from corrupting a window that was not freed.
   */
  add(k: Kline): boolean {
    const ring = this.rings[k.interval];
    const newest = ring.lastOpenTimeMs();
    if (!k.closed || (newest !== undefined && k.openTimeMs <= newest)) return false;
    ring.push(k);
    this.sidecars[k.interval]?.add(k);
    return true;
  }
}

/** What candleWindow emits for each closed candle, after it was added to the windows. */
export interface WindowUpdate<S> {
  readonly kline: Kline;
  readonly symbol: string;
  readonly windows: SymbolWindows<S>;
}

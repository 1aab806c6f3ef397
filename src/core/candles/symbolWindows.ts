import { INTERVALS, type Interval, type Kline } from '../../domain/kline.js';

/** Something fed with every closed candle of one series, e.g. the incremental indicators. */
export interface Sidecar {
  add(k: Kline): void;
}

/**
 * Closed candles a warm-up replays from the store (or fetches over REST) per series: the indicators
 * start from the same candle live, after a restart and in a backtest (ARCHITECTURE.md: 500).
 */
export const WINDOW_CANDLES = 500;

/** Closed candles a series needs before its symbol is scored (MODELS.md: 51 on 1d, 4h and 30m). */
export const DEFAULT_WARM_CANDLES = 51;

/** What a window knows of one series: how many closed candles it took and the newest one's open time. */
interface SeriesTally {
  closed: number;
  lastOpenTimeMs: number | undefined;
}

/**
 * The windows of one symbol: per interval (1d, 4h, 30m) the count of closed candles taken, the
 * newest one's open time, and an optional sidecar (the incremental indicators, which are all the
 * models read). The candles themselves are not kept in memory: they are in SQLite (the candle
 * store holds every closed candle before it reaches a window), and a warm-up replays the newest
 * {@link WINDOW_CANDLES} from there. A symbol is **warm** when every interval took at least
 * `warmCandles` candles; cold symbols are watched but not scored.
 */
export class SymbolWindows<S> {
  private readonly tallies: Record<Interval, SeriesTally>;
  private readonly sidecars: Partial<Record<Interval, S & Sidecar>> = {};

  constructor(
    readonly symbol: string,
    private readonly warmCandles: number,
    createSidecar?: (symbol: string, interval: Interval) => S & Sidecar,
  ) {
    const tallies = {} as Record<Interval, SeriesTally>;
    for (const interval of INTERVALS) {
      tallies[interval] = { closed: 0, lastOpenTimeMs: undefined };
      if (createSidecar) this.sidecars[interval] = createSidecar(symbol, interval);
    }
    this.tallies = tallies;
  }

  /** Closed candles of `interval` this window took since it was created. */
  size(interval: Interval): number {
    return this.tallies[interval].closed;
  }

  /** Open time of the newest closed candle of `interval`, or undefined before the first. */
  lastOpenTimeMs(interval: Interval): number | undefined {
    return this.tallies[interval].lastOpenTimeMs;
  }

  /** The sidecar of one interval, or undefined when no `createSidecar` was given. */
  sidecar(interval: Interval): S | undefined {
    return this.sidecars[interval];
  }

  /** Every interval took at least `warmCandles` closed candles. */
  get warm(): boolean {
    return INTERVALS.every((interval) => this.tallies[interval].closed >= this.warmCandles);
  }

  /**
   * Takes a closed candle into its tally and sidecar. Returns false (and changes nothing) for a
   * forming candle or one not newer than the series' newest — the series gate already prevents
   * both; this keeps a replayed warm-up from corrupting a window that was not freed.
   */
  add(k: Kline): boolean {
    const tally = this.tallies[k.interval];
    if (!k.closed || (tally.lastOpenTimeMs !== undefined && k.openTimeMs <= tally.lastOpenTimeMs)) return false;
    tally.closed += 1;
    tally.lastOpenTimeMs = k.openTimeMs;
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

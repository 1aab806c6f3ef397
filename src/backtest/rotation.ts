import type { Kline } from '../domain/kline.js';
import { rotateUniverse } from '../core/universe/rotateUniverse.js';
import { selectPool } from '../core/universe/selectPool.js';
import type { SymbolLimit } from '../core/universe/symbolLimit.js';
import { RollingQuoteVolume } from './rotationVolume.js';

/** What the live universe is made of, in backtest terms (the bot's env values). */
export interface RotationSettings {
  /** Normalised FIXED_SYMBOLS. */
  readonly fixed: readonly string[];
  /** MAX_SYMBOLS_SUBSCRIBED as configured (a number or `all`), for the report. */
  readonly limit: SymbolLimit;
  /** Symbols watched at once (see universeSize); Infinity for `all`. */
  readonly maxSymbols: number;
  /** TOP_VOLUME_FETCH_LIMIT. */
  readonly poolLimit: number;
  /** UNIVERSE_REFRESH_SECONDS × 1000. */
  readonly refreshMs: number;
  /** ROTATION_SLOT_SECONDS × 1000. */
  readonly rotationMs: number;
  /** Event time the simulated bot starts: first pool, first slot. */
  readonly startMs: number;
}

/** Symbols that entered or left the top-volume pool at one refresh (event time). */
export interface PoolChange {
  readonly atMs: number;
  readonly joined: readonly string[];
  readonly left: readonly string[];
}

/**
 * The live rotation replayed in event time. The bot starting at `startMs` ranks the symbols of the
 * data by 24 h quote volume (see {@link RollingQuoteVolume}) into its pool, refreshes the pool every
 * `refreshMs`, moves the rotating slice every `rotationMs` and recomputes the current slot when the
 * set of symbols with an open trade (pinned) changes — the same steps as `streams/universe.ts`, on
 * the same `rotateUniverse`. Timer ticks at or before a candle's end apply before that candle
 * (a refresh before a rotation at the same instant). A symbol with no candle in the last 24 h is not
 * listed, so it is not in the pool. Questions must come in non-decreasing time order.
 */
export class RotationSchedule {
  private readonly volumes: ReadonlyMap<string, RollingQuoteVolume>;
  private pool: readonly string[] = [];
  private cursor = 0;
  private nextCursor = 0;
  private nextRefreshMs: number;
  private nextRotationMs: number;
  private pinnedKey = '';
  private universe: ReadonlySet<string> = new Set();
  private lastAskedMs = -Infinity;
  private readonly changes: PoolChange[] = [];

  constructor(
    private readonly settings: RotationSettings,
    klines30mBySymbol: ReadonlyMap<string, readonly Kline[]>,
  ) {
    const volumes = new Map<string, RollingQuoteVolume>();
    for (const [symbol, klines] of klines30mBySymbol) volumes.set(symbol, new RollingQuoteVolume(klines));
    this.volumes = volumes;
    this.nextRefreshMs = settings.startMs;
    this.nextRotationMs = settings.startMs + settings.rotationMs;
  }

  /** The watched set at `atMs` given the symbols with an open trade now. */
  universeAt(atMs: number, pinned: Iterable<string>): ReadonlySet<string> {
    if (atMs < this.lastAskedMs) throw new RangeError(`RotationSchedule: time went back from ${this.lastAskedMs} to ${atMs}`);
    this.lastAskedMs = atMs;
    const pinnedList = [...pinned].sort();
    const key = pinnedList.join(',');
    let changed = key !== this.pinnedKey;
    this.pinnedKey = key;
    while (Math.min(this.nextRefreshMs, this.nextRotationMs) <= atMs) {
      if (this.nextRefreshMs <= this.nextRotationMs) {
        this.refreshPool(this.nextRefreshMs);
        this.nextRefreshMs += this.settings.refreshMs;
      } else {
        this.cursor = this.nextCursor;
        this.nextRotationMs += this.settings.rotationMs;
      }
      this.recompute(pinnedList);
      changed = false;
    }
    if (changed) this.recompute(pinnedList);
    return this.universe;
  }

  /** Whether `symbol` is watched at `atMs` (see {@link universeAt}). */
  watches(symbol: string, atMs: number, pinned: Iterable<string>): boolean {
    return this.universeAt(atMs, pinned).has(symbol);
  }

  /** The top-volume pool at `atMs`: listed symbols of the data ranked by 24 h quote volume. */
  poolAt(atMs: number): string[] {
    const tickers: { symbol: string; quoteVolume: number }[] = [];
    for (const [symbol, volume] of this.volumes) {
      const quoteVolume = volume.at(atMs);
      if (quoteVolume > 0) tickers.push({ symbol, quoteVolume });
    }
    const symbols = tickers.map((t) => ({ symbol: t.symbol, contractType: 'PERPETUAL', status: 'TRADING', quoteAsset: 'USDT' }));
    return selectPool({ symbols, tickers, limit: this.settings.poolLimit });
  }

  /** Every change of the pool's membership so far, oldest first: listings joining, delistings leaving. */
  poolChanges(): readonly PoolChange[] {
    return this.changes;
  }

  private refreshPool(atMs: number): void {
    const next = this.poolAt(atMs);
    const before = new Set(this.pool);
    const after = new Set(next);
    const joined = next.filter((s) => !before.has(s)).sort();
    const left = this.pool.filter((s) => !after.has(s)).sort();
    if (joined.length > 0 || left.length > 0) this.changes.push({ atMs, joined, left });
    this.pool = next;
  }

  private recompute(pinned: readonly string[]): void {
    const slot = rotateUniverse({
      pool: this.pool, fixed: this.settings.fixed, pinned, maxSymbols: this.settings.maxSymbols, cursor: this.cursor,
    });
    this.nextCursor = slot.nextCursor;
    this.universe = new Set(slot.symbols);
  }
}

import { INTERVALS } from '../../domain/kline.js';
import type { SeriesNotice } from './gateInput.js';

/** How far the warm-ups of the symbols that joined are; what a progress log line says. */
export interface WarmUpFigures {
  /** Series (symbol × interval) warmed since this warm-up began. */
  readonly seriesDone: number;
  readonly seriesTotal: number;
  /** Symbols with all three series warmed. */
  readonly symbolsReady: number;
  readonly symbolsTotal: number;
  readonly elapsedMs: number;
  /** Linear estimate from the pace so far; undefined before the first series is done. */
  readonly remainingMs: number | undefined;
}

/**
 * Counts the warm-ups of the market-data path from the backfill's notices: a `begin` opens a
 * series, its `settled` or `failed` closes it. A warm-up is everything from the first `begin` after
 * an idle moment until no series is open any more (a cold start of the whole market is 1,800
 * series). Pure: the caller passes the time and decides when to log.
 */
export class WarmUpProgress {
  private readonly open = new Set<string>();
  private readonly doneIntervals = new Map<string, number>();
  private readonly symbols = new Set<string>();
  private seriesTotal = 0;
  private seriesDone = 0;
  private startedAtMs = 0;

  /** Whether a warm-up is running. */
  get running(): boolean {
    return this.open.size > 0;
  }

  /** Takes a notice; returns 'started' or 'finished' when the warm-up does, else undefined. */
  take(notice: SeriesNotice, nowMs: number): 'started' | 'finished' | undefined {
    const key = `${notice.symbol} ${notice.interval}`;
    if (notice.kind === 'begin') {
      if (this.open.has(key)) return undefined;
      const started = this.open.size === 0;
      if (started) this.reset(nowMs);
      this.open.add(key);
      this.symbols.add(notice.symbol);
      this.seriesTotal += 1;
      return started ? 'started' : undefined;
    }
    if (!this.open.delete(key)) return undefined;
    this.seriesDone += 1;
    this.doneIntervals.set(notice.symbol, (this.doneIntervals.get(notice.symbol) ?? 0) + 1);
    return this.open.size === 0 ? 'finished' : undefined;
  }

  figures(nowMs: number): WarmUpFigures {
    const elapsedMs = nowMs - this.startedAtMs;
    let symbolsReady = 0;
    for (const done of this.doneIntervals.values()) if (done >= INTERVALS.length) symbolsReady += 1;
    const left = this.seriesTotal - this.seriesDone;
    return {
      seriesDone: this.seriesDone, seriesTotal: this.seriesTotal, symbolsReady, symbolsTotal: this.symbols.size, elapsedMs,
      remainingMs: this.seriesDone === 0 ? undefined : Math.round((elapsedMs / this.seriesDone) * left),
    };
  }

  private reset(nowMs: number): void {
    this.doneIntervals.clear();
    this.symbols.clear();
    this.seriesTotal = 0;
    this.seriesDone = 0;
    this.startedAtMs = nowMs;
  }
}

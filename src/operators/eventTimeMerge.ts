import { Observable, type MonoTypeOperatorFunction, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { MarketEvent, SymbolHalt } from '../domain/halt.js';
import { klineEndMs, type Kline } from '../domain/kline.js';
import { EventTimeMerge, type LiveStart } from '../core/align/eventTimeMerge.js';

import { createWatermarkStats, recordStepWait, type WatermarkStats } from '../core/align/watermarkStats.js';

export type { LiveStart } from '../core/align/eventTimeMerge.js';
export { createWatermarkStats, type WatermarkStats } from '../core/align/watermarkStats.js';

export interface EventTimeMergeDeps {
  /** The watched symbols: a symbol that leaves holds no one any more. */
  readonly universe$: Observable<ReadonlySet<string>>;
  /** A symbol's live start once known (see LiveCursors); asked when it joins and until known. */
  readonly liveStart: (symbol: string) => LiveStart | undefined;
  /** How long the active symbols wait for one that has not delivered before it is declared late. */
  readonly maxWaitMs: number;
  readonly scheduler: SchedulerLike;
  readonly stats?: WatermarkStats;
  /** Told of each declaration: the symbols now late and the watermark they held. */
  readonly onLate?: (symbols: readonly string[], watermarkMs: number) => void;
  readonly onCaughtUp?: (symbol: string) => void;
  /** The watermark passed `throughMs` (see EventTimeMergeSink.advance): called after those candles went out. */
  readonly onAdvance?: (throughMs: number) => void;
}

export interface EventTimeMergeHaltsDeps extends EventTimeMergeDeps {
  /**
   * Symbols that stopped trading (see EventTimeMerge.end): what each delivered goes out, then its
   * halt, in the output stream, and the watermark stops waiting for it. Give them before the
   * universe drops the symbol, or its waiting candles are dropped with it.
   */
  readonly halts$: Observable<SymbolHalt>;
}

/**
 * Closed candles in (each series in order, any order across series); the same candles out in
 * event order: per symbol by end, 1d, 4h, 30m, and across symbols by (end, symbol) behind a
 * watermark (see {@link EventTimeMerge}). A symbol that holds the watermark for `maxWaitMs` while
 * another symbol has delivered past it is declared late and the others go on. A symbol that stops
 * trading (`halts$`) comes out as its halt after its last candle. Completing flushes what waits, in
 * order; unsubscribing releases the source, the universe, the halts and the timer.
 */
export function eventTimeMerge(deps: EventTimeMergeHaltsDeps): OperatorFunction<Kline, MarketEvent>;
export function eventTimeMerge(deps: EventTimeMergeDeps): MonoTypeOperatorFunction<Kline>;
export function eventTimeMerge(deps: EventTimeMergeDeps & Partial<Pick<EventTimeMergeHaltsDeps, 'halts$'>>): OperatorFunction<Kline, MarketEvent> {
  const { scheduler, maxWaitMs } = deps;
  return (source) =>
    new Observable<MarketEvent>((subscriber) => {
      const stats = deps.stats ?? createWatermarkStats();
      /** Symbols of the universe, and those of them whose live start is not known yet. */
      const watched = new Set<string>();
      const starting = new Set<string>();
      let timer: Subscription | undefined;
      let timerFor: number | undefined;
      /** Arrival times of the live 30m steps waiting in the merge. */
      const arrivedAt = new Map<Kline, number>();
      const merge = new EventTimeMerge({
        emit: (k) => {
          const arrived = arrivedAt.get(k);
          if (arrived !== undefined) {
            arrivedAt.delete(k);
            recordStepWait(stats, scheduler.now() - arrived);
          }
          subscriber.next(k);
        },
        advance: (ms) => deps.onAdvance?.(ms),
        caughtUp: (symbol) => {
          stats.lateSymbols = stats.lateSymbols.filter((s) => s !== symbol);
          deps.onCaughtUp?.(symbol);
        },
        halt: (halt) => subscriber.next(halt),
      });
      const askStarts = () => {
        for (const symbol of starting) {
          const start = deps.liveStart(symbol);
          if (start === undefined) continue;
          starting.delete(symbol);
          merge.start(symbol, start);
        }
      };
      const review = () => {
        stats.watermarkMs = merge.watermarkMs ?? null;
        stats.buffered = merge.bufferedCount();
        if (!merge.isHeld()) {
          timer?.unsubscribe();
          timer = undefined;
          return;
        }
        if (timer !== undefined && timerFor === merge.watermarkMs) return;
        timer?.unsubscribe();
        timerFor = merge.watermarkMs;
        timer = scheduler.schedule(() => {
          timer = undefined;
          const heldAt = merge.watermarkMs!;
          const late = merge.declareLate();
          if (late.length > 0) {
            stats.lateDeclarations += late.length;
            stats.lateSymbols = merge.lateSymbols();
            deps.onLate?.(late, heldAt);
          }
          review();
        }, maxWaitMs);
      };
      const guarded = (work: () => void) => {
        try {
          work();
          review();
        } catch (err) {
          subscriber.error(err);
        }
      };
      subscriber.add(
        deps.universe$.subscribe({
          next: (symbols) =>
            guarded(() => {
              for (const symbol of watched) {
                if (symbols.has(symbol)) continue;
                for (const k of arrivedAt.keys()) if (k.symbol === symbol) arrivedAt.delete(k);
                watched.delete(symbol);
                starting.delete(symbol);
                merge.forget(symbol);
                stats.lateSymbols = stats.lateSymbols.filter((s) => s !== symbol);
              }
              for (const symbol of symbols) {
                if (watched.has(symbol)) continue;
                watched.add(symbol);
                starting.add(symbol);
              }
              askStarts();
            }),
          error: (err: unknown) => subscriber.error(err),
        }),
      );
      if (deps.halts$ !== undefined) {
        subscriber.add(
          deps.halts$.subscribe({
            next: (halt) =>
              guarded(() => {
                for (const k of arrivedAt.keys()) if (k.symbol === halt.symbol) arrivedAt.delete(k);
                starting.delete(halt.symbol);
                stats.lateSymbols = stats.lateSymbols.filter((s) => s !== halt.symbol);
                merge.end(halt);
              }),
            error: (err: unknown) => subscriber.error(err),
          }),
        );
      }
      subscriber.add(
        source.subscribe({
          next: (k) =>
            guarded(() => {
              if (starting.size > 0) askStarts();
              if (k.interval === '30m' && isStep(k, deps.liveStart(k.symbol))) arrivedAt.set(k, scheduler.now());
              merge.push(k);
            }),
          error: (err: unknown) => subscriber.error(err),
          complete: () => {
            guarded(() => merge.flush());
            subscriber.complete();
          },
        }),
      );
      subscriber.add(() => timer?.unsubscribe());
    });
}

/** A 30m candle after its symbol's live start: processed, not history. */
function isStep(k: Kline, start: LiveStart | undefined): boolean {
  return start !== undefined && klineEndMs(k) > start.fromMs;
}

import { Observable, Subscription, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import type { Kline } from '../domain/kline.js';
import { IntervalAligner } from '../core/align/intervalAligner.js';

export interface AlignIntervalsDeps {
  /** How long a 30m candle may wait for the 4h/1d candle closing with it before it goes on without it. */
  readonly maxWaitMs: number;
  readonly scheduler: SchedulerLike;
  /** Told when a wait ran out: the scan then sees the higher window without its newest candle. */
  readonly onLate?: (symbol: string, released: readonly Kline[]) => void;
}

/**
 * Closed candles in (each series in order); the same candles out, with every 30m candle after the
 * 4h and 1d candles of its symbol that end at or before it, so a scan on a 30m close sees the 4h/1d
 * candle that closed at the same moment even when it arrived later on another shard.
 */
export function alignIntervals({ maxWaitMs, scheduler, onLate }: AlignIntervalsDeps): MonoTypeOperatorFunction<Kline> {
  return (source) =>
    new Observable<Kline>((subscriber) => {
      const aligner = new IntervalAligner();
      const timers = new Map<string, Subscription>();
      const settle = (symbol: string) => {
        const waiting = aligner.pending(symbol).length > 0;
        const timer = timers.get(symbol);
        if (!waiting && timer) {
          timer.unsubscribe();
          timers.delete(symbol);
        } else if (waiting && !timer) {
          const t = scheduler.schedule(() => {
            timers.delete(symbol);
            const released = aligner.release(symbol);
            onLate?.(symbol, released);
            for (const k of released) subscriber.next(k);
          }, maxWaitMs);
          timers.set(symbol, t);
        }
      };
      const sub = source.subscribe({
        next: (k) => {
          for (const ready of aligner.push(k)) subscriber.next(ready);
          settle(k.symbol);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          // At the end of input nothing more can arrive: release what waits, in order.
          for (const symbol of [...timers.keys()]) for (const k of aligner.release(symbol)) subscriber.next(k);
          subscriber.complete();
        },
      });
      return () => {
        sub.unsubscribe();
        for (const t of timers.values()) t.unsubscribe();
        timers.clear();
      };
    });
}

import { Observable, type OperatorFunction } from 'rxjs';
import type { Interval, Kline } from '../domain/kline.js';
import { DEFAULT_WARM_CANDLES, SymbolWindows, type Sidecar, type WindowUpdate } from '../core/candles/symbolWindows.js';

export type { WindowUpdate } from '../core/candles/symbolWindows.js';
export { SymbolWindows } from '../core/candles/symbolWindows.js';

export interface CandleWindowDeps<S> {
  /** Builds the per-series sidecar (e.g. incremental indicators), fed with every closed candle. */
  readonly createSidecar?: (symbol: string, interval: Interval) => S & Sidecar;
  /**
   * The symbols watched. A symbol that leaves frees its windows and sidecars (its candles stay in
   * SQLite); candles of symbols outside the latest set are ignored. Before the first set, all pass.
   */
  readonly universe$: Observable<ReadonlySet<string>>;
  /** Closed candles per interval for `warm` (MODELS.md: 51). */
  readonly warmCandles?: number;
}

/**
 * Keeps per symbol × {1d, 4h, 30m} a tally of the closed candles taken and a sidecar per series
 * (see SymbolWindows), and emits `{ kline, symbol, windows }` after each closed candle was added. Expects
 * the series gate's output: closed candles, each once, in order per series; anything else is
 * ignored. Completes with its source; `universe$` is followed only while the source lives.
 */
export function candleWindow<S = undefined>(deps: CandleWindowDeps<S>): OperatorFunction<Kline, WindowUpdate<S>> {
  const warmCandles = deps.warmCandles ?? DEFAULT_WARM_CANDLES;
  return (source) =>
    new Observable<WindowUpdate<S>>((subscriber) => {
      const bySymbol = new Map<string, SymbolWindows<S>>();
      let universe: ReadonlySet<string> | undefined;
      const windowsOf = (symbol: string): SymbolWindows<S> => {
        let w = bySymbol.get(symbol);
        if (!w) {
          w = new SymbolWindows<S>(symbol, warmCandles, deps.createSidecar);
          bySymbol.set(symbol, w);
        }
        return w;
      };
      // The universe first, so a current set (a BehaviorSubject) applies before the first candle.
      // Not merged with the candles: a candle then crosses one subscriber, not a multicast and a merge.
      subscriber.add(
        deps.universe$.subscribe({
          next: (next) => {
            universe = next;
            for (const symbol of bySymbol.keys()) if (!next.has(symbol)) bySymbol.delete(symbol);
          },
          error: (err: unknown) => subscriber.error(err),
        }),
      );
      subscriber.add(
        source.subscribe({
          next: (kline) => {
            if (universe && !universe.has(kline.symbol)) return;
            let windows: SymbolWindows<S>;
            try {
              windows = windowsOf(kline.symbol);
              if (!windows.add(kline)) return;
            } catch (err) {
              // As a map would: a failing window or sidecar errors the stream, it is not thrown away.
              subscriber.error(err);
              return;
            }
            subscriber.next({ kline, symbol: kline.symbol, windows });
          },
          error: (err: unknown) => subscriber.error(err),
          complete: () => subscriber.complete(),
        }),
      );
    });
}

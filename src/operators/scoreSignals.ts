import { defer, mergeMap, of, type MonoTypeOperatorFunction } from 'rxjs';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { scanSymbol } from '../core/models/scanSymbol.js';

export interface ScoreSignalsDeps {
  readonly desk: SignalDesk;
  /** Scans running at once (SCAN_CONCURRENCY). */
  readonly concurrency: number;
}

/**
 * Scores the candle's symbol with the configured profile (continuation first): only warm symbols,
 * and not while the symbol has an open paper trade (one trade per symbol). Scans are pure and
 * synchronous today, so with `mergeMap` they keep arrival order; the concurrency bound is what keeps
 * a burst of closes (a backfill after an outage) from starving the sockets if a scan ever awaits.
 */
export function scoreSignals({ desk, concurrency }: ScoreSignalsDeps): MonoTypeOperatorFunction<CandleStep> {
  return mergeMap(
    (step) =>
      defer(() => {
        if (!step.warm || desk.openTrades.has(step.kline.symbol)) return of(step);
        const candidates = scanSymbol(desk.config.profile, step.features, desk.config.models);
        return of(candidates.length === 0 ? step : { ...step, candidates });
      }),
    concurrency,
  );
}

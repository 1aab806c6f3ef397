import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { scanSymbol } from '../core/models/scanSymbol.js';

export interface ScoreSignalsDeps {
  readonly desk: SignalDesk;
}

/**
 * Scores the candle's symbol with the configured profile (continuation first): only warm symbols,
 * and not while the symbol has an open paper trade (one trade per symbol). A scan is a pure,
 * synchronous computation of a few microseconds, so it runs inline, in arrival order: a `mergeMap`
 * over it (the design's first draft, bounded by SCAN_CONCURRENCY) could never have two scans in
 * flight and cost a subscription per candle (see docs/ARCHITECTURE.md, "As built").
 */
export function scoreSignals(deps: ScoreSignalsDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(scoreSignalsStage(deps));
}

/** The stage itself, as a function of one step (signalPipeline composes the stages). */
export function scoreSignalsStage({ desk }: ScoreSignalsDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    if (!step.warm || desk.openTrades.has(step.kline.symbol)) return step;
    const candidates = scanSymbol(desk.config.profile, step.features, desk.config.models);
    return candidates.length === 0 ? step : { ...step, candidates };
  };
}

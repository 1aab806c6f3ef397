import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { trackCandle } from '../core/outcome/trackCandle.js';

export interface TrackOutcomeDeps {
  readonly desk: SignalDesk;
}

/**
 * Follows the candle's symbol's open paper trade on it: SL before TP, expiry on the signal
 * interval's clock. A close moves paper equity, frees the symbol (so it is scanned on this very
 * candle) and feeds the memory, whose new verdicts the gate reads next.
 */
export function trackOutcome(deps: TrackOutcomeDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(trackOutcomeStage(deps));
}

/** The stage itself, as a function of one step (signalPipeline composes the stages). */
export function trackOutcomeStage({ desk }: TrackOutcomeDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    const trade = desk.openTrades.get(step.kline.symbol);
    if (trade === undefined) return step;
    const update = trackCandle(trade, step.kline, desk.config.outcome);
    if (update.state === 'open') return step;
    const { closed, events } = desk.close(trade, update.exit);
    return { ...step, closedTrade: closed, memoryEvents: [...step.memoryEvents, ...events] };
  };
}

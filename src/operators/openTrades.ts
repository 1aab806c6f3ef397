import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { OpenTrade } from '../domain/trade.js';
import type { CandleStep, RecordedSignal } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { openTrade } from '../core/outcome/openTrade.js';

export interface OpenTradesDeps {
  readonly desk: SignalDesk;
}

/**
 * Gives each decision its signal id, in order, and opens the paper trade of the sent one at its
 * entry and end time. Ids come from the desk's counter (max id + 1 at start), so replaying a
 * candle whose transaction never committed gives the same ids again.
 */
export function openTrades(deps: OpenTradesDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(openTradesStage(deps));
}

/** The stage itself, as a function of one step (signalPipeline composes the stages). */
export function openTradesStage({ desk }: OpenTradesDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    if (step.decisions.length === 0) return step;
    const recorded: RecordedSignal[] = [];
    const opened: OpenTrade[] = [];
    for (const signal of step.decisions) {
      const id = desk.nextSignalId++;
      recorded.push({ id, signal });
      if (signal.status === 'sent' && !desk.openTrades.has(signal.symbol)) {
        const trade = openTrade(signal, id, desk.config.outcome);
        desk.openTrades.set(trade.symbol, trade);
        opened.push(trade);
      }
    }
    return { ...step, recorded, opened };
  };
}

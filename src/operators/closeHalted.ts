import { map, type OperatorFunction } from 'rxjs';
import type { SymbolHalt } from '../domain/halt.js';
import type { HaltStep } from '../core/desk/haltStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { haltExit } from '../core/outcome/haltExit.js';

export interface CloseHaltedDeps {
  readonly desk: SignalDesk;
}

/**
 * A symbol stopped trading: its open paper trade closes EXPIRED at the symbol's last close, with
 * the reason (haltExit), and moves paper equity and feeds the memory like any close: for win rates
 * and streaks it is an EXPIRED trade, a win only when its net R > 0 (MODELS.md reading 7). Every
 * halt gives a {@link HaltStep}, with or without a trade, for the notice.
 */
export function closeHalted(deps: CloseHaltedDeps): OperatorFunction<SymbolHalt, HaltStep> {
  return map(closeHaltedStage(deps));
}

/** The stage itself, as a function of one halt. */
export function closeHaltedStage({ desk }: CloseHaltedDeps): (halt: SymbolHalt) => HaltStep {
  return (halt) => {
    const trade = desk.openTrades.get(halt.symbol);
    if (trade === undefined) return { kind: 'halt', halt, closedTrade: null, memoryEvents: [] };
    const { closed, events } = desk.close(trade, haltExit(trade, halt, desk.config.outcome));
    return { kind: 'halt', halt, closedTrade: closed, memoryEvents: events };
  };
}

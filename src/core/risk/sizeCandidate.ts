import type { ReasonCode } from '../../domain/reason.js';
import type { Signal } from '../../domain/signal.js';
import { sizePosition } from './sizing.js';
import type { SymbolFilters } from './symbolFilters.js';

/** Reason code when a score is below the effective (memory-adjusted) threshold (decided by the memory gate). */
export const THRESHOLD_REASON_CODE = 'threshold' satisfies ReasonCode;

export interface SizeSignalContext {
  readonly equityUsdt: number;
  readonly filters: SymbolFilters;
}

/**
 * Sizes a decided signal at the risk the memory gate set for it (`riskPct`): quantity rounded
 * down to the LOT_SIZE step, prices to the tick. Only sizes: every memory effect was decided by
 * the gate. A blocked signal is sized too, for the record (the size it would have had), and keeps
 * its status; a sizing refusal (below MIN_QTY or MIN_NOTIONAL, a zero stop distance) adds reason
 * `size`, blocks a sent signal, and leaves quantity 0 and the prices as proposed.
 */
export function sizeSignal(signal: Signal, ctx: SizeSignalContext): Signal {
  const sized = sizePosition({
    entry: signal.entry,
    stopLoss: signal.stopLoss,
    takeProfit: signal.takeProfit,
    equityUsdt: ctx.equityUsdt,
    riskPct: signal.riskPct,
    filters: ctx.filters,
  });
  if (!sized.ok) return { ...signal, status: 'blocked', quantity: 0, reasons: [...signal.reasons, sized.reason] };
  const { entry, stopLoss, takeProfit, quantity } = sized.size;
  return { ...signal, entry, stopLoss, takeProfit, quantity };
}

import type { Reason, ReasonCode, SizeProblem } from '../../domain/reason.js';
import { roundDownToStep, roundToTick } from './decimalSteps.js';
import type { SymbolFilters } from './symbolFilters.js';

/** Reason code of every sizing refusal (MODELS.md "Risk and sizing", reading 10). */
export const SIZE_REASON_CODE = 'size' satisfies ReasonCode;

export interface SizingInput {
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  /** Paper equity at the signal (closed-trade equity; open trades reserve nothing). */
  readonly equityUsdt: number;
  /** Effective risk per trade in percent. */
  readonly riskPct: number;
  readonly filters: SymbolFilters;
}

/** A position that fits the symbol's filters; prices already on the tick grid. */
export interface PositionSize {
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  /** |entry − SL| after rounding to the tick: the price move that costs 1 R. */
  readonly stopDistance: number;
  /** equity × risk % / 100: what a stop-out would cost with an unrounded quantity. */
  readonly riskAmountUsdt: number;
  /** riskAmount / stopDistance rounded down to the lot step. */
  readonly quantity: number;
  readonly notionalUsdt: number;
}

export type SizingResult =
  | { readonly ok: true; readonly size: PositionSize }
  | { readonly ok: false; readonly reason: Reason };

function refuse(detail: SizeProblem): SizingResult {
  return { ok: false, reason: { code: SIZE_REASON_CODE, detail } };
}

/**
 * Fixed-fractional sizing: lose `riskPct` of equity at the stop. Prices are rounded to the tick
 * first (the stop distance is measured between the prices that would be sent), then the quantity
 * is rounded down to the lot step. Refuses (reason `size`) when the risk amount is not positive,
 * the stop distance is zero, the quantity is zero or below minQty, or the notional is below
 * MIN_NOTIONAL.
 */
export function sizePosition(input: SizingInput): SizingResult {
  const { filters } = input;
  const entry = roundToTick(input.entry, filters.tickSize);
  const stopLoss = roundToTick(input.stopLoss, filters.tickSize);
  const takeProfit = roundToTick(input.takeProfit, filters.tickSize);
  const riskAmountUsdt = (input.equityUsdt * input.riskPct) / 100;
  if (!(riskAmountUsdt > 0)) return refuse({ problem: 'riskAmount', riskUsdt: riskAmountUsdt });
  const stopDistance = Math.abs(entry - stopLoss);
  if (!(stopDistance > 0)) return refuse({ problem: 'stopDistance', entry, stopLoss });
  const quantity = roundDownToStep(riskAmountUsdt / stopDistance, filters.stepSize);
  if (!(quantity > 0) || quantity < filters.minQty) {
    return refuse({ problem: 'minQty', quantity, minQty: filters.minQty, stepSize: filters.stepSize });
  }
  const notionalUsdt = quantity * entry;
  if (notionalUsdt < filters.minNotional) {
    return refuse({ problem: 'minNotional', notionalUsdt, minNotional: filters.minNotional });
  }
  return { ok: true, size: { entry, stopLoss, takeProfit, stopDistance, riskAmountUsdt, quantity, notionalUsdt } };
}

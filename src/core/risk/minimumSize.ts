import type { Kline } from '../../domain/kline.js';
import { WilderAtr } from '../indicators/atr.js';
import { percentile } from '../percentile.js';
import { roundDownToStep } from './decimalSteps.js';
import type { SymbolFilters } from './symbolFilters.js';

/**
 * A symbol's typical stop as a fraction of price: the median, over its candles once the ATR is
 * stable, of `stopAtr × ATR / close` (the models put the stop `stopAtr` ATRs from the close).
 * Undefined when too few candles give an ATR.
 */
export function typicalStopFraction(candles: readonly Kline[], stopAtr: number, atrPeriod = 14): number | undefined {
  const atr = new WilderAtr(atrPeriod);
  const fractions: number[] = [];
  for (const k of candles) {
    atr.add(k);
    if (atr.value !== undefined && k.close > 0) fractions.push((stopAtr * atr.value) / k.close);
  }
  return fractions.length === 0 ? undefined : percentile(fractions, 50);
}

export interface MinimumSizeInput {
  readonly price: number;
  readonly stopFraction: number;
  readonly equityUsdt: number;
  readonly riskPct: number;
  readonly filters: SymbolFilters;
}

/** A symbol whose typical position falls below the exchange minimum, with what would fix it. */
export interface MinimumSizeShortfall {
  readonly quantity: number;
  readonly notionalUsdt: number;
  /** The smallest quantity the exchange takes (MIN_QTY, and MIN_NOTIONAL at this price, on the lot grid). */
  readonly minQuantity: number;
  /** The ACCOUNT_BALANCE at which the same risk reaches the minimum. */
  readonly neededEquityUsdt: number;
  /** The RISK_PER_TRADE at which the same balance reaches the minimum. */
  readonly neededRiskPct: number;
}

/**
 * Sizes a typical trade as the sizer does (risk ÷ stop distance, rounded down to the lot step) and
 * says whether MIN_QTY or MIN_NOTIONAL refuses it; undefined when it fits.
 */
export function minimumSizeShortfall({ price, stopFraction, equityUsdt, riskPct, filters }: MinimumSizeInput): MinimumSizeShortfall | undefined {
  const stopDistance = price * stopFraction;
  if (!(stopDistance > 0) || !(price > 0)) return undefined;
  const quantity = roundDownToStep((equityUsdt * riskPct) / 100 / stopDistance, filters.stepSize);
  const notionalUsdt = quantity * price;
  if (quantity > 0 && quantity >= filters.minQty && notionalUsdt >= filters.minNotional) return undefined;
  const forNotional = filters.minNotional / price;
  const stepped = filters.stepSize > 0 ? Math.ceil(forNotional / filters.stepSize - 1e-9) * filters.stepSize : forNotional;
  const minQuantity = Math.max(filters.minQty, stepped, filters.stepSize);
  const riskUsdt = minQuantity * stopDistance;
  return { quantity, notionalUsdt, minQuantity, neededEquityUsdt: (riskUsdt * 100) / riskPct, neededRiskPct: (riskUsdt * 100) / equityUsdt };
}

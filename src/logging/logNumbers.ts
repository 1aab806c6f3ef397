import { formatPrice, formatScore } from '../sinks/telegram/templates/format.js';

/** Significant digits of a price in a log line when the symbol's tick size is not known. */
const PRICE_DIGITS = 8;

/**
 * A price for a log field, as a number a person reads: on the symbol's tick size when known
 * (`90523.7`), else 8 significant digits, never float noise such as `90523.73544943333`.
 */
export function logPrice(value: number, tickSize?: number): number {
  if (!Number.isFinite(value)) return value;
  return tickSize !== undefined && tickSize > 0 ? Number(formatPrice(value, tickSize)) : Number(value.toPrecision(PRICE_DIGITS));
}

/** A score for a log field with one decimal, as the messages show it: `83.1`. */
export function logScore(value: number): number {
  return Number(formatScore(value));
}

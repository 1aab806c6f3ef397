import { DataError } from '../../domain/errors.js';
import { arrayOf, describeProblem, map, matching, number, openObject, optional, string, union, type Valid } from '../validate/index.js';

/**
 * The exchange rules that shape an order on one symbol, from Binance `exchangeInfo` filters.
 * A size ≤ 0 means "no constraint" (see {@link BACKTEST_DEFAULT_FILTERS}).
 */
export interface SymbolFilters {
  /** PRICE_FILTER `tickSize`: entry, SL and TP are rounded to the nearest multiple. */
  readonly tickSize: number;
  /** LOT_SIZE `stepSize`: quantity is rounded down to a multiple. */
  readonly stepSize: number;
  /** LOT_SIZE `minQty`: a smaller quantity gives no signal (reason `size`). */
  readonly minQty: number;
  /** MIN_NOTIONAL `notional` (USDT): quantity × entry below it gives no signal (reason `size`). */
  readonly minNotional: number;
}

/**
 * Filters used when no exchangeInfo is known (a backtest with `--no-filters` or without an
 * exchangeInfo.json, a symbol live before exchangeInfo named it, the demo): no price grid, no lot grid,
 * no minimums. Results then follow MODELS.md's formulas exactly, so two implementations of the
 * models agree trade by trade, and a trade's pnl equals R × risk amount. Live runs pass the real
 * filters (BTCUSDT today: tick 0.1, step 0.001, minQty 0.001, min notional 100).
 */
export const BACKTEST_DEFAULT_FILTERS: SymbolFilters = Object.freeze({
  tickSize: 0,
  stepSize: 0,
  minQty: 0,
  minNotional: 0,
});

/** Binance sends sizes as decimal strings ("0.00100000"); numbers are accepted too. */
const decimalText = union([map(matching(/^\d+(\.\d+)?([eE][-+]?\d+)?$/), Number), number(0)], 'a decimal ≥ 0, as text or a number');

const filterSchemas = {
  PRICE_FILTER: openObject({ tickSize: decimalText }),
  LOT_SIZE: openObject({ stepSize: decimalText, minQty: decimalText }),
  // Futures name the field `notional`; spot's MIN_NOTIONAL calls it `minNotional`.
  MIN_NOTIONAL: openObject({ notional: optional(decimalText), minNotional: optional(decimalText) }),
} as const;

const symbolEntrySchema = openObject({
  symbol: string(),
  filters: arrayOf(openObject({ filterType: string() })),
});

/** The part of an exchangeInfo `symbols[]` entry this module reads. */
export type ExchangeInfoSymbol = Valid<typeof symbolEntrySchema>;

function filterOf<K extends keyof typeof filterSchemas>(
  symbol: string,
  filters: ReadonlyArray<{ filterType: string }>,
  type: K,
): Valid<(typeof filterSchemas)[K]> | undefined {
  const raw = filters.find((f) => f.filterType === type);
  if (raw === undefined) return undefined;
  const checked = filterSchemas[type].check(raw);
  if (!checked.ok) throw new DataError('shape', `${symbol} ${type}: ${describeProblem(checked.problem)}`);
  return checked.value as Valid<(typeof filterSchemas)[K]>;
}

/**
 * Reads one exchangeInfo symbol entry. PRICE_FILTER and LOT_SIZE are required; a missing
 * MIN_NOTIONAL means no minimum. Throws {@link DataError} (kind `shape`) on a malformed entry,
 * so the caller drops that symbol and keeps the rest.
 */
export function parseSymbolFilters(entry: unknown): SymbolFilters {
  const checked = symbolEntrySchema.check(entry);
  if (!checked.ok) throw new DataError('shape', `exchangeInfo symbol: ${describeProblem(checked.problem)}`);
  const { symbol, filters } = checked.value;
  const price = filterOf(symbol, filters, 'PRICE_FILTER');
  const lot = filterOf(symbol, filters, 'LOT_SIZE');
  if (price === undefined || lot === undefined) {
    throw new DataError('shape', `${symbol}: PRICE_FILTER and LOT_SIZE are required`);
  }
  const notional = filterOf(symbol, filters, 'MIN_NOTIONAL');
  return {
    tickSize: price.tickSize,
    stepSize: lot.stepSize,
    minQty: lot.minQty,
    minNotional: notional?.notional ?? notional?.minNotional ?? 0,
  };
}

/** A lookup that falls back to `fallback` for symbols exchangeInfo did not describe. */
export function filtersLookup(
  known: ReadonlyMap<string, SymbolFilters>,
  fallback: SymbolFilters = BACKTEST_DEFAULT_FILTERS,
): (symbol: string) => SymbolFilters {
  return (symbol) => known.get(symbol) ?? fallback;
}

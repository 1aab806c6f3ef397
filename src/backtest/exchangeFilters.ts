import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../domain/errors.js';
import { BACKTEST_DEFAULT_FILTERS, parseSymbolFilters, type SymbolFilters } from '../core/risk/symbolFilters.js';

/** The file beside the CSVs that holds the exchange's filters (`npm run download` writes it). */
export const EXCHANGE_INFO_FILE = 'exchangeInfo.json';

/**
 * The exchange filters a backtest sizes with: LOT_SIZE step and MIN_QTY, PRICE_FILTER tick and
 * MIN_NOTIONAL per symbol, read the same way the live bot reads `GET /fapi/v1/exchangeInfo`
 * (see core/risk/symbolFilters). `source` undefined: none were applied and every quantity is
 * the unrounded formula of MODELS.md, which the live bot could not always trade.
 */
export interface BacktestFilters {
  /** The exchangeInfo file the filters came from; undefined when none was applied. */
  readonly source: string | undefined;
  /** Why none were applied (`--no-filters`, or no file beside the data). */
  readonly missingReason: 'disabled' | 'no-file' | undefined;
  readonly bySymbol: ReadonlyMap<string, SymbolFilters>;
  /** Symbols of the run the file does not describe: they size without filters. */
  readonly unfiltered: readonly string[];
  /** The filters of a symbol (no constraint for one the file does not describe), as live. */
  readonly lookup: (symbol: string) => SymbolFilters;
}

export interface FilterSourceInput {
  readonly dataDir: string;
  /** `--filters FILE`: used instead of the data folder's own file; it must exist. */
  readonly file: string | undefined;
  /** `--no-filters`: size as MODELS.md's formulas alone (the exactness fixtures use it). */
  readonly disabled: boolean;
  /** The symbols the run replays. */
  readonly symbols: readonly string[];
}

class FiltersFileError extends DataError {
  constructor(file: string, problem: string) {
    super('backtest-data', `${file}: ${problem}`);
  }
}

/** Parses an exchangeInfo body (the exchange's, or the one `download` writes) into filters per symbol. */
export function parseExchangeInfoFilters(text: string, file: string): Map<string, SymbolFilters> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FiltersFileError(file, 'is not JSON (expected the body of GET /fapi/v1/exchangeInfo)');
  }
  const symbols = (body as { symbols?: unknown } | null)?.symbols;
  if (!Array.isArray(symbols)) throw new FiltersFileError(file, 'has no "symbols" list (expected the body of GET /fapi/v1/exchangeInfo)');
  const out = new Map<string, SymbolFilters>();
  for (const entry of symbols) {
    try {
      const filters = parseSymbolFilters(entry);
      out.set((entry as { symbol: string }).symbol, filters);
    } catch (err) {
      throw new FiltersFileError(file, err instanceof Error ? err.message : String(err));
    }
  }
  return out;
}

function none(reason: 'disabled' | 'no-file', symbols: readonly string[]): BacktestFilters {
  return { source: undefined, missingReason: reason, bySymbol: new Map(), unfiltered: [...symbols], lookup: () => BACKTEST_DEFAULT_FILTERS };
}

/**
 * Finds and reads the run's filters: `--filters FILE`, else `exchangeInfo.json` in the data
 * folder, else none. A file that is named but missing, not JSON or malformed fails the run with
 * one line naming it: a backtest sized with half its filters would look like a live one and not be.
 */
export function loadBacktestFilters({ dataDir, file, disabled, symbols }: FilterSourceInput): BacktestFilters {
  if (disabled) return none('disabled', symbols);
  const path = file ?? join(dataDir, EXCHANGE_INFO_FILE);
  if (!existsSync(path)) {
    if (file !== undefined) throw new FiltersFileError(file, 'does not exist');
    return none('no-file', symbols);
  }
  const bySymbol = parseExchangeInfoFilters(readFileSync(path, 'utf8'), path);
  return {
    source: path, missingReason: undefined, bySymbol,
    unfiltered: symbols.filter((s) => !bySymbol.has(s)),
    lookup: (symbol) => bySymbol.get(symbol) ?? BACKTEST_DEFAULT_FILTERS,
  };
}

import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { EXCHANGE_INFO_FILE } from '../backtest/exchangeFilters.js';
import type { ExchangeInfo } from '../streams/binanceRest.js';

/** One `symbols[]` entry of exchangeInfo as the REST client reads it: symbol, status, contract, assets, and every filter whole. */
type SymbolEntry = ExchangeInfo['symbols'][number];

function previousEntries(path: string): SymbolEntry[] {
  if (!existsSync(path)) return [];
  try {
    const body = JSON.parse(readFileSync(path, 'utf8')) as { symbols?: unknown };
    return Array.isArray(body.symbols) ? (body.symbols as SymbolEntry[]) : [];
  } catch {
    return []; // a damaged file is replaced: the exchange's current answer is the better one
  }
}

/**
 * Writes `OUT/exchangeInfo.json` beside the CSVs: the exchange's `symbols[]` entries (status and
 * every filter: PRICE_FILTER, LOT_SIZE, MIN_NOTIONAL …) of the downloaded symbols, so a backtest of the folder
 * sizes with the filters the live bot uses. Entries of other symbols already in the file (an
 * earlier download into the same folder) are kept; the downloaded ones are replaced with today's.
 * Returns the symbols the exchange did not describe (not listed any more).
 */
export function writeExchangeInfoFile(outDir: string, info: ExchangeInfo, symbols: readonly string[]): string[] {
  const path = join(outDir, EXCHANGE_INFO_FILE);
  const wanted = new Set(symbols);
  const fresh = info.symbols.filter((s) => wanted.has(s.symbol));
  const kept = previousEntries(path).filter((s) => !wanted.has(s.symbol));
  const entries = [...kept, ...fresh].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ source: 'GET /fapi/v1/exchangeInfo', symbols: entries }, null, 2)}\n`);
  renameSync(tmp, path);
  const described = new Set(fresh.map((s) => s.symbol));
  return symbols.filter((s) => !described.has(s));
}

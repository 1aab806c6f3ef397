import { UNIVERSE_QUOTE_ASSET } from './normaliseFixedSymbols.js';

/** The few exchangeInfo symbol fields the pool filter reads (Binance `GET /fapi/v1/exchangeInfo`). */
export interface PoolSymbolInfo {
  readonly symbol: string;
  readonly contractType: string;
  readonly status: string;
  readonly quoteAsset: string;
}

/** The 24 h turnover of a symbol (`quoteVolume` of `GET /fapi/v1/ticker/24hr`), the ranking key. */
export interface PoolTicker {
  readonly symbol: string;
  readonly quoteVolume: number;
}

export interface SelectPoolInput {
  readonly symbols: readonly PoolSymbolInfo[];
  readonly tickers: readonly PoolTicker[];
  /** TOP_VOLUME_FETCH_LIMIT: how many symbols the pool keeps. */
  readonly limit: number;
  /** Symbols Binance called invalid (-1121): never part of the pool. */
  readonly excluded?: ReadonlySet<string>;
}

/**
 * The top-volume pool the rotation walks: USDT-quoted PERPETUAL contracts in status TRADING,
 * ranked by 24 h quote volume (highest first, symbol name breaks ties so the order is stable),
 * cut to `limit`. Filtering by exchangeInfo fields rather than by name keeps quarterly contracts
 * (`BTCUSDT_260925`), USDC pairs and delisted symbols out. A tradable symbol without a ticker
 * ranks last, as volume 0.
 */
export function selectPool({ symbols, tickers, limit, excluded }: SelectPoolInput): string[] {
  const volume = new Map<string, number>();
  for (const t of tickers) volume.set(t.symbol, Number.isFinite(t.quoteVolume) ? t.quoteVolume : 0);
  const tradable = symbols.filter(
    (s) =>
      s.contractType === 'PERPETUAL' &&
      s.status === 'TRADING' &&
      s.quoteAsset === UNIVERSE_QUOTE_ASSET &&
      !(excluded?.has(s.symbol) ?? false),
  );
  const unique = [...new Set(tradable.map((s) => s.symbol))];
  unique.sort((a, b) => (volume.get(b) ?? 0) - (volume.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return unique.slice(0, Math.max(0, limit));
}

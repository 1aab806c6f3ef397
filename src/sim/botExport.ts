import { UNIVERSE_QUOTE_ASSET } from '../core/universe/normaliseFixedSymbols.js';
import type { MarketSymbol } from './market.js';

/** What the bot needs to know about a running simulator to watch it. */
export interface BotExportInput {
  readonly restUrl: string;
  readonly wsBaseUrl: string;
  /** The listings at the simulated start (Market.listingsAt). */
  readonly listings: readonly MarketSymbol[];
  /** The symbols of the --data CSV files: real candles, the ones to watch always. */
  readonly dataSymbols: ReadonlySet<string>;
}

/** Never more fixed symbols than this: the bot's default MAX_SYMBOLS_SUBSCRIBED is 40. */
const MAX_FIXED = 40;

/**
 * The base assets the bot can watch on this simulator: USDT perpetuals that trade at the start,
 * those with CSV data first (the synthetic `SIMnnn` ones only when the data has none).
 */
export function simFixedSymbols({ listings, dataSymbols }: Pick<BotExportInput, 'listings' | 'dataSymbols'>): string[] {
  const tradable = listings.filter((s) => s.status === 'TRADING' && s.contractType === 'PERPETUAL' && s.quoteAsset === UNIVERSE_QUOTE_ASSET);
  const fromData = tradable.filter((s) => dataSymbols.has(s.symbol));
  return (fromData.length > 0 ? fromData : tradable).slice(0, MAX_FIXED).map((s) => s.baseAsset);
}

/**
 * The database of a bot watching the simulator: never the live one (./data/kline-signals.db), where
 * simulated candles, signals and open trades would mix with Binance's (the bot refuses that mix).
 */
export const SIM_DB_PATH = './data/sim.db';

/**
 * The line `npm run sim` prints for a second terminal: pasted into a shell, `npm start` there
 * watches this simulator (its REST and market stream URLs) on symbols it actually lists, so the
 * default FIXED_SYMBOLS (BNB is not in the bundled data) raises no "not listed" warning, and writes
 * into its own database ({@link SIM_DB_PATH}).
 */
export function botExportLine(input: BotExportInput): string {
  return `export BINANCE_REST_URL=${input.restUrl} BINANCE_WS_URL=${input.wsBaseUrl} FIXED_SYMBOLS=${simFixedSymbols(input).join(',')} DB_PATH=${SIM_DB_PATH}`;
}

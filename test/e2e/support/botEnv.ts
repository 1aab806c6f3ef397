import { join } from 'node:path';
import type { Simulator } from '../../../src/sim/simulator.js';

/** Settings every e2e run shares; a test overrides what it is about. */
export interface BotEnvInput {
  readonly sim: Simulator;
  readonly dir: string;
  readonly httpPort: number;
  readonly overrides?: Readonly<Record<string, string>>;
}

/** The bot's database file inside the test's temp dir. */
export function dbPathIn(dir: string): string {
  return join(dir, 'bot.db');
}

/**
 * The environment of a bot pointed at the simulator: only the CSV symbols (so the truth is real
 * data), a short stale limit, JSON logs at info, the console sink (no Telegram token).
 */
export function botEnv({ sim, dir, httpPort, overrides = {} }: BotEnvInput): Record<string, string> {
  return {
    BINANCE_REST_URL: sim.restUrl,
    BINANCE_WS_URL: sim.wsBaseUrl,
    DB_PATH: dbPathIn(dir),
    FIXED_SYMBOLS: 'BTC,ETH,SOL',
    MAX_SYMBOLS_SUBSCRIBED: '3',
    STALE_AFTER_SECONDS: '5',
    LOG_LEVEL: 'info',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(httpPort),
    ...overrides,
  };
}

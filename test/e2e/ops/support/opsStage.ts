import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '../../../../src/sim/simulator.js';
import { TelegramFake, type FakeLimits } from '../../../fakes/telegramFake.js';

/** The bundled real candles (BTC, ETH, SOL × 30m, 4h, 1d). */
export const EXAMPLE_KLINES = fileURLToPath(new URL('../../../../examples/klines', import.meta.url));

/** A simulated day with signals soon after start (src/demo.ts uses the same). */
export const SIM_START_MS = Date.UTC(2025, 5, 1);

/** The private chat alerts go to: a user chat, so only the 1 message/s per chat limit applies. */
export const ALERT_CHAT = '4242';

/**
 * A fresh bot token shaped like BotFather's (digits:secret). The secret is `secretLength` chars;
 * below 30 the generic token-shape redaction does not catch it, only the configured-secret one does.
 */
export function makeToken(secretLength = 35): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const secret = [...randomBytes(secretLength)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${randomInt(100_000_000, 999_999_999)}:${secret}`;
}

export interface StageOptions {
  /** Simulated seconds per real second. */
  readonly speed: number;
  readonly token?: string;
  /** The fake's limits (Telegram's by default). */
  readonly fakeLimits?: FakeLimits | false;
}

/** What every ops test stands on: a simulated exchange, the Bot API fake and a temp dir. */
export interface Stage {
  readonly sim: Simulator;
  readonly fake: TelegramFake;
  readonly token: string;
  readonly dir: string;
  readonly dbPath: string;
  /** The bot's environment on this stage; `overrides` win. */
  env(overrides?: Readonly<Record<string, string>>): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the stage. Settings chosen so signals and trade results flow within seconds: the three CSV
 * symbols only, a lower score threshold, memory off unless a test turns it on, short trade expiry.
 */
export async function startStage({ speed, token = makeToken(), fakeLimits }: StageOptions): Promise<Stage> {
  const fake = await TelegramFake.start({ token, ...(fakeLimits === undefined ? {} : { limits: fakeLimits }) });
  const sim = await startSimulator({ data: EXAMPLE_KLINES, speed, startTimeMs: SIM_START_MS });
  const dir = mkdtempSync(join(tmpdir(), 'kline-ops-'));
  const dbPath = join(dir, 'bot.db');
  return {
    sim, fake, token, dir, dbPath,
    env: (overrides = {}) => ({
      BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsBaseUrl, DB_PATH: dbPath,
      FIXED_SYMBOLS: 'BTC,ETH,SOL', MAX_SYMBOLS_SUBSCRIBED: '3', STALE_AFTER_SECONDS: '60',
      SCORE_THRESHOLD: '55', MAX_SIGNALS_PER_DAY: '20', MEMORY_ENABLED: 'false', TRADE_EXPIRY_CANDLES: '12',
      TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_ID: ALERT_CHAT, TELEGRAM_API_ROOT: fake.apiRoot,
      LANGUAGE: 'en', LOG_LEVEL: 'info', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0',
      ...overrides,
    }),
    close: async () => {
      await Promise.allSettled([sim.close(), fake.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

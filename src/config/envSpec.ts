import { z } from 'zod';

/**
 * One environment variable: how it is parsed, its default, and the allowed range in words
 * (printed in the one-line error when a value is refused, and in `.env.example`).
 */
export interface EnvVar<T> {
  readonly name: string;
  readonly defaultValue: string | undefined;
  readonly allowed: string;
  readonly description: string;
  readonly schema: z.ZodType<T>;
}

function variable<T>(name: string, defaultValue: string | undefined, allowed: string, description: string, schema: z.ZodType<T>): EnvVar<T> {
  return { name, defaultValue, allowed, description, schema };
}

const number = (min: number, max: number) => z.coerce.number().refine((n) => Number.isFinite(n) && n >= min && n <= max);
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const symbolLimit = z.union([z.literal('all'), integer(1, 1000)]);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = (protocols: readonly string[]) =>
  z.string().refine((s) => {
    try {
      return protocols.includes(new URL(s).protocol);
    } catch {
      return false;
    }
  });
const SYMBOL = /^[A-Z0-9]{2,20}$/;
const symbolList = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim().toUpperCase()))
  .refine((parts) => parts.length > 0 && parts.every((p) => SYMBOL.test(p)));
const idList = z
  .string()
  .transform((s) => (s.trim() === '' ? [] : s.split(',').map((p) => p.trim())))
  .refine((ids) => ids.every((id) => /^-?\d{1,20}$/.test(id)));
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable kline-signals reads, in the order of `.env.example`. */
export const ENV = {
  RISK_PER_TRADE: variable('RISK_PER_TRADE', '1.0', '0.1–5', 'percent of paper equity risked per signal', number(0.1, 5)),
  MAX_SIGNALS_PER_DAY: variable('MAX_SIGNALS_PER_DAY', '5', 'integer 1–20', 'sent signals per UTC day', integer(1, 20)),
  SCORE_THRESHOLD: variable('SCORE_THRESHOLD', '75', '50–95', 'minimum model score for a signal', number(50, 95)),
  MAX_SYMBOLS_SUBSCRIBED: variable('MAX_SYMBOLS_SUBSCRIBED', '40', 'integer 1–1000, or all', 'symbols watched at once (fixed ones included; the rest rotate through the top-volume pool); all ⇒ every USDT perpetual in TRADING', symbolLimit),
  TOP_VOLUME_FETCH_LIMIT: variable('TOP_VOLUME_FETCH_LIMIT', '300', 'integer 1–1000', 'size of the top-volume pool the rotation walks (never below MAX_SYMBOLS_SUBSCRIBED; unused with all)', integer(1, 1000)),
  UNIVERSE_REFRESH_SECONDS: variable('UNIVERSE_REFRESH_SECONDS', '21600', 'integer 10–604800', 'refresh of the top-volume pool', integer(10, 604_800)),
  ROTATION_SLOT_SECONDS: variable('ROTATION_SLOT_SECONDS', '1800', 'integer 10–604800', 'rotation of the non-fixed slice', integer(10, 604_800)),
  FIXED_SYMBOLS: variable('FIXED_SYMBOLS', 'BTC,ETH,BNB', 'comma-separated base assets or symbols of A–Z/0–9', 'always watched', symbolList),
  WS_MAX_STREAMS_PER_CONN: variable('WS_MAX_STREAMS_PER_CONN', '50', 'integer 1–200', 'kline streams per socket (shard)', integer(1, 200)),
  STALE_AFTER_SECONDS: variable('STALE_AFTER_SECONDS', '60', 'integer 5–3600', 'a silent shard is reconnected after this', integer(5, 3600)),
  WATERMARK_MAX_WAIT_SECONDS: variable('WATERMARK_MAX_WAIT_SECONDS', '60', 'integer 1–3600', 'how long the other symbols wait for one that has not delivered its candle before it is declared late', integer(1, 3600)),
  LATE_SIGNALS: variable('LATE_SIGNALS', 'send', 'send or skip', 'a signal committed more than one 30m period after its candle closed: sent with a late notice, or only recorded', z.enum(['send', 'skip'])),
  SCAN_CONCURRENCY: variable('SCAN_CONCURRENCY', undefined, 'unset, or integer 1–64', 'deprecated: accepted with a warning and without effect (scans are synchronous and run one per candle, in order); remove it', integer(1, 64).optional()),
  MODEL_PROFILE: variable('MODEL_PROFILE', 'seed', 'seed or confluence', 'scoring models (MODELS.md)', z.enum(['seed', 'confluence'])),
  CONTINUATION_ENABLED: variable('CONTINUATION_ENABLED', 'true', 'true or false', 'continuation model on', bool),
  REVERSAL_ENABLED: variable('REVERSAL_ENABLED', 'true', 'true or false', 'reversal model on', bool),
  MEMORY_ENABLED: variable('MEMORY_ENABLED', 'true', 'true or false', 'adaptive memory rules on', bool),
  MEMORY_RULES_FILE: variable('MEMORY_RULES_FILE', undefined, 'unset, or the path of a JSON file', 'the memory rules as [{ id, kind, scope, params, title? }]; unset ⇒ the 8 seed rules (docs/ARCHITECTURE.md)', z.string().min(1).optional()),
  ACCOUNT_BALANCE: variable('ACCOUNT_BALANCE', '1000', '10–1000000000', 'USDT, starting paper equity and sizing base', number(10, 1e9)),
  TRADE_EXPIRY_CANDLES: variable('TRADE_EXPIRY_CANDLES', '48', 'integer 1–1000', 'candles of the signal interval before a trade expires', integer(1, 1000)),
  FEE_BPS: variable('FEE_BPS', '5', '0–100', 'fee per side in basis points of the notional', number(0, 100)),
  BINANCE_REST_URL: variable('BINANCE_REST_URL', 'https://fapi.binance.com', 'an http(s) URL', 'Binance USD-M REST base', url(['http:', 'https:'])),
  BINANCE_WS_URL: variable('BINANCE_WS_URL', 'wss://fstream.binance.com/market', 'a ws(s) URL', 'market streams base; combined streams at /stream?streams=', url(['ws:', 'wss:'])),
  TELEGRAM_BOT_TOKEN: variable('TELEGRAM_BOT_TOKEN', undefined, 'unset, or digits:secret as BotFather gives it', 'unset ⇒ messages go to the console', z.string().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,}$/).optional()),
  TELEGRAM_CHAT_ID: variable('TELEGRAM_CHAT_ID', undefined, 'unset, an integer chat id or @channelname', 'where alerts go and commands are taken', z.string().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/).optional()),
  TELEGRAM_ADMIN_IDS: variable('TELEGRAM_ADMIN_IDS', '', 'comma-separated integer user ids', 'users allowed to command from other chats', idList),
  TELEGRAM_API_ROOT: variable('TELEGRAM_API_ROOT', 'https://api.telegram.org', 'an http(s) URL', 'Bot API root', url(['http:', 'https:'])),
  LANGUAGE: variable('LANGUAGE', 'vi', 'vi or en', 'language of messages', z.enum(['vi', 'en'])),
  DB_PATH: variable('DB_PATH', './data/kline-signals.db', 'a file path', 'SQLite database file', z.string().min(1)),
  HTTP_HOST: variable('HTTP_HOST', '127.0.0.1', 'a host name or IP', 'health, metrics and dashboard', z.string().min(1)),
  HTTP_PORT: variable('HTTP_PORT', '9464', 'integer 0–65535 (0 disables)', 'health, metrics and dashboard', integer(0, 65_535)),
  LOG_LEVEL: variable('LOG_LEVEL', 'info', LOG_LEVELS.join(', '), 'pino log level', z.enum(LOG_LEVELS)),
} as const;

export type EnvSpec = typeof ENV;
export type EnvValues = { readonly [K in keyof EnvSpec]: z.output<EnvSpec[K]['schema']> };

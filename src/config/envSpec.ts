import { literal, matching, oneOf, optional, text, union, type Checked, type Validator } from '../core/validate/index.js';
import { booleanText, commaList, integerText, numberText, urlText } from './textParsers.js';
import { subscriberSetting, SUBSCRIBERS_ALLOWED } from './subscribers.js';

/**
 * One environment variable: how it is parsed, its default, and the allowed range in words
 * (printed in the one-line error when a value is refused, and in `.env.example`).
 */
export interface EnvVar<T> {
  readonly name: string;
  readonly defaultValue: string | undefined;
  readonly allowed: string;
  readonly description: string;
  /** The typed value of the variable's text (trimmed, non-empty), or why it is refused. */
  readonly parse: (text: string) => Checked<T>;
}

function variable<T>(name: string, defaultValue: string | undefined, allowed: string, description: string, value: Validator<T>): EnvVar<T> {
  return { name, defaultValue, allowed, description, parse: (input) => value.check(input) };
}

const symbolLimit = union([literal('all'), integerText(1, 1000)], 'integer 1–1000, or all');
const symbolList = commaList(/^[A-Z0-9]{2,20}$/, { upperCase: true, nonEmpty: true });
const idList = commaList(/^-?\d{1,20}$/);
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable kline-signals reads, in the order of `.env.example`. */
export const ENV = {
  RISK_PER_TRADE: variable('RISK_PER_TRADE', '1.0', '0.1–5', 'percent of paper equity risked per signal', numberText(0.1, 5)),
  MAX_SIGNALS_PER_DAY: variable('MAX_SIGNALS_PER_DAY', '5', 'integer 1–20', 'sent signals per UTC day', integerText(1, 20)),
  SCORE_THRESHOLD: variable('SCORE_THRESHOLD', '75', '50–95', 'minimum model score for a signal', numberText(50, 95)),
  MAX_SYMBOLS_SUBSCRIBED: variable('MAX_SYMBOLS_SUBSCRIBED', '40', 'integer 1–1000, or all', 'symbols watched at once (fixed ones included; the rest rotate through the top-volume pool); all ⇒ every USDT perpetual in TRADING', symbolLimit),
  TOP_VOLUME_FETCH_LIMIT: variable('TOP_VOLUME_FETCH_LIMIT', '300', 'integer 1–1000', 'size of the top-volume pool the rotation walks (never below MAX_SYMBOLS_SUBSCRIBED; unused with all)', integerText(1, 1000)),
  UNIVERSE_REFRESH_SECONDS: variable('UNIVERSE_REFRESH_SECONDS', '21600', 'integer 10–604800', 'refresh of the top-volume pool', integerText(10, 604_800)),
  ROTATION_SLOT_SECONDS: variable('ROTATION_SLOT_SECONDS', '1800', 'integer 10–604800', 'rotation of the non-fixed slice', integerText(10, 604_800)),
  FIXED_SYMBOLS: variable('FIXED_SYMBOLS', 'BTC,ETH,BNB', 'comma-separated base assets or symbols of A–Z/0–9', 'always watched', symbolList),
  WS_MAX_STREAMS_PER_CONN: variable('WS_MAX_STREAMS_PER_CONN', '50', 'integer 1–200', 'kline streams per socket (shard)', integerText(1, 200)),
  STALE_AFTER_SECONDS: variable('STALE_AFTER_SECONDS', '60', 'integer 5–3600', 'a silent shard is reconnected after this', integerText(5, 3600)),
  WATERMARK_MAX_WAIT_SECONDS: variable('WATERMARK_MAX_WAIT_SECONDS', '60', 'integer 1–3600', 'how long the other symbols wait for one that has not delivered its candle before it is declared late', integerText(1, 3600)),
  CATCH_UP_MAX_DAYS: variable('CATCH_UP_MAX_DAYS', '14', 'integer 0–90', 'a restart after a stop up to this long replays every candle missed, deciding as if never stopped; after a longer stop the bot goes on from the restart and closes open trades as expired (told once)', integerText(0, 90)),
  LATE_SIGNALS: variable('LATE_SIGNALS', 'send', 'send or skip', 'a signal committed more than one 30m period after its candle closed: sent with a late notice, or only recorded', oneOf(['send', 'skip'])),
  SCAN_CONCURRENCY: variable('SCAN_CONCURRENCY', undefined, 'unset, or integer 1–64', 'deprecated: accepted with a warning and without effect (scans are synchronous and run one per candle, in order); remove it', optional(integerText(1, 64))),
  MODEL_PROFILE: variable('MODEL_PROFILE', 'seed', 'seed or confluence', 'scoring models (MODELS.md)', oneOf(['seed', 'confluence'])),
  CONTINUATION_ENABLED: variable('CONTINUATION_ENABLED', 'true', 'true or false', 'continuation model on', booleanText),
  REVERSAL_ENABLED: variable('REVERSAL_ENABLED', 'true', 'true or false', 'reversal model on', booleanText),
  MEMORY_ENABLED: variable('MEMORY_ENABLED', 'true', 'true or false', 'adaptive memory rules on', booleanText),
  MEMORY_RULES_FILE: variable('MEMORY_RULES_FILE', undefined, 'unset, or the path of a JSON file', 'the memory rules as [{ id, kind, scope, params, title? }]; unset ⇒ the 8 seed rules (docs/MODELS.md)', optional(text(1))),
  ACCOUNT_BALANCE: variable('ACCOUNT_BALANCE', '1000', '10–1000000000', 'USDT, starting paper equity and sizing base', numberText(10, 1e9)),
  TRADE_EXPIRY_CANDLES: variable('TRADE_EXPIRY_CANDLES', '48', 'integer 1–1000', 'candles of the signal interval before a trade expires', integerText(1, 1000)),
  FEE_BPS: variable('FEE_BPS', '5', '0–100', 'fee per side in basis points of the notional', numberText(0, 100)),
  BINANCE_REST_URL: variable('BINANCE_REST_URL', 'https://fapi.binance.com', 'an http(s) URL', 'Binance USD-M REST base', urlText(['http:', 'https:'])),
  BINANCE_WS_URL: variable('BINANCE_WS_URL', 'wss://fstream.binance.com/market', 'a ws(s) URL', 'market streams base; combined streams at /stream?streams=', urlText(['ws:', 'wss:'])),
  TELEGRAM_BOT_TOKEN: variable('TELEGRAM_BOT_TOKEN', undefined, 'unset, or digits:secret as BotFather gives it', 'unset ⇒ messages go to the console', optional(matching(/^\d{3,20}:[A-Za-z0-9_-]{20,}$/))),
  TELEGRAM_CHAT_ID: variable('TELEGRAM_CHAT_ID', undefined, 'unset, an integer chat id or @channelname', 'where alerts go and commands are taken', optional(matching(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/))),
  TELEGRAM_SUBSCRIBERS: variable('TELEGRAM_SUBSCRIBERS', undefined, SUBSCRIBERS_ALLOWED, 'read-only chats: signals passing each one\'s filters, their results and the daily summary, in its language; commands ignored (a .json file adds thread, symbols, intervals, models, minScore, quietHoursUtc: see README)', optional(subscriberSetting)),
  TELEGRAM_ADMIN_IDS: variable('TELEGRAM_ADMIN_IDS', '', 'comma-separated integer user ids', 'users allowed to command from other chats', idList),
  TELEGRAM_API_ROOT: variable('TELEGRAM_API_ROOT', 'https://api.telegram.org', 'an http(s) URL', 'Bot API root', urlText(['http:', 'https:'])),
  LANGUAGE: variable('LANGUAGE', 'vi', 'vi or en', 'language of messages', oneOf(['vi', 'en'])),
  DB_PATH: variable('DB_PATH', './data/kline-signals.db', 'a file path', 'SQLite database file', text(1)),
  HTTP_HOST: variable('HTTP_HOST', '127.0.0.1', 'a host name or IP', 'health, metrics and dashboard', text(1)),
  HTTP_PORT: variable('HTTP_PORT', '9464', 'integer 0–65535 (0 disables)', 'health, metrics and dashboard', integerText(0, 65_535)),
  LOG_LEVEL: variable('LOG_LEVEL', 'info', LOG_LEVELS.join(', '), 'pino log level', oneOf(LOG_LEVELS)),
  LOG_FORMAT: variable('LOG_FORMAT', 'auto', 'auto, pretty or json', 'log lines: auto ⇒ one readable line each on a terminal, JSON lines otherwise (files, PM2, pipes)', oneOf(['auto', 'pretty', 'json'])),
  HEARTBEAT_MINUTES: variable('HEARTBEAT_MINUTES', undefined, 'unset, or integer 0–1440 (0 disables)', 'a status line (symbols live, connections, newest candle, signals today, open trades) this often; unset ⇒ 30, or 1 against a simulator on this machine (BINANCE_REST_URL on localhost)', optional(integerText(0, 1440))),
} as const;

export type EnvSpec = typeof ENV;
export type EnvValues = { readonly [K in keyof EnvSpec]: EnvSpec[K] extends EnvVar<infer T> ? T : never };

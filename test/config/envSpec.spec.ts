import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError } from '../../src/domain/errors.js';
import { ENV, parseConfig, type Config, type SubscriberSetting } from '../../src/config/index.js';

/**
 * An obviously wrong value for every variable, or `null` for the free-text ones (a path, a host):
 * any non-blank text is one of those. The test below fails when a variable is added without one.
 */
const WRONG: { readonly [K in keyof typeof ENV]: string | null } = {
  RISK_PER_TRADE: '5.1',
  MAX_SIGNALS_PER_DAY: '21',
  SCORE_THRESHOLD: '49.9',
  MAX_SYMBOLS_SUBSCRIBED: '0',
  TOP_VOLUME_FETCH_LIMIT: '1001',
  UNIVERSE_REFRESH_SECONDS: '9',
  ROTATION_SLOT_SECONDS: '604801',
  FIXED_SYMBOLS: 'BTC;ETH',
  WS_MAX_STREAMS_PER_CONN: '0',
  STALE_AFTER_SECONDS: '4',
  WATERMARK_MAX_WAIT_SECONDS: '3601',
  CATCH_UP_MAX_DAYS: '91',
  LATE_SIGNALS: 'drop',
  SCAN_CONCURRENCY: '0',
  MODEL_PROFILE: 'magic',
  CONTINUATION_ENABLED: 'yes',
  REVERSAL_ENABLED: 'TRUE',
  MEMORY_ENABLED: 'on',
  MEMORY_RULES_FILE: null,
  ACCOUNT_BALANCE: '9.99',
  TRADE_EXPIRY_CANDLES: '1.5',
  FEE_BPS: '-1',
  BINANCE_REST_URL: 'ws://fapi.binance.com',
  BINANCE_WS_URL: 'https://fstream.binance.com',
  TELEGRAM_BOT_TOKEN: '12:short',
  TELEGRAM_CHAT_ID: 'me',
  TELEGRAM_SUBSCRIBERS: '-1001234:fr',
  TELEGRAM_ADMIN_IDS: '12,abc',
  TELEGRAM_API_ROOT: 'not a url',
  LANGUAGE: 'fr',
  DB_PATH: null,
  HTTP_HOST: null,
  HTTP_PORT: '65536',
  LOG_LEVEL: 'verbose',
  LOG_FORMAT: 'pino-pretty',
  HEARTBEAT_MINUTES: '1441',
};

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('every variable of ENV', () => {
  const names = Object.keys(ENV) as (keyof typeof ENV)[];

  it('has a wrong value in this test (or is free text)', () => {
    expect(Object.keys(WRONG).sort()).toEqual(Object.keys(ENV).sort());
  });

  it.each(names)('%s: its default parses, a wrong value is refused naming the allowed range', (name) => {
    const spec = ENV[name];
    expect(spec.name).toBe(name);
    const fromDefault = spec.defaultValue === undefined ? undefined : spec.parse(spec.defaultValue);
    expect(fromDefault === undefined || fromDefault.ok, `default ${JSON.stringify(spec.defaultValue)}`).toBe(true);
    expect(parseConfig({})[name], 'the default is what an empty environment gives').toEqual(fromDefault?.ok === true ? fromDefault.value : undefined);

    const wrong = WRONG[name];
    if (wrong === null) {
      expect(parseConfig({ [name]: 'any text / at all' })[name], 'free text').toBe('any text / at all');
      return;
    }
    expect(spec.parse(wrong).ok, `${name}=${wrong}`).toBe(false);
    const error = errorOf({ [name]: wrong });
    expect(error.variable).toBe(name);
    expect(error.allowed).toBe(spec.allowed);
    const shown = name === 'TELEGRAM_BOT_TOKEN' ? '12:[REDACTED]' : wrong;
    expect(error.message).toBe(`${name}=${JSON.stringify(shown)} is invalid: allowed ${spec.allowed}`);
  });

  it('treats a blank value as unset: the default applies', () => {
    for (const name of names) expect(parseConfig({ [name]: '   ' })[name], name).toEqual(parseConfig({})[name]);
  });

  it('keeps the types callers read', () => {
    expectTypeOf<Config>().toEqualTypeOf<{
      readonly RISK_PER_TRADE: number;
      readonly MAX_SIGNALS_PER_DAY: number;
      readonly SCORE_THRESHOLD: number;
      readonly MAX_SYMBOLS_SUBSCRIBED: number | 'all';
      readonly TOP_VOLUME_FETCH_LIMIT: number;
      readonly UNIVERSE_REFRESH_SECONDS: number;
      readonly ROTATION_SLOT_SECONDS: number;
      readonly FIXED_SYMBOLS: string[];
      readonly WS_MAX_STREAMS_PER_CONN: number;
      readonly STALE_AFTER_SECONDS: number;
      readonly WATERMARK_MAX_WAIT_SECONDS: number;
      readonly CATCH_UP_MAX_DAYS: number;
      readonly LATE_SIGNALS: 'send' | 'skip';
      readonly SCAN_CONCURRENCY: number | undefined;
      readonly MODEL_PROFILE: 'seed' | 'confluence';
      readonly CONTINUATION_ENABLED: boolean;
      readonly REVERSAL_ENABLED: boolean;
      readonly MEMORY_ENABLED: boolean;
      readonly MEMORY_RULES_FILE: string | undefined;
      readonly ACCOUNT_BALANCE: number;
      readonly TRADE_EXPIRY_CANDLES: number;
      readonly FEE_BPS: number;
      readonly BINANCE_REST_URL: string;
      readonly BINANCE_WS_URL: string;
      readonly TELEGRAM_BOT_TOKEN: string | undefined;
      readonly TELEGRAM_CHAT_ID: string | undefined;
      readonly TELEGRAM_SUBSCRIBERS: SubscriberSetting | undefined;
      readonly TELEGRAM_ADMIN_IDS: string[];
      readonly TELEGRAM_API_ROOT: string;
      readonly LANGUAGE: 'vi' | 'en';
      readonly DB_PATH: string;
      readonly HTTP_HOST: string;
      readonly HTTP_PORT: number;
      readonly LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
      readonly LOG_FORMAT: 'auto' | 'pretty' | 'json';
      readonly HEARTBEAT_MINUTES: number | undefined;
    }>();
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../src/domain/errors.js';
import { deprecatedSettings, ENV, parseConfig, renderEnvExample } from '../../src/config/index.js';

describe('parseConfig', () => {
  it('fills every default from ARCHITECTURE.md when the environment is empty', () => {
    const c = parseConfig({});
    expect(c.RISK_PER_TRADE).toBe(1);
    expect(c.MAX_SIGNALS_PER_DAY).toBe(5);
    expect(c.SCORE_THRESHOLD).toBe(75);
    expect(c.MAX_SYMBOLS_SUBSCRIBED).toBe(40);
    expect(c.FIXED_SYMBOLS).toEqual(['BTC', 'ETH', 'BNB']);
    expect(c.WS_MAX_STREAMS_PER_CONN).toBe(50);
    expect(c.MODEL_PROFILE, 'the seed profile is the default').toBe('seed');
    expect(c.BINANCE_WS_URL, 'klines moved to the routed /market base in 2026').toBe('wss://fstream.binance.com/market');
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(c.HTTP_PORT).toBe(9464);
    expect(c.REVERSAL_ENABLED).toBe(true);
  });

  it('defaults the event-time settings: a 60 s watermark wait, late signals sent', () => {
    const c = parseConfig({});
    expect(c.WATERMARK_MAX_WAIT_SECONDS).toBe(60);
    expect(c.LATE_SIGNALS).toBe('send');
    expect(() => parseConfig({ WATERMARK_MAX_WAIT_SECONDS: '0' })).toThrow(/WATERMARK_MAX_WAIT_SECONDS="0" is invalid: allowed integer 1–3600/);
    expect(() => parseConfig({ LATE_SIGNALS: 'drop' })).toThrow(/LATE_SIGNALS="drop" is invalid: allowed send or skip/);
  });

  it('accepts a deprecated SCAN_CONCURRENCY (still validated) and names it for a start-up warning', () => {
    expect(deprecatedSettings(parseConfig({})), 'unset: no warning').toEqual([]);
    expect(deprecatedSettings(parseConfig({ SCAN_CONCURRENCY: '5' })).map((d) => d.variable)).toEqual(['SCAN_CONCURRENCY']);
    expect(() => parseConfig({ SCAN_CONCURRENCY: '65' })).toThrow(/SCAN_CONCURRENCY/);
  });

  it('takes MAX_SYMBOLS_SUBSCRIBED as a number up to 1000 or as all, and refuses anything else naming both', () => {
    expect(parseConfig({ MAX_SYMBOLS_SUBSCRIBED: 'all' }).MAX_SYMBOLS_SUBSCRIBED).toBe('all');
    expect(parseConfig({ MAX_SYMBOLS_SUBSCRIBED: '1000' }).MAX_SYMBOLS_SUBSCRIBED).toBe(1000);
    expect(parseConfig({ MAX_SYMBOLS_SUBSCRIBED: '600' }).MAX_SYMBOLS_SUBSCRIBED).toBe(600);
    for (const bad of ['1001', '0', 'ALL', 'everything', '12.5']) {
      expect(() => parseConfig({ MAX_SYMBOLS_SUBSCRIBED: bad }), bad).toThrow(`MAX_SYMBOLS_SUBSCRIBED=${JSON.stringify(bad)} is invalid: allowed integer 1–1000, or all`);
    }
  });

  it('trims, upper-cases and splits the symbol list', () => {
    expect(parseConfig({ FIXED_SYMBOLS: ' btc, ethusdt ,SOL' }).FIXED_SYMBOLS).toEqual(['BTC', 'ETHUSDT', 'SOL']);
  });

  it.each([
    ['RISK_PER_TRADE', '7', '0.1–5'],
    ['RISK_PER_TRADE', 'abc', '0.1–5'],
    ['MAX_SIGNALS_PER_DAY', '2.5', 'integer 1–20'],
    ['SCORE_THRESHOLD', '40', '50–95'],
    ['WS_MAX_STREAMS_PER_CONN', '201', 'integer 1–200'],
    ['LANGUAGE', 'fr', 'vi or en'],
    ['FIXED_SYMBOLS', 'BTC,,ETH', 'comma-separated'],
    ['FIXED_SYMBOLS', 'BTC;ETH', 'comma-separated'],
    ['MODEL_PROFILE', 'magic', 'seed or confluence'],
    ['BINANCE_WS_URL', 'http://x', 'ws(s) URL'],
    ['TELEGRAM_BOT_TOKEN', 'not-a-token', 'digits:secret'],
  ])('refuses %s=%s naming the allowed range', (name, value, allowed) => {
    let caught: unknown;
    try {
      parseConfig({ [name]: value });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.variable).toBe(name);
    expect(err.message).toContain(name);
    expect(err.message).toContain(JSON.stringify(value));
    expect(err.message).toContain(allowed);
  });

  it('regression: a refused token is not echoed whole (the error goes to stderr and PM2 log files)', () => {
    const secret = 'shortbutsecret-part';
    let message = '';
    try {
      parseConfig({ TELEGRAM_BOT_TOKEN: `12345:${secret}` });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('TELEGRAM_BOT_TOKEN');
    expect(message, 'the bot id stays, the secret part does not').toContain('12345:[REDACTED]');
    expect(message).not.toContain(secret);
  });

  it('keeps .env.example in step with the schema', () => {
    expect(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')).toBe(renderEnvExample());
    for (const name of Object.keys(ENV)) expect(renderEnvExample()).toContain(name);
  });
});

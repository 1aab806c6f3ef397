import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { consoleStyle, resolveLogFormat } from '../../src/logging/logFormat.js';
import { prettyLine } from '../../src/logging/prettyLine.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const PLAIN = { colors: false, stacks: false };

/** A logger writing readable or JSON lines into an array, as it would to stdout. */
function collect(format: 'pretty' | 'json', level: 'info' | 'debug' = 'info') {
  const written: string[] = [];
  const sink = { write: (text: string) => (written.push(text), true) };
  const logger = createLogger({ level, secrets: [TOKEN], format, destination: sink, colors: false });
  return { logger, text: () => written.join('') };
}

describe('LOG_FORMAT', () => {
  it('auto: readable lines on a terminal, JSON lines anywhere else', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false), 'a pipe or a file').toBe('json');
    expect(resolveLogFormat('auto', undefined), 'PM2 and systemd: stdout is no TTY').toBe('json');
    expect(resolveLogFormat('json', true), 'forced JSON on a terminal').toBe('json');
    expect(resolveLogFormat('pretty', false), 'forced readable off a terminal').toBe('pretty');
  });

  it('frames the console sink only with readable lines, in colour only on a terminal', () => {
    expect(consoleStyle('auto', { isTTY: true })).toEqual({ format: 'pretty', consoleFrame: { colors: true } });
    expect(consoleStyle('auto', {})).toEqual({ format: 'json' });
    expect(consoleStyle('pretty', {})).toEqual({ format: 'pretty', consoleFrame: { colors: false } });
  });
});

describe('prettyLine', () => {
  it('shows time (UTC), level, component, message and the fields, without pid or hostname', () => {
    const line = prettyLine(
      { level: 40, time: '2026-12-07T12:50:41.019Z', pid: 4242, hostname: 'box', component: 'universe', msg: 'universe changed', size: 3, symbols: ['BTCUSDT', 'ETHUSDT'], note: 'two words' },
      PLAIN,
    );
    expect(line).toBe('12:50:41 WARN  universe     universe changed  size=3 symbols=BTCUSDT,ETHUSDT note="two words"');
    expect(line).not.toContain('4242');
  });

  it('shows an error by its message, its stack only when asked (LOG_LEVEL=debug)', () => {
    const err = { type: 'TransientError', message: 'GET /fapi/v1/time failed: ECONNREFUSED', stack: 'TransientError: GET /fapi/v1/time failed\n    at toRestError (restErrors.ts:40:12)' };
    const short = prettyLine({ level: 40, time: '2026-12-07T12:50:41.019Z', component: 'backfill', msg: 'backfill retrying', err, attempt: 2 }, PLAIN);
    expect(short).toBe('12:50:41 WARN  backfill     backfill retrying  (GET /fapi/v1/time failed: ECONNREFUSED) attempt=2');
    expect(short.split('\n'), 'one line').toHaveLength(1);
    const long = prettyLine({ level: 20, time: '2026-12-07T12:50:41.019Z', msg: 'x', err }, { colors: false, stacks: true });
    expect(long.split('\n')[2]).toBe('        at toRestError (restErrors.ts:40:12)');
  });

  it('leaves out `detail` (facts for machines beside a message that says them) and cuts long values', () => {
    const line = prettyLine({ level: 30, time: 0, msg: 'said already', detail: { host: 'x' }, long: 'a'.repeat(100) }, PLAIN);
    expect(line).toBe(`00:00:00 INFO               said already  long=${'a'.repeat(59)}…`);
  });

  it('colours the level on a terminal', () => {
    expect(prettyLine({ level: 50, time: 0, msg: 'boom' }, { colors: true, stacks: false })).toContain('\u001b[31mERROR');
  });
});

describe('createLogger', () => {
  it('writes JSON lines as before when the format is json', () => {
    const { logger, text } = collect('json');
    logger.child({ component: 'universe' }).info({ size: 3 }, 'universe changed');
    const record = JSON.parse(text()) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 30, component: 'universe', size: 3, msg: 'universe changed' });
    expect(typeof record.pid).toBe('number');
  });

  it('writes one readable line per record when the format is pretty', () => {
    const { logger, text } = collect('pretty');
    logger.child({ component: 'universe' }).info({ size: 3 }, 'universe changed');
    expect(text()).toMatch(/^\d\d:\d\d:\d\d INFO  universe     universe changed  size=3\n$/);
  });

  it('redacts the Telegram token in readable lines too, in messages, fields, errors and stacks', () => {
    for (const level of ['info', 'debug'] as const) {
      const { logger, text } = collect('pretty', level);
      logger.warn({ err: new Error(`request to /bot${TOKEN}/getMe failed`), url: `https://x/bot${TOKEN}/m` }, `telegram failed for ${TOKEN}`);
      expect(text()).toContain('telegram failed for [REDACTED]');
      expect(text(), level).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    }
  });
});

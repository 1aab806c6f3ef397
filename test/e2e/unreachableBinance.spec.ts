import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { EXAMPLE_KLINES } from './support/fixture.js';
import { BotProcess, killAllBots } from './support/botProcess.js';
import { freePort } from './support/freePort.js';
import { waitUntil } from './support/poll.js';

/** The bot pointed at a port where nothing listens: every REST call and socket dial is refused. */
function unreachableEnv(overrides: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'ks-unreachable-'));
  return {
    BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market', DB_PATH: join(dir, 'bot.db'),
    HTTP_PORT: '0', FIXED_SYMBOLS: 'BTC,ETH,SOL', ...overrides,
  };
}

const FIRST_LINE = 'cannot reach 127.0.0.1:9: connection refused; retrying at least every 60 s; is the simulator running? (`npm run sim`)';

describe('regression: an unreachable Binance (issue 15: 164 warnings with stacks in 60 s)', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await killAllBots();
    await sim?.close();
    sim = undefined;
  });

  it('is one warning without a stack, however many calls and dials fail (JSON lines; the retries only at debug)', async () => {
    const bot = new BotProcess(unreachableEnv({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' }));
    await waitUntil('20 refused REST calls', () => bot.logsWith('binance request failed').length >= 20, 90_000);
    await waitUntil('2 refused socket dials', () => bot.logsWith('shard reconnecting').length >= 2, 90_000);
    const warnings = bot.logs.filter((e) => e.level >= 40);
    expect(warnings.map((w) => w.msg), 'one line says it all').toEqual([FIRST_LINE]);
    expect(warnings[0], 'the facts for machines').toMatchObject({ component: 'network', detail: { host: '127.0.0.1:9', code: 'ECONNREFUSED' } });
    expect(JSON.stringify(warnings), 'no stack trace').not.toContain('stack');
    expect((await bot.stop()).code).toBe(0);
  }, 120_000);

  it('reads as a few human lines on a terminal (LOG_FORMAT=pretty): no JSON, no stack, the start message framed', async () => {
    const bot = new BotProcess(unreachableEnv({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty', HEARTBEAT_MINUTES: '0' }));
    await waitUntil('the outage line and the start message', () =>
      bot.consoleLines.some((l) => l.includes('cannot reach')) && bot.consoleLines.some((l) => l.startsWith('╰')), 90_000);
    expect((await bot.stop()).code).toBe(0);
    const lines = bot.consoleLines;
    expect(bot.logs, 'no JSON line').toEqual([]);
    expect(lines.length, lines.join('\n')).toBeLessThan(30);
    expect(lines.filter((l) => /^\s+at /.test(l)), 'no stack frame').toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\d\\d:\\d\\d:\\d\\d WARN  network +${FIRST_LINE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
    expect(lines, 'the start message tells the symbols watched, framed apart from the log lines').toContain('│ Số mã theo dõi: 3 (tối đa 40)');
    expect(lines.filter((l) => l.includes('WARN')), 'one warning').toHaveLength(1);
  }, 120_000);

  it('says once when the exchange is back (REST and sockets share the host: one outage)', async () => {
    const port = await freePort();
    const bot = new BotProcess(unreachableEnv({
      LOG_LEVEL: 'info', LOG_FORMAT: 'json', BINANCE_REST_URL: `http://127.0.0.1:${port}`, BINANCE_WS_URL: `ws://127.0.0.1:${port}/market`,
      MAX_SYMBOLS_SUBSCRIBED: '3',
    }));
    const host = `127.0.0.1:${port}`;
    await bot.waitForLog(`cannot reach ${host}: connection refused; retrying at least every 60 s; is the simulator running? (\`npm run sim\`)`, 90_000);
    // The exchange comes up on the port the bot keeps trying (backoff at most 60 s).
    sim = await startSimulator({ data: EXAMPLE_KLINES, port, speed: 60 });
    const back = await waitUntil('the line saying the host is back', () => bot.logs.find((e) => e.msg.startsWith(`reached ${host} again after `)), 150_000);
    expect(back).toMatchObject({ level: 30, component: 'network', detail: { host } });
    expect(back.msg).toMatch(/^reached 127\.0\.0\.1:\d+ again after \d+ (s|min) \(\d+ failed attempts since \d\d:\d\d UTC\)$/);
    expect(bot.logs.filter((e) => e.level >= 40 && e.component === 'network'), 'still the one network warning').toHaveLength(1);
    expect((await bot.stop()).code).toBe(0);
  }, 240_000);
});

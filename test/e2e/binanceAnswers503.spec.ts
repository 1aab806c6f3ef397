import { afterEach, describe, expect, it } from 'vitest';
import { botEnv, dbPathIn } from './support/botEnv.js';
import { BotProcess, killAllBots } from './support/botProcess.js';
import { e2eSeries, openReadOnly, storedThrough } from './support/candleAudit.js';
import { startFixture, type E2eFixture } from './support/fixture.js';
import { freePort } from './support/freePort.js';
import { waitUntil } from './support/poll.js';

const OUTAGE_MS = 12_000;
const FIRST_LINE = 'Binance answers 503 Service Unavailable: retrying at least every 60 s';

let fx: E2eFixture | undefined;
afterEach(async () => {
  await killAllBots();
  await fx?.cleanup();
  fx = undefined;
});

describe('regression: Binance answering 503 for a while (was 87 warnings, 42 with a stack, for 45 answers in 12 s)', () => {
  it('is one warning when it starts and one line when answers are normal again, without a stack', async () => {
    fx = await startFixture({ speed: 600, seed: 11 });
    const { sim, dir } = fx;
    // The cold start (server time, exchangeInfo, 500 candles per series) meets the outage.
    const outageEndsAt = performance.now() + OUTAGE_MS;
    sim.burst503(OUTAGE_MS);
    // Equity large enough for every symbol's minimum order: that warning is no concern here.
    const overrides = { LOG_FORMAT: 'json', ACCOUNT_BALANCE: '1000000' };
    const bot = new BotProcess(botEnv({ sim, dir, httpPort: await freePort(), overrides }));
    await waitUntil('the bot to meet 503s', () => sim.stats().faults.rest5xx >= 10, 60_000);
    // Over once the simulator answers again and the bot has stored what it missed.
    const overAtSimMs = await waitUntil('the outage to end', () => performance.now() > outageEndsAt && sim.clock.nowMs(), 60_000);
    let db: ReturnType<typeof openReadOnly> | undefined;
    await waitUntil('SQLite to hold the candles closed by the end of the outage', () => {
      db ??= openReadOnly(dbPathIn(dir));
      return storedThrough(db, e2eSeries(), overAtSimMs);
    }, 90_000);
    db?.close();
    const exit = await bot.stop();

    const warnings = bot.logs.filter((e) => e.level >= 40);
    const withStack = warnings.filter((w) => JSON.stringify(w).includes('stack')).length;
    console.log(JSON.stringify({ rest503: sim.stats().faults.rest5xx, warnings: warnings.length, withStack, messages: [...new Set(warnings.map((w) => w.msg))] }));
    expect(warnings.map((w) => w.msg), 'one line says it all').toEqual([FIRST_LINE]);
    expect(warnings[0], 'the facts for machines').toMatchObject({ component: 'network', detail: { status: 503, attempts: 1 } });
    expect(JSON.stringify(bot.logs.filter((e) => e.level >= 30)), 'no stack trace').not.toContain('stack');
    const back = bot.logs.filter((e) => e.component === 'network' && e.msg.startsWith('Binance answers normally again'));
    expect(back, 'one line when the answers are normal again').toHaveLength(1);
    expect(back[0]!.msg).toMatch(/^Binance answers normally again after \d+ (s|min) \(\d+ failed requests since \d\d:\d\d UTC\)$/);
    expect(exit, 'SIGTERM is a clean stop').toEqual({ code: 0, signal: null });
  }, 240_000);
});


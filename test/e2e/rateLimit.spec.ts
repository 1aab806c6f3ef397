import { afterEach, describe, expect, it } from 'vitest';
import { botEnv, dbPathIn } from './support/botEnv.js';
import { BotProcess, killAllBots } from './support/botProcess.js';
import { auditSeries, e2eSeries, firstStoredOpenTimeMs, lastClosedOpenTimeMs, openReadOnly, storedThrough } from './support/candleAudit.js';
import { measureColdStart } from './support/coldStart.js';
import { startFixture, type E2eFixture } from './support/fixture.js';
import { freePort } from './support/freePort.js';
import { getText, metricValue } from './support/httpProbe.js';
import { waitUntil } from './support/poll.js';

const SPEED = 1800;

let fx: E2eFixture | undefined;
afterEach(async () => {
  await killAllBots();
  await fx?.cleanup();
  fx = undefined;
});

/** The OutageLog's lines starting a run of 429s (each 429 itself is at debug). */
function rateLimitLines(bot: BotProcess) {
  return bot.logs.filter((e) => e.component === 'network' && (e.detail as { status?: number } | undefined)?.status === 429);
}

describe('REST rate limits against the simulator (e2e)', () => {
  it('backs off through 429 bursts and slow REST from a cold start, never gets banned, and still stores every candle', async () => {
    // Bursts do not stack: each 429 period is over before the next starts (stacked periods, the
    // client's pauses ending inside the next one, are reported separately: see the report).
    fx = await startFixture({ speed: SPEED, seed: 5, faults: { restLatencyMs: 300, dropEveryMs: 5_000 } });
    const { sim, dir } = fx;
    const httpPort = await freePort();
    const bot = new BotProcess(botEnv({ sim, dir, httpPort }));
    await bot.waitForLog('universe changed', 15_000);
    sim.burst429(1_500); // the cold warm-up (500 candles per series, slow replies) meets a 429 period
    await waitUntil('the warm-up burst to pass', () => sim.stats().faults.drops >= 2, 15_000);
    await bot.waitForLog('shard reconnecting', 10_000, (e) => Date.parse(e.time) > Date.now() - 200);
    sim.burst429(1_500); // and so does the backfill after a drop
    await waitUntil('drops during the run', () => sim.stats().faults.drops >= 4, 30_000);

    const edgeSimMs = sim.clock.nowMs();
    let db: ReturnType<typeof openReadOnly> | undefined;
    const caughtUp = await waitUntil('SQLite to hold the candles closed by the edge', () => {
      db ??= openReadOnly(dbPathIn(dir));
      return storedThrough(db, e2eSeries(), edgeSimMs);
    }, 30_000).catch(() => false);
    db?.close();
    const metrics = (await getText(httpPort, '/metrics')).body;
    const exit = await bot.stop();

    const check = openReadOnly(dbPathIn(dir));
    const audits = e2eSeries().map(({ symbol, interval }) =>
      auditSeries(check, sim, symbol, interval, firstStoredOpenTimeMs(check, symbol, interval) ?? 0, lastClosedOpenTimeMs(edgeSimMs, interval)));
    check.close();
    const stats = sim.stats();
    console.log(JSON.stringify({
      rest: stats.rest, bursts: stats.faults.rest429Bursts, drops: stats.faults.drops,
      bot429: metricValue(metrics, 'kline_signals_rest_rate_limited_total', 'status="429"'),
      bot418: metricValue(metrics, 'kline_signals_rest_rate_limited_total', 'status="418"'),
      botRetries: bot.logsWith('binance request retrying').length + bot.logsWith('backfill retrying').length,
      rateLimitLines: rateLimitLines(bot).map((e) => e.msg),
      checked: audits.reduce((n, a) => n + a.expected, 0),
      missing: audits.reduce((n, a) => n + a.missing.length, 0), different: audits.reduce((n, a) => n + a.different.length, 0),
    }, null, 1));

    if (stats.rest.status418 > 0) {
      const t0 = Date.parse(bot.logs[0]?.time ?? '');
      for (const e of bot.logs) {
        if (['binance rate limit hit', 'binance request retrying', 'binance banned this ip', 'universe changed', 'shard reconnecting', 'shard open'].includes(e.msg)) {
          console.log(Date.parse(e.time) - t0, e.msg, e.path ?? '', e.pauseMs ?? '', e.attempt ?? '', e.status ?? '');
        }
      }
    }
    expect(exit, 'SIGTERM is a clean stop').toEqual({ code: 0, signal: null });
    expect(stats.rest.status429, 'the bot met 429s').toBeGreaterThan(0);
    expect(stats.rest.status418, 'the bot backed off enough never to be banned').toBe(0);
    expect(rateLimitLines(bot).length, 'the bot saw the 429s and said so (one line per run of them, not one per 429)').toBeGreaterThan(0);
    expect(caughtUp, 'the bot caught up after the bursts').toBe(true);
    for (const a of audits) {
      const where = `${a.symbol} ${a.interval}`;
      expect(a.expected, `${where}: the window holds candles`).toBeGreaterThan(0);
      expect([...a.missing, ...a.duplicated, ...a.different, ...a.extra], `${where}: exactly the exchange's closed candles`).toEqual([]);
    }
  }, 90_000);

  it('reports the REST weight of a cold start of the 3 CSV symbols', async () => {
    fx = await startFixture({ speed: SPEED, seed: 3 });
    const { sim, dir } = fx;
    const spawnedAtMs = Date.now();
    const bot = new BotProcess(botEnv({ sim, dir, httpPort: await freePort() }));
    const cost = await measureColdStart(sim, dbPathIn(dir), ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], spawnedAtMs, 30_000);
    console.log(JSON.stringify({ coldStart3: cost }));
    await bot.stop();
    expect(cost.weightAtWarm, 'a cold start costs REST weight').toBeGreaterThan(0);
    expect(cost.weightAtWarm, 'far below the 2400/min limit').toBeLessThan(2400);
    expect(sim.stats().rest.status429 + sim.stats().rest.status418, 'no rate limit hit').toBe(0);
  }, 60_000);

  it('reports the REST weight and time to the first closed candle of a cold start of 40 symbols', async () => {
    fx = await startFixture({ speed: SPEED, seed: 3, symbols: 40 });
    const { sim, dir } = fx;
    const symbols = sim.market.symbols.filter((s) => s.quoteAsset === 'USDT' && s.contractType === 'PERPETUAL' && s.status === 'TRADING').map((s) => s.symbol);
    expect(symbols.length, 'the simulator lists 40 trading USDT perpetuals').toBe(40);
    const spawnedAtMs = Date.now();
    const bot = new BotProcess(botEnv({ sim, dir, httpPort: await freePort(), overrides: { MAX_SYMBOLS_SUBSCRIBED: '40' } }));
    const cost = await measureColdStart(sim, dbPathIn(dir), symbols, spawnedAtMs, 45_000);
    console.log(JSON.stringify({ coldStart40: cost }));
    await bot.stop();
    expect(cost.weightAtWarm, 'a cold start of 40 symbols stays under the 2400/min limit').toBeLessThan(2400);
    expect(sim.stats().rest.status429 + sim.stats().rest.status418, 'no rate limit hit').toBe(0);
  }, 60_000);
});

import { expect } from 'vitest';
import { botEnv, dbPathIn } from '../../e2e/support/botEnv.js';
import { BotProcess, killAllBots } from '../../e2e/support/botProcess.js';
import { e2eSeries, storedThrough, tryOpenMigrated } from '../../e2e/support/candleAudit.js';
import { startFixture } from '../../e2e/support/fixture.js';
import { freePort } from '../../e2e/support/freePort.js';
import { getText, metricValue } from '../../e2e/support/httpProbe.js';
import { waitUntil } from '../../e2e/support/poll.js';
import { auditStored } from '../support/seriesAudit.js';
import { summaryLine } from '../support/scale.js';

/** How long the exchange keeps answering 429 in bursts and slowly (full: several minutes). */
export interface RestSoakSize {
  readonly durationMs: number;
}

const SPEED = 1800;
/** 300 ms on every reply, 5 % of replies 503, sockets dropped every 6 s (each reconnect is a REST backfill). */
const FAULTS = { restLatencyMs: 300, rest5xxRate: 0.05, dropEveryMs: 6_000 } as const;
/** A 429 period starts when the bot's REST is busy (a reconnect's backfill). */
const BURST_MS = 2_500;
/**
 * At most one forced 429 period per 30 s. The simulator bans after 10 rejected requests per 60 s
 * window, and each period meets up to 5 requests already in flight (backfill concurrency): three
 * periods in one minute ban any client that does not stay cautious after a 429 (see the report).
 */
const BURST_GAP_MS = 30_000;

/**
 * A soak of REST trouble: a 429 period at each reconnect (its backfill meets it), slow replies and
 * some 503s while sockets drop every 6 s and the universe refreshes every 10 s. The bot must
 * never be banned (0 × 418), stay up, and still store exactly the exchange's closed candles.
 */
export async function restSoakScenario({ durationMs }: RestSoakSize): Promise<string> {
  const fx = await startFixture({ speed: SPEED, seed: 31, faults: FAULTS });
  const { sim, dir } = fx;
  const dbPath = dbPathIn(dir);
  try {
    const httpPort = await freePort();
    const bot = new BotProcess(botEnv({ sim, dir, httpPort, overrides: { UNIVERSE_REFRESH_SECONDS: '10', ROTATION_SLOT_SECONDS: '10' } }));
    await bot.waitForLog('shard open', 60_000);
    const soakEnd = performance.now() + durationMs;
    let reconnectsSeen = bot.logsWith('shard reconnecting').length;
    let nextBurstAtMs = 0;
    let bursts = 0;
    await waitUntil('the soak to end (or the bot to exit)', () => {
      const reconnects = bot.logsWith('shard reconnecting').length;
      if (reconnects > reconnectsSeen && performance.now() > nextBurstAtMs) {
        sim.burst429(BURST_MS);
        nextBurstAtMs = performance.now() + BURST_GAP_MS;
        bursts += 1;
      }
      reconnectsSeen = reconnects;
      return performance.now() >= soakEnd || bot.exit !== undefined;
    }, durationMs + 5_000, 50);
    expect(bot.exit, 'the bot stays up through the soak').toBeUndefined();

    const edgeSimMs = sim.clock.nowMs();
    let db: ReturnType<typeof tryOpenMigrated>;
    const caughtUp = await waitUntil('SQLite to hold every candle closed by the edge', () => {
      db ??= tryOpenMigrated(dbPath);
      return db !== undefined && storedThrough(db, e2eSeries(), edgeSimMs);
    }, 120_000, 200).catch(() => false);
    db?.close();
    const metrics = (await getText(httpPort, '/metrics')).body;
    const exit = await bot.stop();
    const totals = auditStored(dbPath, sim, edgeSimMs);
    const stats = sim.stats();
    const line = summaryLine('faults rest', {
      seconds: Math.round(durationMs / 1000), bursts, requests: stats.rest.requests,
      rest429: stats.rest.status429, rest418: stats.rest.status418, rest5xx: stats.faults.rest5xx, drops: stats.faults.drops,
      bot429: metricValue(metrics, 'kline_signals_rest_rate_limited_total', 'status="429"') ?? 0,
      bot418: metricValue(metrics, 'kline_signals_rest_rate_limited_total', 'status="418"') ?? 0,
      checked: totals.checked, missing: totals.missing, duplicated: totals.duplicated, different: totals.different, extra: totals.extra,
    });

    expect(exit, 'SIGTERM is a clean stop after the soak').toEqual({ code: 0, signal: null });
    expect(stats.rest.status429, 'the bot met 429s').toBeGreaterThan(0);
    expect(stats.rest.status418, 'the bot backed off enough never to be banned').toBe(0);
    expect(caughtUp, 'the bot caught up after the soak').toBe(true);
    for (const a of totals.audits) {
      expect(a.expected, `${a.symbol} ${a.interval}: the window holds candles`).toBeGreaterThan(0);
      expect([...a.missing, ...a.duplicated, ...a.different, ...a.extra], `${a.symbol} ${a.interval}: exactly the exchange's closed candles`).toEqual([]);
    }
    return line;
  } finally {
    await killAllBots();
    await fx.cleanup();
  }
}

import { expect } from 'vitest';
import { botEnv, dbPathIn } from '../../e2e/support/botEnv.js';
import { BotProcess, killAllBots } from '../../e2e/support/botProcess.js';
import { storedThrough, e2eSeries, tryOpenMigrated } from '../../e2e/support/candleAudit.js';
import { startFixture } from '../../e2e/support/fixture.js';
import { freePort } from '../../e2e/support/freePort.js';
import { getText, metricValue } from '../../e2e/support/httpProbe.js';
import { pause, waitUntil } from '../../e2e/support/poll.js';
import { auditStored } from '../support/seriesAudit.js';
import { summaryLine } from '../support/scale.js';

/** How much of each socket fault to inject. */
export interface SocketFaultsSize {
  /** Live sockets terminated without a close frame (full: 100). */
  readonly drops: number;
  /** Silent stalls long enough for the stale limit. */
  readonly stalls: number;
  /** Connections the exchange closes at their maximum age (its 24 h cut, shortened). */
  readonly rotations: number;
}

const SPEED = 1800; // a 30m candle closes every real second
const STALE_AFTER_S = 5;
/** The exchange's connection age cut, shortened from 24 h. */
const MAX_AGE_MS = 8_000;
/** Longer than the stale limit plus one age cut and one reconnect: every stall is detected. */
const STALL_MS = 12_000;
/** One stream per socket: 9 shards, so one drop kills 9 sockets and each shard backs off on its own. */
const STREAMS_PER_SHARD = '1';

const staleReconnects = (bot: BotProcess): number =>
  bot.logsWith('shard reconnecting').filter((e) => (e.err as { type?: string } | undefined)?.type === 'StaleStreamError').length;

/**
 * Socket faults against the real bot process on the simulator: connection-age rotations, silent
 * stalls, then forced drops of live sockets (in that order: drops push every shard's reconnect
 * backoff towards its 60 s cap, which would stretch the other phases). Then every closed candle
 * the exchange made must be in SQLite once, with the exchange's OHLCV.
 */
export async function socketFaultsScenario(size: SocketFaultsSize): Promise<string> {
  const fx = await startFixture({ speed: SPEED, seed: 21, maxConnectionAgeMs: MAX_AGE_MS });
  const { sim, dir } = fx;
  const dbPath = dbPathIn(dir);
  try {
    const httpPort = await freePort();
    const bot = new BotProcess(botEnv({
      sim, dir, httpPort, overrides: { STALE_AFTER_SECONDS: String(STALE_AFTER_S), WS_MAX_STREAMS_PER_CONN: STREAMS_PER_SHARD },
    }));
    await bot.waitForLog('shard open', 30_000);

    await waitUntil(`${size.rotations} age cuts`, () => sim.stats().ws.ageCuts >= size.rotations || bot.exit, MAX_AGE_MS * (size.rotations + 2) + 120_000, 200);
    for (let i = 0; i < size.stalls; i += 1) {
      const before = staleReconnects(bot);
      await waitUntil('a live socket before the stall', () => sim.stats().connections.open > 0, 120_000, 100);
      sim.stall(STALL_MS);
      await waitUntil('the stall detected as a stale shard', () => staleReconnects(bot) > before || bot.exit, STALL_MS + 5_000, 100);
      await pause(STALL_MS); // let the stall end (the sim holds it for STALL_MS of real time)
    }
    let socketsDropped = 0;
    let dropEvents = 0;
    while (socketsDropped < size.drops) {
      await waitUntil('a live socket to drop', () => sim.stats().connections.open > 0 || bot.exit, 180_000, 50);
      expect(bot.exit, 'the bot stays up through the drops').toBeUndefined();
      const n = sim.dropConnections();
      if (n > 0) dropEvents += 1;
      socketsDropped += n;
      await pause(250); // a socket dropped the moment it opens has not yet carried data
    }

    const edgeSimMs = sim.clock.nowMs();
    let db: ReturnType<typeof tryOpenMigrated>;
    const caughtUp = await waitUntil('SQLite to hold every candle closed by the edge', () => {
      db ??= tryOpenMigrated(dbPath);
      return db !== undefined && storedThrough(db, e2eSeries(), edgeSimMs);
    }, 180_000, 200).catch(() => false);
    db?.close();
    const metrics = (await getText(httpPort, '/metrics')).body;
    const exit = await bot.stop();
    const totals = auditStored(dbPath, sim, edgeSimMs);
    const stats = sim.stats();
    const line = summaryLine('faults socket', {
      drops: socketsDropped, dropEvents, stalls: size.stalls, staleReconnects: staleReconnects(bot), rotations: stats.ws.ageCuts,
      botReconnects: metricValue(metrics, 'kline_signals_ws_reconnects_total') ?? 0,
      backfilled: metricValue(metrics, 'kline_signals_backfilled_candles_total') ?? 0,
      checked: totals.checked, missing: totals.missing, duplicated: totals.duplicated, different: totals.different, extra: totals.extra,
    });

    expect(exit, 'SIGTERM is a clean stop after the faults').toEqual({ code: 0, signal: null });
    expect(caughtUp, 'the bot catches up with every closed candle after the faults').toBe(true);
    expect(socketsDropped, 'the exchange dropped the sockets asked for').toBeGreaterThanOrEqual(size.drops);
    expect(stats.ws.ageCuts, 'the exchange cut connections at their age').toBeGreaterThanOrEqual(size.rotations);
    expect(staleReconnects(bot), 'every stall was detected as a stale shard').toBeGreaterThanOrEqual(size.stalls);
    expect(totals.checked, 'the audit covers candles').toBeGreaterThan(0);
    for (const a of totals.audits) {
      expect([...a.missing, ...a.duplicated, ...a.different, ...a.extra], `${a.symbol} ${a.interval}: exactly the exchange's closed candles`).toEqual([]);
    }
    return line;
  } finally {
    await killAllBots();
    await fx.cleanup();
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/kline.js';
import { BackfillWatch } from './support/backfillWatch.js';
import { botEnv, dbPathIn } from './support/botEnv.js';
import { BotProcess, killAllBots } from './support/botProcess.js';
import { auditSeries, e2eSeries, firstStoredOpenTimeMs, lastClosedOpenTimeMs, openReadOnly, type SeriesAudit } from './support/candleAudit.js';
import { startFixture, type E2eFixture } from './support/fixture.js';
import { freePort } from './support/freePort.js';
import { getText, metricValue } from './support/httpProbe.js';
import { waitUntil } from './support/poll.js';

const SPEED = 1800; // a 30m candle closes every real second
const DROP_EVERY_MS = 7000; // > STALE_AFTER_SECONDS + the first reconnect delay, so the stall can be noticed between drops

let fx: E2eFixture | undefined;
afterEach(async () => {
  await killAllBots();
  await fx?.cleanup();
  fx = undefined;
});

const sum = (audits: readonly SeriesAudit[], pick: (a: SeriesAudit) => readonly number[]) => audits.reduce((n, a) => n + pick(a).length, 0);

describe('ingest against the simulator (e2e)', () => {
  it('stores exactly the closed candles of the exchange through drops, a stall, garbage, duplicates and reordering', async () => {
    fx = await startFixture({
      speed: SPEED, seed: 11,
      faults: { dropEveryMs: DROP_EVERY_MS, garbageRate: 0.05, duplicateRate: 0.2, reorderRate: 0.2 },
    });
    const { sim, dir } = fx;
    const httpPort = await freePort();
    const bot = new BotProcess(botEnv({ sim, dir, httpPort }));
    const watch = new BackfillWatch(bot, sim, dbPathIn(dir));
    watch.start();
    try {
      await bot.waitForLog('shard open', 15_000);
      // The first drop's reconnect waits < 1 s (backoff cap 1 s), so a stall started at its reopen
      // silences a connection long enough for the stale limit (5 s) before the next drop.
      await bot.waitForLog('shard open', DROP_EVERY_MS + 5_000, (e) => e.reconnect === true);
      sim.stall(6_500);
      await bot.waitForLog('shard reconnecting', 10_000, (e) => (e.err as { type?: string } | undefined)?.type === 'StaleStreamError');
      await waitUntil('three drops', () => sim.stats().faults.drops >= 3, 3 * DROP_EVERY_MS + 5_000);

      // Window end: every candle the exchange closed by now must reach SQLite (drops go on meanwhile).
      const edgeSimMs = sim.clock.nowMs();
      const caughtUp = await waitUntil('SQLite to hold the candles closed by the edge', () => watch.storedThrough(edgeSimMs), 30_000).catch(() => false);
      const metrics = (await getText(httpPort, '/metrics')).body;
      const exit = await bot.stop();
      watch.stop();

      const db = openReadOnly(dbPathIn(dir));
      const audits = e2eSeries().map(({ symbol, interval }) => {
        const from = firstStoredOpenTimeMs(db, symbol, interval) ?? lastClosedOpenTimeMs(edgeSimMs, interval);
        return auditSeries(db, sim, symbol, interval, from, lastClosedOpenTimeMs(edgeSimMs, interval));
      });
      // Candles after the edge were stored before the stop: they must be right too (none missing is not required).
      const tails = e2eSeries().map(({ symbol, interval }) =>
        auditSeries(db, sim, symbol, interval, lastClosedOpenTimeMs(edgeSimMs, interval) + INTERVAL_MS[interval], Number.MAX_SAFE_INTEGER));
      db.close();

      const stats = sim.stats();
      const episodes = watch.episodes.filter((e) => e.filledAtMs !== undefined && e.reopenedAtMs !== undefined);
      const latencies = episodes.map((e) => e.filledAtMs! - e.droppedAtMs).sort((a, b) => a - b);
      console.log(JSON.stringify({
        checked: audits.reduce((n, a) => n + a.expected, 0),
        missing: sum(audits, (a) => a.missing), duplicated: sum(audits, (a) => a.duplicated),
        different: sum(audits, (a) => a.different), extra: sum(audits, (a) => a.extra),
        tailRows: tails.reduce((n, a) => n + a.expected - a.missing.length, 0), tailDifferent: sum(tails, (a) => a.different) + sum(tails, (a) => a.extra),
        simDrops: stats.faults.drops, simDroppedSockets: stats.faults.droppedSockets, stall: 1,
        garbage: stats.faults.garbage, duplicates: stats.faults.duplicates, reorders: stats.faults.reorders,
        botReconnects: metricValue(metrics, 'kline_signals_ws_reconnects_total'),
        botBackfilled: metricValue(metrics, 'kline_signals_backfilled_candles_total'),
        botBadFrames: metricValue(metrics, 'kline_signals_ws_bad_frames_total'),
        episodes: watch.episodes.map((e) => ({ cause: e.cause, downMs: (e.reopenedAtMs ?? NaN) - e.droppedAtMs, gapCandles: e.gapCandles, dropToFilledMs: (e.filledAtMs ?? NaN) - e.droppedAtMs })),
        dropToFilledMs: { min: latencies[0], median: latencies[Math.floor(latencies.length / 2)], max: latencies.at(-1) },
      }, null, 1));

      expect(exit, 'SIGTERM is a clean stop').toEqual({ code: 0, signal: null });
      expect(caughtUp, 'the bot catches up with every closed candle after the faults').toBe(true);
      for (const a of audits) {
        const where = `${a.symbol} ${a.interval}`;
        expect(a.expected, `${where}: the window holds candles`).toBeGreaterThan(0);
        expect(a.missing, `${where}: no closed candle missing`).toEqual([]);
        expect(a.duplicated, `${where}: no candle stored twice`).toEqual([]);
        expect(a.different, `${where}: OHLCV equal to the exchange's`).toEqual([]);
        expect(a.extra, `${where}: no candle the exchange never closed`).toEqual([]);
      }
      for (const t of tails) expect([...t.different, ...t.extra], `${t.symbol} ${t.interval}: newer rows are right too`).toEqual([]);
      expect(stats.faults.drops, 'the exchange dropped the sockets').toBeGreaterThanOrEqual(3);
      expect(stats.faults.garbage + stats.faults.duplicates + stats.faults.reorders, 'stream faults were injected').toBeGreaterThan(0);
      expect(watch.episodes.some((e) => e.cause === 'StaleStreamError'), 'the stall was detected as a stale shard').toBe(true);
      expect(metricValue(metrics, 'kline_signals_backfilled_candles_total'), 'reconnects were backfilled over REST').toBeGreaterThan(0);
      expect(latencies.length, 'drop → backfilled was measured').toBeGreaterThan(0);
    } finally {
      watch.stop();
    }
  }, 90_000);
});

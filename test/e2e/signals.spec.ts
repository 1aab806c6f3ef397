import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { botEnv, dbPathIn } from './support/botEnv.js';
import { BotProcess, killAllBots } from './support/botProcess.js';
import { openReadOnly, tryOpenMigrated } from './support/candleAudit.js';
import { startFixture, type E2eFixture } from './support/fixture.js';
import { freePort } from './support/freePort.js';
import { waitUntil } from './support/poll.js';
import { readSignalRows, type SignalRows } from './support/signalRows.js';

// 2 s of real time per simulated hour: a 12 h pause (global loss streak) ends 24 s after it starts.
const SPEED = 3600;

const HOUR_MS = 3_600_000;
const HALF_HOUR_MS = HOUR_MS / 2;
/** Lock lengths of the seed thresholds (MODELS.md rules 2, 5, 7). */
const LOCK_MS: Readonly<Record<string, number>> = { globalLossStreak: 12 * HOUR_MS, symbolLossStreak: 24 * HOUR_MS, reversalWinRate: 48 * HOUR_MS };

let fx: E2eFixture | undefined;
afterEach(async () => {
  await killAllBots();
  await fx?.cleanup();
  fx = undefined;
});

describe('signals, trades and memory on real candles (e2e)', () => {
  it('sends signals, resolves their paper trades, and starts and ends a memory lock', async () => {
    // The default start (first 1d candle + 120 days) leaves 120 daily candles of REST history: every
    // window is warm at once. Config makes trades resolve fast and losses likely: a low threshold,
    // the confluence profile (MODELS.md: it loses slightly), and expiry after 2 candles.
    fx = await startFixture({ speed: SPEED, seed: 2 });
    const { sim, dir } = fx;
    const bot = new BotProcess(botEnv({
      sim, dir, httpPort: await freePort(),
      overrides: { MODEL_PROFILE: 'confluence', SCORE_THRESHOLD: '50', TRADE_EXPIRY_CANDLES: '2', MAX_SIGNALS_PER_DAY: '20', LANGUAGE: 'vi' },
    }));
    let db: Database.Database | undefined;
    let rows: SignalRows | undefined;
    try {
      await waitUntil('a lock to start and end, with sent signals and closed trades', () => {
        db ??= tryOpenMigrated(dbPathIn(dir));
        if (!db) return false;
        rows = readSignalRows(db);
        return rows.sent > 0 && rows.closedTrades > 0 && rows.locksStartedAndEnded.length > 0;
      }, 50_000, 200).catch(() => undefined);
    } finally {
      db?.close();
    }
    await waitUntil('the console sink to print a signal', () => bot.consoleLines.some((l) => l.includes('Tín hiệu')), 5_000).catch(() => undefined);
    const exit = await bot.stop();

    const check = openReadOnly(dbPathIn(dir));
    const final = readSignalRows(check);
    check.close();
    const signalLines = bot.consoleLines.filter((l) => l.includes('Tín hiệu'));
    console.log(JSON.stringify({ ...final, signalMessages: signalLines.length, firstSignalLine: signalLines[0], simTime: new Date(sim.clock.nowMs()).toISOString() }, null, 1));

    expect(exit, 'SIGTERM is a clean stop').toEqual({ code: 0, signal: null });
    expect(bot.logs.filter((e) => e.level >= 50).map((e) => e.msg), 'no error or fatal log').toEqual([]);
    expect(final.sent, 'signals were sent').toBeGreaterThan(0);
    expect(final.closedTrades, 'paper trades resolved').toBeGreaterThan(0);
    expect(final.locksStartedAndEnded.length, 'a lock rule started and ended').toBeGreaterThan(0);
    for (const lock of final.locksStartedAndEnded) {
      const heldMs = lock.endMs - lock.startMs;
      expect(heldMs, `${lock.rule} ${lock.scope} holds its full duration (MODELS.md)`).toBeGreaterThanOrEqual(LOCK_MS[lock.rule]!);
      expect(heldMs, `${lock.rule} ${lock.scope} ends by the first 30m close after its until`).toBeLessThanOrEqual(LOCK_MS[lock.rule]! + HALF_HOUR_MS);
    }
    expect(signalLines.length, 'the console sink printed a Vietnamese signal message').toBeGreaterThan(0);
  }, 75_000);
});

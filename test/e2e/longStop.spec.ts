import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/kline.js';
import { TelegramFake } from '../fakes/telegramFake.js';
import { ALERT_CHAT, makeToken } from './ops/support/opsStage.js';
import { BotProcess, killAllBots } from './support/botProcess.js';
import { auditSeries, e2eSeries, E2E_SYMBOLS, queryReadOnly, storedThrough, tryOpenMigrated } from './support/candleAudit.js';
import { waitStoredThrough } from './support/storedThrough.js';
import { startFixture, type E2eFixture } from './support/fixture.js';
import { waitUntil } from './support/poll.js';
import { auditDecisions } from '../faults/support/decisionAudit.js';

/** Two hours of market per real second. */
const SPEED = 7200;
const START_MS = Date.UTC(2025, 6, 1);
const DAY_MS = 86_400_000;
const HALF_HOUR_MS = INTERVAL_MS['30m'];
/** The market runs in chunks of this much, held after each, until a paper trade is open at a hold. */
const CHUNK_MS = 2 * 3_600_000;
/** How long the bot stays stopped: longer than the 500-candle warm-up window (~10 days of 30m). */
const STOP_MS = 17 * DAY_MS;
const SEED = 5;

interface TradeRow {
  signal_id: number; symbol: string; status: string; outcome: string | null; opened_at: number; expires_at: number;
  exit_time: number | null; exit_reason: string | null;
}

const fixtures: E2eFixture[] = [];
const fakes: TelegramFake[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await killAllBots();
  for (const fake of fakes.splice(0)) await fake.close();
  for (const fx of fixtures.splice(0)) await fx.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cursorsThrough = (dbPath: string, endMs: number): boolean => {
  const ends = queryReadOnly(dbPath, (d) => d.prepare('SELECT symbol, end_ms FROM scan_cursors').all() as Array<{ symbol: string; end_ms: number }>);
  return E2E_SYMBOLS.every((s) => (ends.find((e) => e.symbol === s)?.end_ms ?? 0) >= endMs);
};

const trades = (dbPath: string): TradeRow[] => queryReadOnly(dbPath, (d) => d.prepare('SELECT * FROM trades ORDER BY signal_id').all() as TradeRow[]);

/**
 * The bot on a first simulator (held at July 1) runs in 2h chunks until a paper trade is open at a
 * hold, and is stopped there. The "17 days later" market is a second simulator on the same candles,
 * held at the stop + 17 days: the stop costs no real time, and the bot restarts on it.
 */
async function runThenStop(
  env: Record<string, string>, dbPath: string, uninterruptedThroughMs?: number,
): Promise<{ stopMs: number; openAtStop: TradeRow[] }> {
  // The uninterrupted run goes through 17 days of market: ten times faster, so it costs ~25 s.
  const speed = uninterruptedThroughMs === undefined ? SPEED : 10 * SPEED;
  const fx = await startFixture({ speed, startTimeMs: START_MS, seed: SEED, holdClock: true });
  fixtures.push(fx);
  const bot = new BotProcess({ ...env, BINANCE_REST_URL: fx.sim.restUrl, BINANCE_WS_URL: fx.sim.wsBaseUrl });
  await waitStoredThrough(bot, dbPath, START_MS);
  let holdMs = START_MS;
  let openAtStop: TradeRow[] = [];
  for (let chunk = 1; chunk <= 40 && openAtStop.length === 0; chunk += 1) {
    holdMs = START_MS + chunk * CHUNK_MS;
    fx.sim.runClock({ untilMs: holdMs });
    await waitUntil(`every symbol processed through ${new Date(holdMs).toISOString()}`, () => {
      if (bot.exit) throw new Error(`bot exited: ${bot.stderr.slice(-1500)}`);
      return cursorsThrough(dbPath, holdMs);
    }, 20_000, 50);
    openAtStop = trades(dbPath).filter((t) => t.status === 'open');
  }
  expect(openAtStop.length, 'a paper trade is open when the bot stops').toBeGreaterThan(0);
  if (uninterruptedThroughMs !== undefined) {
    fx.sim.runClock({ untilMs: uninterruptedThroughMs });
    await waitUntil('the uninterrupted run processed through the end', () => {
      if (bot.exit) throw new Error(`bot exited: ${bot.stderr.slice(-1500)}`);
      return cursorsThrough(dbPath, uninterruptedThroughMs);
    }, 180_000, 200);
  }
  expect((await bot.stop()).code, 'a clean stop').toBe(0);
  return { stopMs: holdMs, openAtStop };
}

/** Restarts the bot on the market `STOP_MS` later and lets it run two hours past the restart. */
async function restartLater(env: Record<string, string>, dbPath: string, stopMs: number, catchesUp: boolean): Promise<{ bot: BotProcess; resumeMs: number; liveMs: number; fx: E2eFixture }> {
  const resumeMs = stopMs + STOP_MS;
  const liveMs = resumeMs + CHUNK_MS;
  const fx = await startFixture({ speed: SPEED, startTimeMs: resumeMs, seed: SEED, holdClock: true });
  fixtures.push(fx);
  const bot = new BotProcess({ ...env, BINANCE_REST_URL: fx.sim.restUrl, BINANCE_WS_URL: fx.sim.wsBaseUrl });
  await bot.waitForLog('kline-signals started', 30_000);
  // Warm-up (and catch-up, when there is one) first, on the held market; then two live hours, so a
  // step on time ends the catch-up.
  let db: Database.Database | undefined;
  try {
    await waitUntil('every series stored through the restart', () => {
      if (bot.exit) throw new Error(`bot exited: ${bot.stderr.slice(-1500)}`);
      db ??= tryOpenMigrated(dbPath);
      return db !== undefined && storedThrough(db, e2eSeries(), resumeMs);
    }, 60_000, 100);
  } finally {
    db?.close();
  }
  if (catchesUp) {
    await waitUntil('every symbol processed through the restart', () => {
      if (bot.exit) throw new Error(`bot exited: ${bot.stderr.slice(-1500)}`);
      return cursorsThrough(dbPath, resumeMs);
    }, 120_000, 200);
  }
  fx.sim.runClock({ untilMs: liveMs });
  await waitUntil('every symbol processed two hours past the restart', () => {
    if (bot.exit) throw new Error(`bot exited: ${bot.stderr.slice(-1500)}`);
    return cursorsThrough(dbPath, liveMs);
  }, 60_000, 100);
  return { bot, resumeMs, liveMs, fx };
}

async function setUp(catchUpMaxDays: string): Promise<{ env: Record<string, string>; dbPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kline-longstop-'));
  dirs.push(dir);
  const token = makeToken();
  const fake = await TelegramFake.start({ token });
  fakes.push(fake);
  const dbPath = join(dir, 'bot.db');
  const env = {
    DB_PATH: dbPath, FIXED_SYMBOLS: 'BTC,ETH,SOL', MAX_SYMBOLS_SUBSCRIBED: '3', STALE_AFTER_SECONDS: '5', WATERMARK_MAX_WAIT_SECONDS: '60',
    SCORE_THRESHOLD: '55', MAX_SIGNALS_PER_DAY: '20', CATCH_UP_MAX_DAYS: catchUpMaxDays,
    TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_ID: ALERT_CHAT, TELEGRAM_API_ROOT: fake.apiRoot,
    LANGUAGE: 'en', LOG_LEVEL: 'info', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0',
  };
  return { env, dbPath };
}

/**
 * The admin chat's messages written since the restart (outbox rows: what the sender will send, at
 * Telegram's pace, whoever is still waiting in the queue when the test stops the bot).
 */
const writtenSince = (dbPath: string, firstId: number, keyLike: string): Array<{ key: string; text: string }> =>
  queryReadOnly(dbPath, (d) => d.prepare('SELECT key, text FROM outbox WHERE id > ? AND chat_id = ? AND key LIKE ? ORDER BY id').all(firstId, ALERT_CHAT, keyLike) as Array<{ key: string; text: string }>);

const lastOutboxId = (dbPath: string): number => queryReadOnly(dbPath, (d) => (d.prepare('SELECT MAX(id) AS id FROM outbox').get() as { id: number | null }).id ?? 0);

describe('a restart after a long stop (e2e, regression)', () => {
  it('within CATCH_UP_MAX_DAYS: every missed candle is stored and replayed, no trade closes after its expiry, one catch-up message instead of a flood', async () => {
    const { env, dbPath } = await setUp('20');
    const { stopMs } = await runThenStop(env, dbPath);
    const before = lastOutboxId(dbPath);
    const { bot, resumeMs, liveMs, fx } = await restartLater(env, dbPath, stopMs, true);
    await bot.stop();

    const holes = queryReadOnly(dbPath, (d) => E2E_SYMBOLS.map((s) => auditSeries(d, fx.sim, s, '30m', stopMs - HALF_HOUR_MS, liveMs - HALF_HOUR_MS)));
    for (const a of holes) {
      expect(a.expected, `${a.symbol}: the stop and the restart are covered`).toBe((liveMs - stopMs) / HALF_HOUR_MS + 1);
      expect(a.missing.map((t) => new Date(t).toISOString()), `${a.symbol}: no 30m candle missing between the stop and the restart`).toEqual([]);
    }
    const all = trades(dbPath);
    const closedLate = all.filter((t) => t.exit_time !== null && t.exit_time > t.expires_at);
    expect(closedLate.map((t) => `${t.symbol} #${t.signal_id} ${t.outcome}`), 'no trade closes after its expiry time').toEqual([]);
    expect(all.filter((t) => t.opened_at > stopMs && t.opened_at < resumeMs).length, 'the missed days were decided (signals and trades in the gap)').toBeGreaterThan(0);

    const dailies = writtenSince(dbPath, before, 'daily:%');
    expect(dailies.length, `at most the day that ended within 24 h, not one per missed day (${dailies.length})`).toBeLessThanOrEqual(1);
    const caughtUp = writtenSince(dbPath, before, 'catchup:done:%');
    expect(caughtUp, 'one catch-up message').toHaveLength(1);
    expect(caughtUp[0]!.text, 'it counts the days caught up').toMatch(/Days caught up: 1[67] /);
    const staleMemory = queryReadOnly(dbPath, (d) => d.prepare("SELECT key FROM outbox WHERE id > ? AND kind = 'memory' AND created_at < ?").all(before, resumeMs - DAY_MS));
    expect(staleMemory, 'no memory change announced more than a day after it happened').toEqual([]);
    // Signals whose trade was over when they were committed are recorded, not sent.
    const staleSent = queryReadOnly(dbPath, (d) => d.prepare(
      `SELECT t.signal_id FROM trades t JOIN outbox o ON o.key IN ('signal:' || t.signal_id, 'signal:' || t.signal_id || '#chart')
        WHERE o.chat_id = ? AND t.opened_at > ? AND t.expires_at <= ?`,
    ).all(ALERT_CHAT, stopMs, resumeMs) as Array<{ signal_id: number }>);
    expect(staleSent, 'no message for a signal whose whole trade happened while the bot was down').toEqual([]);
  }, 300_000);

  it('beyond CATCH_UP_MAX_DAYS: open trades close EXPIRED at the last close before the stop with the reason, told once, no stale flood', async () => {
    const { env, dbPath } = await setUp('2');
    const { stopMs, openAtStop } = await runThenStop(env, dbPath);
    const before = lastOutboxId(dbPath);
    const { bot, resumeMs } = await restartLater(env, dbPath, stopMs, false);
    await bot.stop();

    const after = trades(dbPath);
    for (const open of openAtStop) {
      const t = after.find((r) => r.signal_id === open.signal_id)!;
      expect(t.status, `${t.symbol} #${t.signal_id} closed`).toBe('closed');
      expect(t.exit_time, 'at the end of the last 30m candle before the stop, or on its own levels before it').toBeLessThanOrEqual(stopMs);
      if (t.outcome === 'EXPIRED' && t.exit_time === stopMs) {
        expect(JSON.parse(t.exit_reason ?? '{}').code, 'with the reason stored').toBe('catch_up_skipped');
      }
    }
    const notices = writtenSince(dbPath, before, 'catchup:longstop:%').map((r) => r.text);
    expect(notices, 'the operator is told once').toHaveLength(1);
    expect(notices[0], 'how long').toContain('Stopped for 17d');
    expect(notices[0], 'the trades closed').toContain(`${openAtStop.length} open`);
    expect(bot.logsWith('stopped longer than CATCH_UP_MAX_DAYS: the missed candles are not replayed, open trades closed as expired'), 'one warn line').toHaveLength(1);
    const gapSignals = queryReadOnly(dbPath, (d) => d.prepare('SELECT COUNT(*) AS n FROM signals WHERE open_time > ? AND open_time < ?').get(stopMs, resumeMs - HALF_HOUR_MS) as { n: number });
    expect(gapSignals.n, 'no decisions replayed for the skipped span').toBe(0);
    expect(writtenSince(dbPath, before, 'daily:%').length, 'no summary per skipped day').toBeLessThanOrEqual(1);
    const results = writtenSince(dbPath, before, 'trade:%').filter((r) => r.text.includes('the bot was stopped from'));
    expect(results.length, 'each closed trade has its result, worded for a trader').toBe(openAtStop.filter((o) => after.find((r) => r.signal_id === o.signal_id)?.exit_reason).length);
  }, 300_000);

  it('within CATCH_UP_MAX_DAYS the missed days are decided exactly as an uninterrupted run decided them', async () => {
    const { env, dbPath } = await setUp('20');
    const { stopMs } = await runThenStop(env, dbPath);
    const { bot, liveMs } = await restartLater(env, dbPath, stopMs, true);
    await bot.stop();
    const stoppedDb = dbPath;

    const { env: envA, dbPath: dbPathA } = await setUp('20');
    const reference = await runThenStop(envA, dbPathA, liveMs);
    expect(reference.stopMs, 'both runs held at the same moment before the stop').toBe(stopMs);

    const audit = auditDecisions(dbPathA, stoppedDb, E2E_SYMBOLS);
    expect(audit.horizonMs, 'both runs compared through two hours past the restart').toBe(liveMs);
    expect(audit.counts.signalsSent, 'something to compare').toBeGreaterThan(5);
    // Messages differ by design: the stopped run holds back the stale ones and sends one catch-up message.
    for (const table of ['signals', 'trades', 'memoryEvents', 'locks'] as const) {
      const t = audit[table];
      expect({ missing: t.missingInB.slice(0, 5), extra: t.extraInB.slice(0, 5), different: t.different.slice(0, 5) }, `${table} as the uninterrupted run`)
        .toEqual({ missing: [], extra: [], different: [] });
    }
  }, 400_000);
});

import type Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Simulator } from '../../../src/sim/simulator.js';
import { auditDeliveries } from '../../e2e/ops/support/deliveryAudit.js';
import { ALERT_CHAT, makeToken } from '../../e2e/ops/support/opsStage.js';
import { waitForQuiet } from '../../e2e/ops/support/quiet.js';
import { dbPathIn } from '../../e2e/support/botEnv.js';
import { BotProcess, killAllBots } from '../../e2e/support/botProcess.js';
import { E2E_SYMBOLS, tryOpenMigrated } from '../../e2e/support/candleAudit.js';
import { waitStoredThrough } from '../../e2e/support/storedThrough.js';
import { startFixture, type E2eFixture } from '../../e2e/support/fixture.js';
import { pause, waitUntil } from '../../e2e/support/poll.js';
import { TelegramFake } from '../../fakes/telegramFake.js';
import { auditDecisions, describeDifferences, diffCounts } from '../support/decisionAudit.js';
import { summaryLine } from '../support/scale.js';

/** How much market both runs see, and how many faults run B takes. */
export interface DecisionsSize {
  /** SIGKILLs of run B's bot, each followed at once by a restart on the same database. */
  readonly kills: number;
  /** Forced drops of every live socket of run B (sim.dropConnections()). */
  readonly drops: number;
  /** Silent stalls of run B's exchange, each detected by the bot as a stale shard. */
  readonly stalls: number;
  /** Market time both runs process, in days from START_MS (12 real seconds a day at SPEED). */
  readonly marketDays: number;
}

/** Two hours of market per real second: a 30m candle closes every 250 ms. */
const SPEED = 7200;
/** July 2025: the bundled candles start on 2025-01-01, so every window (51 × 1d) is warm at the start. */
const START_MS = Date.UTC(2025, 6, 1);
const DAY_MS = 86_400_000;
const SEED = 11;
const STALE_AFTER_S = 5;
/** The bot's wait for a lagging symbol (ARCHITECTURE.md, Decisions); every stall is shorter. */
const WATERMARK_MAX_WAIT_S = 60;
/** Longer than the stale limit (one stale reconnect per stall), shorter than the watermark wait. */
const STALL_MS = 8_000;
/** Three streams per socket: one shard per symbol, so each symbol's socket reconnects on its own backoff. */
const STREAMS_PER_SHARD = '3';

/**
 * Per market day, at least this much must be compared, so the test cannot pass on nothing. Clean
 * runs at these settings (and the backtest of the same days) decide, over 3 days from July 1:
 * 12 sent signals, 10 closed trades, 5 memory events; over 20 days: 73, 72, 71. The floor is about
 * half of that.
 */
const FLOOR_PER_DAY = { signalsSent: 2, closedTrades: 1.5, memoryEvents: 0.8 } as const;

type Fault = 'kill' | 'drop' | 'stall';

/** One run: its own simulator (same options as the other's), database, Telegram fake and bot. */
interface Run {
  readonly name: 'A' | 'B';
  readonly fx: E2eFixture;
  readonly sim: Simulator;
  readonly dbPath: string;
  readonly fake: TelegramFake;
  readonly env: Record<string, string>;
  bot: BotProcess;
  /** Every bot process of the run, in start order (B has one per kill plus the first). */
  readonly bots: BotProcess[];
}

async function startRun(name: Run['name']): Promise<Run> {
  const fx = await startFixture({ speed: SPEED, startTimeMs: START_MS, seed: SEED, holdClock: true });
  const token = makeToken();
  const fake = await TelegramFake.start({ token });
  const dbPath = dbPathIn(fx.dir);
  const env = {
    BINANCE_REST_URL: fx.sim.restUrl, BINANCE_WS_URL: fx.sim.wsBaseUrl, DB_PATH: dbPath,
    FIXED_SYMBOLS: 'BTC,ETH,SOL', MAX_SYMBOLS_SUBSCRIBED: '3', WS_MAX_STREAMS_PER_CONN: STREAMS_PER_SHARD,
    STALE_AFTER_SECONDS: String(STALE_AFTER_S), WATERMARK_MAX_WAIT_SECONDS: String(WATERMARK_MAX_WAIT_S),
    MODEL_PROFILE: 'confluence', MEMORY_ENABLED: 'true', SCORE_THRESHOLD: '55', MAX_SIGNALS_PER_DAY: '20',
    TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_ID: ALERT_CHAT, TELEGRAM_API_ROOT: fake.apiRoot,
    LANGUAGE: 'en', LOG_LEVEL: 'info', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0',
  };
  const bot = new BotProcess(env);
  return { name, fx, sim: fx.sim, dbPath, fake, env, bot, bots: [bot] };
}

/**
 * Warm: every series holds the candle closed at the start (REST history, coldStart.ts's test),
 * and the exchange has answered a server-time read, then REST has gone quiet (the bot's first
 * server-time reads, which set where processing starts, are answered: on a held clock they all
 * read START_MS).
 */
async function waitWarm(run: Run): Promise<void> {
  await waitStoredThrough(run.bot, run.dbPath, START_MS, `run ${run.name}: every series stored through the start`);
  const timeReads = () => run.sim.stats().rest.byPath['/fapi/v1/time'] ?? 0;
  await waitForQuiet(`run ${run.name}: server time read and REST quiet`, () => String(run.sim.stats().rest.requests), () => timeReads() > 0, 500, 30_000);
  expect(run.sim.clock.nowMs(), `run ${run.name}: the market is still held at the start after the warm-up`).toBe(START_MS);
}

/** The smallest scan cursor over the watched symbols (undefined until each has one). */
function minCursor(db: Database.Database): number | undefined {
  const rows = db.prepare('SELECT symbol, end_ms FROM scan_cursors').all() as Array<{ symbol: string; end_ms: number }>;
  const ends = E2E_SYMBOLS.map((s) => rows.find((r) => r.symbol === s)?.end_ms);
  return ends.some((e) => e === undefined) ? undefined : Math.min(...(ends as number[]));
}

/** Waits until the run processed every candle up to `endMs`; false when it did not in time (the audit then says how far). */
async function waitProcessedThrough(run: Run, endMs: number, timeoutMs: number): Promise<boolean> {
  let db: Database.Database | undefined;
  try {
    return await waitUntil(`run ${run.name}: every symbol processed through ${new Date(endMs).toISOString()}`, () => {
      if (run.bot.exit) throw new Error(`run ${run.name}: bot exited ${JSON.stringify(run.bot.exit)}: ${run.bot.stderr.slice(-1500)}`);
      db ??= tryOpenMigrated(run.dbPath);
      return db !== undefined && (minCursor(db) ?? -1) >= endMs;
    }, timeoutMs, 200).catch(() => false);
  } finally {
    db?.close();
  }
}

/** The faults spread evenly over the market: kills, drops and stalls interleaved. */
function faultPlan({ kills, drops, stalls }: DecisionsSize): Fault[] {
  const spread = (fault: Fault, n: number) => Array.from({ length: n }, (_, i) => ({ fault, at: (i + 0.5) / n }));
  return [...spread('kill', kills), ...spread('drop', drops), ...spread('stall', stalls)].sort((x, y) => x.at - y.at).map((f) => f.fault);
}

/** Symbols the event-time watermark declared late (one per symbol and declaration), over all runs of B. */
const lateDeclarations = (bots: readonly BotProcess[]): number =>
  bots.reduce((n, bot) => n + bot.logsWith('symbols late, the others go on without them').reduce((m, e) => m + ((e.symbols as unknown[] | undefined)?.length ?? 0), 0), 0);

const staleReconnects = (bots: readonly BotProcess[]): number =>
  bots.reduce((n, bot) => n + bot.logsWith('shard reconnecting').filter((e) => (e.err as { type?: string } | undefined)?.type === 'StaleStreamError').length, 0);

/** The last fault injected before market time `ms` (`kill@2025-07-02T03:10:00.000Z`), or `none`. */
function faultBefore(log: ReadonlyArray<{ readonly fault: Fault; readonly simMs: number }>, ms: number | undefined): string {
  const last = ms === undefined ? undefined : log.filter((f) => f.simMs <= ms).at(-1);
  return last ? `${last.fault}@${new Date(last.simMs).toISOString()}` : 'none';
}

/** With DECISIONS_KEEP_DIR set, copies both databases there (A.db, B.db) to study a failure. */
function keepDatabases(runs: readonly Run[]): void {
  const dir = process.env.DECISIONS_KEEP_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const r of runs) {
    for (const suffix of ['', '-wal']) if (existsSync(r.dbPath + suffix)) copyFileSync(r.dbPath + suffix, join(dir, `${r.name}.db${suffix}`));
  }
}

interface KillRecord {
  readonly n: number;
  /** The fake's message count and last text once the killed process was gone: only that message may come again. */
  readonly deliveredBefore: number;
  readonly lastText: string | undefined;
  readonly repeats: string[];
}

/**
 * Runs the real bot twice on the same market (July 2025, the bundled BTC, ETH and SOL candles, at
 * 7200×): run A uninterrupted, run B through SIGKILLs with immediate restarts, socket drops and
 * silent stalls. Each run has its own simulator with identical options; both warm up on a held
 * clock and are released together, and both markets end at the same moment, so both runs process
 * the same candles from the same start. Then their decisions must be identical (signals sent and
 * blocked, trades, memory events and locks, outbox messages), and at most one Telegram message may
 * come twice per kill.
 */
export async function decisionsScenario(size: DecisionsSize): Promise<string> {
  const endMs = START_MS + Math.round(size.marketDays * 48) * (DAY_MS / 48);
  const runs: Run[] = [];
  try {
    runs.push(await startRun('A'), await startRun('B'));
    const [a, b] = runs as [Run, Run];
    await Promise.all(runs.map(waitWarm));
    for (const run of runs) run.sim.runClock({ untilMs: endMs });

    const faultLog: Array<{ readonly fault: Fault; readonly simMs: number }> = [];
    const kills: KillRecord[] = [];
    let socketsDropped = 0;
    let drops = 0;
    let stalls = 0;
    const plan = faultPlan(size);
    for (const [i, fault] of plan.entries()) {
      // Each fault at its share of the market (event time), not after a fixed real delay.
      const atMs = START_MS + ((i + 0.5) / plan.length) * (endMs - START_MS);
      await waitUntil(`market time for fault ${i + 1} (${fault})`, () => b.sim.clock.nowMs() >= atMs, 600_000, 20);
      expect(b.bot.exit, `run B's bot is up before fault ${i + 1}`).toBeUndefined();
      faultLog.push({ fault, simMs: b.sim.clock.nowMs() });
      if (fault === 'kill') {
        await b.bot.kill();
        kills.push({ n: kills.length + 1, deliveredBefore: b.fake.messages.length, lastText: b.fake.messages.at(-1)?.text, repeats: [] });
        b.bot = new BotProcess(b.env);
        b.bots.push(b.bot);
        await b.bot.waitForLog('kline-signals started', 30_000);
      } else if (fault === 'drop') {
        await waitUntil('a live socket of run B to drop', () => b.sim.stats().connections.open > 0 || b.bot.exit, 60_000, 20);
        const n = b.sim.dropConnections();
        socketsDropped += n;
        if (n > 0) drops += 1;
      } else {
        const before = staleReconnects(b.bots);
        await waitUntil('a live socket of run B before the stall', () => b.sim.stats().connections.open > 0 || b.bot.exit, 60_000, 20);
        const stalledAt = performance.now();
        b.sim.stall(STALL_MS);
        await waitUntil('the stall detected as a stale shard', () => staleReconnects(b.bots) > before || b.bot.exit, STALL_MS + 10_000, 50);
        stalls += 1;
        await pause(Math.max(0, STALL_MS - (performance.now() - stalledAt))); // the stall holds for STALL_MS of real time
      }
    }

    await waitUntil('both markets at their end', () => runs.every((r) => r.sim.clock.isHeld()), 600_000, 100);
    const caughtUp = await Promise.all(runs.map((r) => waitProcessedThrough(r, endMs, 120_000)));
    await Promise.all(runs.map((r) => r.bot.stop()));
    keepDatabases(runs);

    const audit = auditDecisions(a.dbPath, b.dbPath, E2E_SYMBOLS);
    const deliveriesB = auditDeliveries(b.dbPath, b.fake.messages, ALERT_CHAT);
    const deliveriesA = auditDeliveries(a.dbPath, a.fake.messages, ALERT_CHAT);
    let unexplained = 0;
    for (const r of deliveriesB.repeats) {
      const candidates = kills.filter((k) => k.lastText === r.text && r.deliveries.some((d) => d >= k.deliveredBefore));
      candidates.slice(0, r.extra).forEach((k) => k.repeats.push(r.keys[0] as string));
      unexplained += Math.max(0, r.extra - candidates.length);
    }
    const repeatsB = deliveriesB.repeats.reduce((n, r) => n + r.extra, 0);
    const line = summaryLine('faults decisions', {
      marketDays: size.marketDays, caughtUp: caughtUp.join('/'), kills: kills.length, drops, socketsDropped, stalls, staleReconnects: staleReconnects(b.bots),
      lateDeclarationsA: lateDeclarations(a.bots), lateDeclarationsB: lateDeclarations(b.bots),
      horizon: new Date(audit.horizonMs).toISOString(),
      signalsSent: audit.counts.signalsSent, signalsBlocked: audit.counts.signalsBlocked, trades: audit.counts.trades, closedTrades: audit.counts.closedTrades,
      memoryEvents: audit.counts.memoryEvents, locks: audit.counts.locks, messages: audit.counts.messages, dailySummaries: audit.counts.dailySummaries,
      signalsB: audit.signals.comparedB, lateNoticesB: audit.lateNotices.b, differences: audit.differences,
      firstDifference: audit.firstDifferenceMs === undefined ? 'none' : new Date(audit.firstDifferenceMs).toISOString(),
      faultBeforeIt: faultBefore(faultLog, audit.firstDifferenceMs), ...diffCounts(audit),
      repeatsA: deliveriesA.repeats.length, repeatsB, maxRepeatsPerKill: Math.max(0, ...kills.map((k) => k.repeats.length)), unexplainedRepeats: unexplained,
    });

    expect(kills.length, 'run B was killed and restarted as asked').toBe(size.kills);
    expect(drops, 'run B had live sockets dropped as asked').toBe(size.drops);
    expect(staleReconnects(b.bots), 'every stall was detected as a stale shard').toBeGreaterThanOrEqual(size.stalls);
    const floor = (perDay: number) => Math.max(1, Math.floor(perDay * size.marketDays));
    expect(audit.counts.signalsSent, 'enough sent signals compared').toBeGreaterThanOrEqual(floor(FLOOR_PER_DAY.signalsSent));
    expect(audit.counts.closedTrades, 'enough closed trades compared').toBeGreaterThanOrEqual(floor(FLOOR_PER_DAY.closedTrades));
    expect(audit.counts.memoryEvents, 'enough memory events compared').toBeGreaterThanOrEqual(floor(FLOOR_PER_DAY.memoryEvents));
    expect(audit.locks.skipped, 'the locks were compared').toBeUndefined();
    expect(describeDifferences(audit), `run B decided exactly as run A (${audit.differences} differences)`).toEqual([]);
    expect(audit.horizonMs, 'both runs processed the whole market').toBe(endMs);
    expect(deliveriesA.repeats, 'run A repeats no Telegram message').toEqual([]);
    expect(unexplained, 'every repeated Telegram message is the one in flight at a kill').toBe(0);
    for (const k of kills) expect(k.repeats.length, `kill #${k.n} repeats at most one Telegram message`).toBeLessThanOrEqual(1);
    return line;
  } finally {
    await killAllBots();
    await Promise.allSettled(runs.flatMap((r) => [r.fake.close(), r.fx.cleanup()]));
  }
}

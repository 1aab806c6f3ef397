import type Database from 'better-sqlite3';
import { INTERVAL_MS } from '../../../src/domain/kline.js';
import type { Simulator } from '../../../src/sim/simulator.js';
import { logTimeMs, type BotProcess } from './botProcess.js';
import { e2eSeries, lastClosedOpenTimeMs, storedThrough, tryOpenMigrated } from './candleAudit.js';

/** One socket loss, from the bot's `shard reconnecting` to its gap being in SQLite. */
export interface ReconnectEpisode {
  /** Wall ms of the first `shard reconnecting` of the episode (the bot noticed the loss). */
  readonly droppedAtMs: number;
  /** Wall ms of the `shard open` (reconnect) that ended it. */
  reopenedAtMs?: number;
  /** Closed candles (all watched series) the exchange closed while the socket was down. */
  gapCandles?: number;
  /** Wall ms of the first poll that saw every candle closed by the reopen stored. */
  filledAtMs?: number;
  /** Why it reconnected (pino's `err.type` of the first attempt). */
  readonly cause: string;
}

/**
 * Follows the bot's reconnects from its logs and polls its database (read-only) to time each
 * "dropped socket → gap backfilled" episode. Simulated time at a wall time is derived from one
 * sample of the simulator's clock and its speed. Resolution: the poll period.
 */
export class BackfillWatch {
  readonly episodes: ReconnectEpisode[] = [];
  private db: Database.Database | undefined;
  private seen = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly wall0 = Date.now();
  private readonly sim0: number;

  constructor(private readonly bot: BotProcess, private readonly sim: Simulator, private readonly dbPath: string, private readonly pollMs = 100) {
    this.sim0 = sim.clock.nowMs();
  }

  /** Simulated ms at a wall-clock ms. */
  simAt(wallMs: number): number {
    return this.sim0 + (wallMs - this.wall0) * this.sim.clock.speed;
  }

  start(): void {
    this.timer = setInterval(() => this.poll(), this.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.db?.close();
    this.db = undefined;
  }

  /** Whether SQLite holds, for every watched series, the newest candle closed at simulated `simMs`. */
  storedThrough(simMs: number): boolean {
    const db = this.database();
    return db !== undefined && storedThrough(db, e2eSeries(), simMs);
  }

  private database(): Database.Database | undefined {
    this.db ??= tryOpenMigrated(this.dbPath);
    return this.db;
  }

  private poll(): void {
    for (; this.seen < this.bot.logs.length; this.seen += 1) {
      const e = this.bot.logs[this.seen]!;
      const current = this.episodes.at(-1);
      if (e.msg === 'shard reconnecting' && (!current || current.reopenedAtMs !== undefined)) {
        const err = e.err as { type?: string } | undefined;
        this.episodes.push({ droppedAtMs: logTimeMs(e), cause: err?.type ?? 'unknown' });
      } else if (e.msg === 'shard open' && e.reconnect === true && current && current.reopenedAtMs === undefined) {
        current.reopenedAtMs = logTimeMs(e);
        current.gapCandles = this.closedBetween(this.simAt(current.droppedAtMs), this.simAt(current.reopenedAtMs));
      }
    }
    for (const ep of this.episodes) {
      if (ep.reopenedAtMs === undefined || ep.filledAtMs !== undefined) continue;
      if (this.storedThrough(this.simAt(ep.reopenedAtMs))) ep.filledAtMs = Date.now();
    }
  }

  private closedBetween(fromSimMs: number, toSimMs: number): number {
    return e2eSeries().reduce(
      (n, { interval }) => n + (lastClosedOpenTimeMs(toSimMs, interval) - lastClosedOpenTimeMs(fromSimMs, interval)) / INTERVAL_MS[interval],
      0,
    );
  }
}

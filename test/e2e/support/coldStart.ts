import type Database from 'better-sqlite3';
import type { Simulator } from '../../../src/sim/simulator.js';
import { e2eSeries, storedThrough, tryOpenMigrated, symbolsWithCandles } from './candleAudit.js';
import { waitUntil } from './poll.js';

/** What a cold start cost, read from the simulator's counters. */
export interface ColdStartCost {
  readonly symbols: number;
  /** Wall ms from spawn until every symbol had at least one closed candle in SQLite. */
  readonly msToFirstCandleAllSymbols: number;
  /** Wall ms from spawn until every series held the newest candle closed at spawn (warm). */
  readonly msToWarm: number;
  /** REST weight the exchange counted by then, and requests. */
  readonly weightAtWarm: number;
  readonly requestsAtWarm: number;
  readonly byPath: Record<string, number>;
}

/**
 * Polls the bot's database from spawn until all `symbols` are warm, and reads the simulator's
 * REST counters at that moment (nothing else talks to this simulator).
 */
export async function measureColdStart(sim: Simulator, dbPath: string, symbols: readonly string[], spawnedAtMs: number, timeoutMs: number): Promise<ColdStartCost> {
  const spawnSimMs = sim.clock.nowMs();
  const series = e2eSeries(symbols);
  let db: Database.Database | undefined;
  let firstAll: number | undefined;
  try {
    const warmAt = await waitUntil(`${symbols.length} symbols warm`, () => {
      db ??= tryOpenMigrated(dbPath);
      if (!db) return undefined;
      const have = symbolsWithCandles(db);
      if (firstAll === undefined && symbols.every((s) => have.has(s))) firstAll = Date.now();
      return storedThrough(db, series, spawnSimMs) ? Date.now() : undefined;
    }, timeoutMs, 25);
    const stats = sim.stats();
    return {
      symbols: symbols.length,
      msToFirstCandleAllSymbols: (firstAll ?? warmAt) - spawnedAtMs,
      msToWarm: warmAt - spawnedAtMs,
      weightAtWarm: stats.rest.weightUsed,
      requestsAtWarm: stats.rest.requests,
      byPath: stats.rest.byPath,
    };
  } finally {
    db?.close();
  }
}

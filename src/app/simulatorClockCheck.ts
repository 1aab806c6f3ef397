import type { Logger } from 'pino';
import type { Db } from '../sinks/sqlite/db.js';

export interface SimulatorClockCheckDeps {
  readonly db: Db;
  readonly dbPath: string;
  /** The simulator's market time now (GET /fapi/v1/time). */
  readonly serverTimeMs: () => Promise<number>;
  readonly logger: Logger;
}

/**
 * One warning when the database holds candles later than a simulator's clock: a simulator started
 * afresh begins at its start time again, and the bot then waits, silent, until the market catches
 * up with what it already stored (minutes at the recipe's speed). Says how to start afresh.
 * Unreachable simulator: nothing to say here (the network log says it).
 */
export async function warnWhenAheadOfSimulator({ db, dbPath, serverTimeMs, logger }: SimulatorClockCheckDeps): Promise<void> {
  const stored = (db.prepare(`SELECT MAX(close_time) AS t FROM candles`).get() as { t: number | null }).t;
  if (stored === null) return;
  let nowMs: number;
  try {
    nowMs = await serverTimeMs();
  } catch {
    return;
  }
  if (stored + 1 <= nowMs) return;
  const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  logger.warn(
    { component: 'database', db: dbPath, storedUpTo: at(stored + 1), simulatorAt: at(nowMs), setting: 'DB_PATH' },
    'the database is ahead of the simulator clock: no new candle until the simulator reaches it; delete the database file to start afresh',
  );
}

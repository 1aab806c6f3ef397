import type Database from 'better-sqlite3';
import type { BotProcess } from './botProcess.js';
import { e2eSeries, storedThrough, tryOpenMigrated } from './candleAudit.js';
import { waitUntil } from './poll.js';

/**
 * Waits until the bot's SQLite file holds, for every e2e series, the candle closed at simulated
 * `simMs` (a warm-up on a held clock: `START_MS`); fails at once with its stderr if the bot exits first.
 */
export async function waitStoredThrough(bot: BotProcess, dbPath: string, simMs: number, what = 'every series stored through the start', timeoutMs = 60_000): Promise<void> {
  let db: Database.Database | undefined;
  try {
    await waitUntil(what, () => {
      if (bot.exit) throw new Error(`${what}: bot exited ${JSON.stringify(bot.exit)} while warming up: ${bot.stderr.slice(-1500)}`);
      db ??= tryOpenMigrated(dbPath);
      return db !== undefined && storedThrough(db, e2eSeries(), simMs);
    }, timeoutMs, 50);
  } finally {
    db?.close();
  }
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { newSqliteDatabase } from './sqliteModule.js';

export type Db = Database.Database;

/** Pages of WAL before a commit checkpoints by itself (~40 MB at 4 KiB pages). */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * How commits reach the disk. `durable` (the bot): synchronous NORMAL, a commit survives a power
 * loss once checkpointed. `throwaway` (a backtest's own file, made again by running it again):
 * synchronous OFF, no fsync at all (the checkpoint when the file closes was most of its cost). Still
 * WAL, so a killed process loses only its open transaction and a resumed backtest lands where an
 * uninterrupted one does; only an OS crash or power loss can spoil the file.
 */
export type Durability = 'durable' | 'throwaway';

/**
 * Opens (or creates) the SQLite file in WAL mode and applies pending migrations. A file that is
 * not a database, or cannot be written, throws here — before anything connects — so the bot exits
 * with a clear error instead of running without storage; so does a SQLite module that cannot load
 * (SqliteModuleError: one line, exit 1).
 */
export function openDatabase(path: string, durability: Durability = 'durable'): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = newSqliteDatabase(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(durability === 'throwaway' ? 'synchronous = OFF' : 'synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The automatic checkpoint runs inside whichever commit crosses it (the p99 of candle → signal
    // committed was that commit); a large one leaves room for the app's idle-time PASSIVE
    // checkpoint (startApp) to do the work off the hot path.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The schema version the file is at after {@link migrate}. */
export function schemaVersion(db: Db): number {
  const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
  if (!hasMeta) return 0;
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

function migrate(db: Db): void {
  const from = schemaVersion(db);
  MIGRATIONS.slice(from).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
        String(from + i + 1),
      );
    })();
  });
}

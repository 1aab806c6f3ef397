import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../sinks/sqlite/migrations.js';
import { schemaVersion } from '../sinks/sqlite/db.js';
import { originMismatch, originOf, recordedOrigin } from '../sinks/sqlite/exchangeOrigin.js';
import type { Check } from './check.js';

const NAME = 'database';

/** The nearest folder on the way to `path` that exists: where the first run creates the rest. */
function existingAncestor(path: string): string {
  let dir = dirname(resolve(path));
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A missing file: fine when the first run can create it (and its folders). */
function missingFile(path: string): Check {
  const folder = existingAncestor(path);
  if (isWritable(folder)) return { name: NAME, status: 'ok', detail: `${path} will be created at first run`, data: { path, exists: false } };
  return { name: NAME, status: 'fail', detail: `${path} cannot be created: ${folder} is not writable`, hint: 'point DB_PATH to a writable folder', data: { path, exists: false } };
}

/**
 * DB_PATH without creating or changing anything (the old doctor created the folder and migrated):
 * a missing file is fine if it can be created; an existing one is opened read-only and must be a
 * kline-signals database no newer than this version. WAL side files the read-only open makes are
 * removed again unless a running bot owns them. A file the other kind of exchange filled (live
 * Binance against the simulator) fails, as the run refuses it.
 */
export function checkDatabase(path: string, restUrl: string): Check {
  if (path === ':memory:') return { name: NAME, status: 'ok', detail: 'in memory: nothing is kept between runs', data: { path } };
  if (!existsSync(path)) return missingFile(path);
  if (!statSync(path).isFile()) return { name: NAME, status: 'fail', detail: `${path} is not a file`, hint: 'point DB_PATH to a file (it is created at first run)', data: { path } };
  const unwritable = [path, dirname(resolve(path))].find((p) => !isWritable(p));
  if (unwritable !== undefined) {
    return { name: NAME, status: 'fail', detail: `${path} cannot be written: ${unwritable} is read-only for this user`, hint: 'give the user running the bot write access to the file and its folder (SQLite keeps its journal beside the file)', data: { path } };
  }
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((f) => !existsSync(f));
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const version = schemaVersion(db);
    const latest = MIGRATIONS.length;
    if (version > latest) {
      return { name: NAME, status: 'fail', detail: `${path} has schema version ${version}, newer than this kline-signals knows (${latest})`, hint: 'update kline-signals, or point DB_PATH to another file', data: { path, schemaVersion: version } };
    }
    const mismatch = version === 0 ? undefined : originMismatch(path, recordedOrigin(db), originOf(restUrl));
    if (mismatch !== undefined) {
      return { name: NAME, status: 'fail', detail: mismatch, hint: 'keep live and simulated data in separate files (the simulator recipe sets DB_PATH=./data/sim.db)', data: { path, schemaVersion: version } };
    }
    const count = (table: string): number => (db!.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const rows = version === 0 ? {} : Object.fromEntries(['signals', 'trades', 'outbox'].map((t) => [t, count(t)]));
    const upgrade = version < latest ? `; upgraded from schema ${version} to ${latest} at next start` : '';
    const held = version === 0 ? 'empty' : `${rows.signals} signals, ${rows.trades} trades, ${rows.outbox} messages in the outbox`;
    return { name: NAME, status: 'ok', detail: `${path}: ${held}${upgrade}`, data: { path, schemaVersion: version, rows } };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { name: NAME, status: 'fail', detail: `${path} cannot be read: ${why}`, hint: 'check the file\'s permissions; a corrupt file: move it away and start again', data: { path } };
  } finally {
    db?.close();
    // An empty WAL and its index: what the read-only open itself made (a running bot's WAL existed before).
    for (const f of sideFiles) if (existsSync(f) && (f.endsWith('-shm') || statSync(f).size === 0)) rmSync(f, { force: true });
  }
}

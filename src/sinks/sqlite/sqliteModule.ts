import Database from 'better-sqlite3';
import { SqliteModuleError } from '../../domain/errors.js';

/** better-sqlite3's constructor, or a stand-in that fails the way it does (tests). */
export type SqliteConstructor = new (path: string, options?: Database.Options) => Database.Database;

/**
 * Whether an error of `new Database()` says the native addon itself did not load (better-sqlite3
 * loads it on first use): node's `ERR_DLOPEN_FAILED` (a binary built for another Node, another
 * platform, or not at all), or `bindings` finding no `better_sqlite3.node` after a failed compile.
 * A file that is not a database or cannot be opened is none of these.
 */
export function isSqliteModuleFailure(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_DLOPEN_FAILED') return true;
  return typeof message === 'string' && /Could not locate the bindings file|NODE_MODULE_VERSION|better_sqlite3\.node/.test(message);
}

/**
 * `new Database(path, options)` that turns a native module that cannot load into a one-line
 * {@link SqliteModuleError} (what to run, where the README explains it) instead of 20 lines of
 * paths `bindings` tried, or Node's NODE_MODULE_VERSION paragraph with a stack.
 */
export function newSqliteDatabase(path: string, options?: Database.Options, Sqlite: SqliteConstructor = Database): Database.Database {
  try {
    return new Sqlite(path, options);
  } catch (err) {
    throw isSqliteModuleFailure(err) ? new SqliteModuleError(err) : err;
  }
}

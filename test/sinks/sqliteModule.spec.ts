import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteModuleError } from '../../src/domain/errors.js';
import { newSqliteDatabase, type SqliteConstructor } from '../../src/sinks/sqlite/sqliteModule.js';
import { botCliArgs, REPO_ROOT } from '../support/botCli.js';

const BUILT_FOR_OTHER_NODE = fileURLToPath(new URL('../fakes/sqliteBuiltForOtherNode.cjs', import.meta.url));
const ONE_LINE = `kline-signals: the SQLite module is not built for this Node (${process.version}): run npm rebuild better-sqlite3; see README, Install troubleshooting`;

/** A constructor that fails as better-sqlite3 does on first use. */
function failing(err: Error & { code?: string }): SqliteConstructor {
  return class {
    constructor() {
      throw err;
    }
  } as unknown as SqliteConstructor;
}

describe('a SQLite module that cannot load (issue 15 item 6)', () => {
  it('never built (bindings finds no better_sqlite3.node) or built for another Node: a SqliteModuleError saying what to run', () => {
    const notBuilt = new Error('Could not locate the bindings file. Tried:\n → /app/node_modules/better-sqlite3/build/better_sqlite3.node\n → …');
    const otherNode = Object.assign(new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.'), { code: 'ERR_DLOPEN_FAILED' });
    for (const err of [notBuilt, otherNode]) {
      let thrown: unknown;
      try {
        newSqliteDatabase(':memory:', undefined, failing(err));
      } catch (e) {
        thrown = e;
      }
      expect(thrown, err.message).toBeInstanceOf(SqliteModuleError);
      expect((thrown as Error).message, 'one line: the fix and where it is explained').toBe(ONE_LINE.replace('kline-signals: ', ''));
      expect((thrown as Error).cause, 'the original kept for a debugger').toBe(err);
    }
  });

  it('leaves other errors as they are (a file that is not a database), and opens a real database', () => {
    const notADb = Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' });
    expect(() => newSqliteDatabase('x.db', undefined, failing(notADb))).toThrow(notADb);
    const db = newSqliteDatabase(':memory:');
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('the bot started with a module built for another Node exits 1 with that one line, no stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-sqlite-'));
    const child = spawn(process.execPath, ['--require', BUILT_FOR_OTHER_NODE, ...botCliArgs(['run'])], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DB_PATH: join(dir, 'data', 'bot.db'), HTTP_PORT: '0', BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect([code, stderr.trim()], 'exit 1 and the one line').toEqual([1, ONE_LINE]);
    expect(readdirSync(join(dir, 'data')), 'no database file').toEqual([]);
  }, 30_000);
});

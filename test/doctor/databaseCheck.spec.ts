import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../../src/doctor/databaseCheck.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { MIGRATIONS } from '../../src/sinks/sqlite/migrations.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ks-dbcheck-'));

describe('doctor: the database, read-only', () => {
  it('regression: a missing file (and folder) is fine and nothing is created (the old doctor created both)', () => {
    const dir = tempDir();
    const check = checkDatabase(join(dir, 'data', 'bot.db'), 'https://fapi.binance.com');
    expect(check).toMatchObject({ status: 'ok', detail: `${join(dir, 'data', 'bot.db')} will be created at first run` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an existing database: its contents, the file untouched and no WAL side files left', () => {
    const dir = tempDir();
    const path = join(dir, 'bot.db');
    openDatabase(path).close();
    const before = statSync(path);
    const check = checkDatabase(path, 'https://fapi.binance.com');
    expect(check).toMatchObject({ status: 'ok', detail: `${path}: 0 signals, 0 trades, 0 messages in the outbox`, data: { schemaVersion: MIGRATIONS.length } });
    expect(readdirSync(dir), 'no -wal / -shm left behind').toEqual(['bot.db']);
    expect([statSync(path).size, statSync(path).mtimeMs]).toEqual([before.size, before.mtimeMs]);
  });

  it('a newer schema, a file that is not a database, a folder in its place: ✘ with a fix', () => {
    const dir = tempDir();
    const newer = join(dir, 'newer.db');
    const db = openDatabase(newer);
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'schema_version'`).run(String(MIGRATIONS.length + 1));
    db.close();
    expect(checkDatabase(newer, 'https://fapi.binance.com')).toMatchObject({ status: 'fail', detail: `${newer} has schema version ${MIGRATIONS.length + 1}, newer than this kline-signals knows (${MIGRATIONS.length})` });
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'not a database, only text that is long enough to have a header of its own');
    expect(checkDatabase(text, 'https://fapi.binance.com')).toMatchObject({ status: 'fail', detail: `${text} cannot be read: file is not a database` });
    mkdirSync(join(dir, 'folder.db'));
    expect(checkDatabase(join(dir, 'folder.db'), 'https://fapi.binance.com').status).toBe('fail');
  });

  // root writes anything: permissions can only be checked as an ordinary user.
  const asRoot = process.getuid?.() === 0;

  it.skipIf(asRoot)('a missing database in a folder the user cannot write: ✘', () => {
    const locked = join(tempDir(), 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    expect(checkDatabase(join(locked, 'sub', 'bot.db'), 'https://fapi.binance.com')).toMatchObject({ status: 'fail', detail: `${join(locked, 'sub', 'bot.db')} cannot be created: ${locked} is not writable` });
    chmodSync(locked, 0o700);
  });

  it.skipIf(asRoot)('an existing database the user cannot write: ✘ (the run would fail at its first commit)', () => {
    const dir = tempDir();
    const path = join(dir, 'bot.db');
    openDatabase(path).close();
    chmodSync(path, 0o400);
    expect(checkDatabase(path, 'https://fapi.binance.com')).toMatchObject({ status: 'fail', detail: `${path} cannot be written: ${path} is read-only for this user` });
    chmodSync(path, 0o600);
  });
});

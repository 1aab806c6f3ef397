import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { originOf, recordedOrigin, recordOrigin } from '../../src/sinks/sqlite/exchangeOrigin.js';
import { botCliArgs } from '../support/botCli.js';

/** An address that is not this machine (TEST-NET-1): the bot takes it for Binance, and nothing answers there. */
const LIVE_URL = 'http://192.0.2.1:9';
const SIM_URL = 'http://127.0.0.1:9';

/** A database file the given exchange filled, as a bot run against it leaves it. */
function databaseFrom(restUrl: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ks-origin-')), 'bot.db');
  const db = openDatabase(path);
  recordOrigin(db, originOf(restUrl));
  db.close();
  return path;
}

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, botCliArgs(args), {
    env: { PATH: process.env.PATH ?? '', HTTP_PORT: '0', LOG_FORMAT: 'json', ...env }, encoding: 'utf8', timeout: 20_000,
  });
}

describe('regression: live and simulated data never share a database (review: the sim recipe wrote into the live file)', () => {
  it.each([
    ['a live run on a database the simulator filled', SIM_URL, LIVE_URL, /^config error: DB_PATH \S+ holds data from the simulator \(http:\/\/127\.0\.0\.1:9\), and this run watches live Binance \(http:\/\/192\.0\.2\.1:9\): set DB_PATH to the live database/],
    ['a simulated run on a live database', LIVE_URL, SIM_URL, /^config error: DB_PATH \S+ holds data from live Binance \(http:\/\/192\.0\.2\.1:9\), and this run watches the simulator \(http:\/\/127\.0\.0\.1:9\): set DB_PATH=\.\/data\/sim\.db for the simulator/],
  ])('%s is refused: exit 1, one line naming DB_PATH and the fix', (_, filledFrom, runOn, line) => {
    const dbPath = databaseFrom(filledFrom);
    const r = cli(['run'], { DB_PATH: dbPath, BINANCE_REST_URL: runOn, BINANCE_WS_URL: runOn.replace('http', 'ws') });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n'), 'exactly one line').toEqual([expect.stringMatching(line)]);
    const db = openDatabase(dbPath);
    expect(recordedOrigin(db), 'the file keeps its origin').toEqual(originOf(filledFrom));
    db.close();
  }, 30_000);

  it('doctor reports the mix as broken, with the fix', () => {
    const dbPath = databaseFrom(SIM_URL);
    const r = cli(['doctor', '--json'], { DB_PATH: dbPath, BINANCE_REST_URL: LIVE_URL });
    const { checks } = JSON.parse(r.stdout) as { checks: Array<{ name: string; status: string; detail: string; hint?: string }> };
    const database = checks.find((c) => c.name === 'database');
    expect(database?.status, JSON.stringify(database)).toBe('fail');
    expect(database?.detail).toMatch(/holds data from the simulator \(http:\/\/127\.0\.0\.1:9\)/);
    expect(r.status).toBe(1);
  }, 30_000);

  it('a new database records the exchange of its first run, and a run of the same kind is accepted', () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'ks-origin-')), 'bot.db');
    const db = openDatabase(dbPath);
    expect(recordedOrigin(db), 'nothing recorded yet').toBeUndefined();
    recordOrigin(db, originOf(SIM_URL));
    recordOrigin(db, originOf('http://127.0.0.1:4000'));
    expect(recordedOrigin(db), 'the first run owns the file').toEqual({ kind: 'simulator', address: SIM_URL });
    db.close();
  });
});

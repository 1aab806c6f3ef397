import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, schemaVersion } from '../../src/sinks/sqlite/db.js';
import { MIGRATIONS } from '../../src/sinks/sqlite/migrations.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { CandleRepo } from '../../src/sinks/sqlite/candleRepo.js';
import type { Kline } from '../../src/domain/kline.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'ks-db-')), 'nested', 'k.db');

function candle(openTimeMs: number, close: number): Kline {
  return {
    symbol: 'BTCUSDT', interval: '30m', openTimeMs, closeTimeMs: openTimeMs + 1_799_999,
    open: 1, high: close + 1, low: 0.5, close, volume: 10, quoteVolume: 0, trades: 0, closed: true,
  };
}

describe('openDatabase', () => {
  it('syncs a durable file (the bot) and never a throwaway one (a backtest), both in WAL mode', () => {
    const durable = openDatabase(tempDb());
    const throwaway = openDatabase(tempDb(), 'throwaway');
    // SQLite's synchronous levels: 0 OFF, 1 NORMAL.
    expect([durable.pragma('synchronous', { simple: true }), throwaway.pragma('synchronous', { simple: true })]).toEqual([1, 0]);
    expect(throwaway.pragma('journal_mode', { simple: true })).toBe('wal');
    durable.close();
    throwaway.close();
  });

  it('creates the file in WAL mode at the latest schema, and reopening migrates nothing twice', () => {
    const path = tempDb();
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('migrates a version 2 file: closed trades keep their rows, without an exit reason', () => {
    const path = tempDb();
    mkdirSync(join(path, '..'), { recursive: true });
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.exec(MIGRATIONS[1]!);
    old.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', '2')`).run();
    old.prepare(`INSERT INTO signals (id, symbol, interval, open_time, end_time, model, profile, side, status, score, breakdown, threshold, entry, stop_loss, take_profit, quantity, risk_pct, reasons)
      VALUES (1, 'BTCUSDT', '30m', 0, 1800000, 'continuation', 'seed', 'LONG', 'sent', 80, '{}', 75, 100, 95, 110, 1, 1, '[]')`).run();
    old.prepare(`INSERT INTO trades (signal_id, symbol, interval, model, side, entry, stop_loss, take_profit, quantity, opened_at, expires_at, status, exit_time, exit_price, outcome, r_multiple, pnl, equity_after)
      VALUES (1, 'BTCUSDT', '30m', 'continuation', 'LONG', 100, 95, 110, 1, 1800000, 9000000, 'closed', 3600000, 95, 'LOSS', -1, -5, 995)`).run();
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const [trade] = createRepos(db).trades.closedTrades();
    expect(trade, 'the row is intact').toMatchObject({ signalId: 1, outcome: 'LOSS', pnl: -5 });
    expect(trade?.exitReason, 'no reason').toBeUndefined();
    db.close();
  });

  it('migrates a version 3 file: a pending message stays pending, as text (no photo)', () => {
    const path = tempDb();
    mkdirSync(join(path, '..'), { recursive: true });
    const old = new Database(path);
    for (const m of MIGRATIONS.slice(0, 3)) old.exec(m);
    old.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', '3')`).run();
    old.prepare(`INSERT INTO outbox (key, chat_id, kind, text, parse_mode, status, next_attempt_at, created_at) VALUES ('signal:1', '42', 'signal', 'hi', 'HTML', 'pending', 0, 0)`).run();
    old.close();
    const db = openDatabase(path);
    expect(createRepos(db).outbox.find('signal:1'), 'kept, sent as before').toMatchObject({ status: 'pending', text: 'hi', photo: null });
    db.close();
  });

  it('migrates a version 4 file (threads, no photo): a pending result still replies to its sent signal', () => {
    const path = tempDb();
    mkdirSync(join(path, '..'), { recursive: true });
    const old = new Database(path);
    for (const m of MIGRATIONS.slice(0, 4)) old.exec(m);
    old.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', '4')`).run();
    old.prepare(`INSERT INTO outbox (key, chat_id, kind, text, parse_mode, status, next_attempt_at, created_at, sent_at, message_id)
      VALUES ('signal:1', '42', 'signal', 'hi', 'HTML', 'sent', 0, 0, 0, 77)`).run();
    old.prepare(`INSERT INTO outbox (key, chat_id, kind, text, parse_mode, status, next_attempt_at, created_at, reply_to_key)
      VALUES ('trade:1', '42', 'trade', 'won', 'HTML', 'pending', 0, 0, 'signal:1')`).run();
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const outbox = createRepos(db).outbox;
    expect(outbox.find('signal:1'), 'its message id kept').toMatchObject({ status: 'sent', messageId: 77, photo: null });
    expect(outbox.nextDue(0), 'the result, as text, still a reply').toMatchObject([{ key: 'trade:1', photo: null, replyToMessageId: 77 }]);
    db.close();
  });

  it('refuses a file that is not a database with an error, not silence', () => {
    const path = tempDb();
    openDatabase(path).close();
    writeFileSync(path, 'this is not sqlite '.repeat(500));
    expect(() => openDatabase(path)).toThrow(/not a database|malformed/i);
  });
});

describe('CandleRepo', () => {
  it('upserts idempotently and returns the newest candles oldest first', () => {
    const repo = new CandleRepo(openDatabase(tempDb()));
    const rows = [0, 1, 2, 3].map((i) => candle(i * 1_800_000, 100 + i));
    repo.upsert(rows);
    repo.upsert([rows[1]!, { ...rows[3]!, close: 999 }]);
    const recent = repo.recent('BTCUSDT', '30m', 2);
    expect(recent.map((k) => k.openTimeMs)).toEqual([3_600_000, 5_400_000]);
    expect(recent[1]!.close, 'a later upsert of the same candle replaces it').toBe(999);
    expect(repo.range('BTCUSDT', '30m', 0, 1e12)).toHaveLength(4);
    expect(repo.lastOpenTimeMs('BTCUSDT', '30m')).toBe(5_400_000);
    expect(repo.lastOpenTimeMs('ETHUSDT', '30m')).toBeUndefined();
  });

  it('never stores a forming candle', () => {
    const repo = new CandleRepo(openDatabase(tempDb()));
    repo.upsert([{ ...candle(0, 1), closed: false }]);
    expect(repo.recent('BTCUSDT', '30m', 10)).toEqual([]);
  });

  it('prunes only beyond the newest `keep` candles', () => {
    const repo = new CandleRepo(openDatabase(tempDb()));
    repo.upsert([0, 1, 2, 3, 4].map((i) => candle(i * 1_800_000, i)));
    expect(repo.prune('BTCUSDT', '30m', 3)).toBe(2);
    expect(repo.range('BTCUSDT', '30m', 0, 1e12).map((k) => k.close)).toEqual([2, 3, 4]);
  });
});

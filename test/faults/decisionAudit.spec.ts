import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/sinks/sqlite/db.js';
import { auditDecisions, describeDifferences } from './support/decisionAudit.js';

const HALF_HOUR = 1_800_000;
const T0 = Date.UTC(2025, 6, 1);
const at = (halfHours: number): number => T0 + halfHours * HALF_HOUR;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A database at the bot's schema; `write` fills it; returns its path (closed). */
function database(write: (db: Db) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'ks-decisions-'));
  dirs.push(dir);
  const path = join(dir, 'bot.db');
  const db = openDatabase(path);
  write(db);
  db.close();
  return path;
}

interface SignalRow { id: number; symbol: string; end: number; model?: string; status?: string; score?: number; quantity?: number }
function signal(db: Db, s: SignalRow): void {
  db.prepare(
    `INSERT INTO signals (id, symbol, interval, open_time, end_time, model, profile, side, status, score, breakdown, threshold,
       entry, stop_loss, take_profit, quantity, risk_pct, reasons)
     VALUES (?, ?, '30m', ?, ?, ?, 'confluence', 'LONG', ?, ?, '{"trend":25}', 55, 100, 95, 110, ?, 1, '[]')`,
  ).run(s.id, s.symbol, s.end - HALF_HOUR, s.end, s.model ?? 'continuation', s.status ?? 'sent', s.score ?? 70, s.quantity ?? 2);
}
function trade(db: Db, signalId: number, symbol: string, opened: number, exit?: { at: number; r: number }): void {
  db.prepare(
    `INSERT INTO trades (signal_id, symbol, interval, model, side, entry, stop_loss, take_profit, quantity, opened_at, expires_at,
       status, exit_time, exit_price, outcome, r_multiple, pnl, equity_after)
     VALUES (?, ?, '30m', 'continuation', 'LONG', 100, 95, 110, 2, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(signalId, symbol, opened, opened + 48 * HALF_HOUR, exit ? 'closed' : 'open', exit?.at ?? null, exit ? 110 : null,
    exit ? 'WIN' : null, exit?.r ?? null, exit ? 20 : null, exit ? 1020 : null);
}
function message(db: Db, key: string, kind: string, text: string, created: number): void {
  db.prepare(`INSERT INTO outbox (key, chat_id, kind, text, status, next_attempt_at, created_at) VALUES (?, '42', ?, ?, 'pending', 0, ?)`)
    .run(key, kind, text, created);
}
function memoryEvent(db: Db, atMs: number, rule: string): void {
  db.prepare(`INSERT INTO memory_events (at_ms, kind, rule, type, scope, reason, verdict) VALUES (?, 'start', ?, 'lock', 'global', 'streak', '{}')`).run(atMs, rule);
}
function cursors(db: Db, endMs: number): void {
  for (const s of ['BTCUSDT', 'ETHUSDT']) db.prepare('INSERT INTO scan_cursors (symbol, end_ms) VALUES (?, ?)').run(s, endMs);
}

/** The decisions of a run up to `at(10)`, written with ids in the order given. */
function baseline(db: Db, order: 'btcFirst' | 'ethFirst'): void {
  const rows = [
    () => { signal(db, { id: order === 'btcFirst' ? 1 : 2, symbol: 'BTCUSDT', end: at(2) }); trade(db, order === 'btcFirst' ? 1 : 2, 'BTCUSDT', at(2), { at: at(6), r: 1.9 }); },
    () => { signal(db, { id: order === 'btcFirst' ? 2 : 1, symbol: 'ETHUSDT', end: at(2), status: 'blocked' }); },
  ];
  (order === 'btcFirst' ? rows : [...rows].reverse()).forEach((write) => write());
  const btcId = order === 'btcFirst' ? 1 : 2;
  message(db, `signal:${btcId}`, 'signal', 'BTCUSDT LONG\nScore 70', at(2));
  message(db, `trade:${btcId}`, 'trade', 'WIN BTCUSDT', at(6));
  message(db, `lifecycle:start:${order === 'btcFirst' ? 1 : 2}`, 'lifecycle', `started ${order}`, Date.now());
  memoryEvent(db, at(6), 'globalLossStreak');
}

describe('decisionAudit', () => {
  it('finds no difference between the same decisions written in another order, up to the horizon', () => {
    const a = database((db) => {
      baseline(db, 'btcFirst');
      // Processed further than B: a signal and a memory event after B's cursor, and an open trade closed after it.
      signal(db, { id: 3, symbol: 'ETHUSDT', end: at(8) });
      trade(db, 3, 'ETHUSDT', at(8), { at: at(12), r: -1 });
      signal(db, { id: 4, symbol: 'BTCUSDT', end: at(11) });
      memoryEvent(db, at(12), 'symbolLossStreak');
      message(db, 'trade:3', 'trade', 'LOSS ETHUSDT', at(12));
      cursors(db, at(14));
    });
    const b = database((db) => {
      baseline(db, 'ethFirst');
      signal(db, { id: 3, symbol: 'ETHUSDT', end: at(8) });
      trade(db, 3, 'ETHUSDT', at(8));
      cursors(db, at(10));
    });
    const audit = auditDecisions(a, b);
    expect(audit.horizonMs, 'the smaller cursor of the two runs').toBe(at(10));
    expect(describeDifferences(audit), 'ids, write order, lifecycle messages and everything after the horizon do not count').toEqual([]);
    expect(audit.counts, 'what was compared').toMatchObject({ signalsSent: 2, signalsBlocked: 1, trades: 2, closedTrades: 1, memoryEvents: 1, messages: 2 });
    expect(audit.firstDifferenceMs, 'no first difference').toBeUndefined();
  });

  it('names each signal, trade, memory event and message that is missing, extra or different', () => {
    const a = database((db) => {
      baseline(db, 'btcFirst');
      signal(db, { id: 3, symbol: 'ETHUSDT', end: at(4), score: 61.0000001 });
      signal(db, { id: 4, symbol: 'BTCUSDT', end: at(7), model: 'reversal', quantity: 3 });
      memoryEvent(db, at(7), 'symbolLossStreak');
      message(db, 'daily:1', 'daily', 'Day\nTrades 1', at(8));
      cursors(db, at(10));
    });
    const b = database((db) => {
      baseline(db, 'btcFirst');
      signal(db, { id: 3, symbol: 'ETHUSDT', end: at(4), score: 61 });
      signal(db, { id: 4, symbol: 'BTCUSDT', end: at(7), model: 'reversal', quantity: 4 });
      signal(db, { id: 5, symbol: 'ETHUSDT', end: at(9), status: 'blocked' });
      db.prepare(`UPDATE outbox SET text = ? WHERE key = 'signal:1'`).run('BTCUSDT LONG\n<i>⏱ late by 2 h</i>\nScore 70');
      message(db, 'daily:1', 'daily', 'Day\nTrades 2', at(8));
      cursors(db, at(10));
    });
    const audit = auditDecisions(a, b);
    expect(describeDifferences(audit), 'each difference named by its natural key').toEqual([
      'signals: extra in B: ETHUSDT 30m 2025-07-01T04:00Z continuation LONG blocked score 70',
      'signals: different: BTCUSDT 30m 2025-07-01T03:00Z reversal: quantity A=3 B=4',
      'memory_events: missing in B: 2025-07-01T03:30Z start symbolLossStreak global',
      'outbox: different: daily:1: text A=line 2: Trades 1 B=line 2: Trades 2',
    ]);
    expect(audit.differences, 'four rows differ').toBe(4);
    expect(audit.firstDifferenceMs, 'the earliest: the reversal signal and the memory event at 03:30').toBe(at(7));
    expect(audit.lateNotices, 'the ⏱ line is stripped before comparing, and counted').toEqual({ a: 0, b: 1 });
  });

  it('dates a trade that differs only at its exit from the exit, not from the open', () => {
    const run = (r: number) => database((db) => {
      signal(db, { id: 1, symbol: 'BTCUSDT', end: at(2) });
      trade(db, 1, 'BTCUSDT', at(2), { at: at(6), r });
      cursors(db, at(10));
    });
    const audit = auditDecisions(run(1.9), run(-1));
    expect(describeDifferences(audit), 'the R multiple differs').toEqual(['trades: different: BTCUSDT 30m 2025-07-01T00:30Z continuation: r_multiple A=1.9 B=-1']);
    expect(audit.firstDifferenceMs, 'when the trade closed').toBe(at(6));
  });

  it('reports an empty horizon when a run never processed a symbol', () => {
    const a = database((db) => cursors(db, at(10)));
    const b = database((db) => db.prepare(`INSERT INTO scan_cursors (symbol, end_ms) VALUES ('BTCUSDT', ?)`).run(at(10)));
    const audit = auditDecisions(a, b);
    expect(audit.horizonMs, 'nothing is comparable: ETHUSDT has no cursor in B').toBe(Number.NEGATIVE_INFINITY);
    expect(audit.counts.signalsSent, 'so nothing is compared').toBe(0);
  });
});

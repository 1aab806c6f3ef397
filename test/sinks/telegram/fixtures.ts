import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pino from 'pino';
import type { Logger } from '../../../src/logging/logger.js';
import type { Signal } from '../../../src/domain/signal.js';
import type { ClosedTrade } from '../../../src/domain/trade.js';
import { openDatabase, type Db } from '../../../src/sinks/sqlite/db.js';
import { OutboxRepo } from '../../../src/sinks/sqlite/outboxRepo.js';

/** Shaped like a BotFather token, so a leak would be caught by shape as well as by value. */
/** A fake token, built from parts so no token-shaped literal sits in the repository. */
export const TOKEN = ['987654321', 'AAFakeTokenValueForTelegramTests_xyz12345'].join(':');

/** A closed 30m candle of the repository's example data: `[openTimeMs, close, closeTimeMs]`. */
export function exampleCandle(symbol: string, row: number): { openTimeMs: number; close: number; closeTimeMs: number } {
  const lines = readFileSync(join('examples', 'klines', `${symbol}-30m.csv`), 'utf8').trim().split('\n');
  const cols = (lines[row + 1] ?? '').split(',');
  return { openTimeMs: Number(cols[0]), close: Number(cols[4]), closeTimeMs: Number(cols[6]) };
}

/** A sent LONG signal on a real BTCUSDT candle (seed-like score with a long decimal), with two memory adjustments. */
export function sampleSignal(overrides: Partial<Signal> = {}): Signal {
  const c = exampleCandle('BTCUSDT', 500);
  return {
    symbol: 'BTCUSDT', interval: '30m', openTimeMs: c.openTimeMs, endMs: c.closeTimeMs + 1, model: 'continuation', side: 'LONG',
    score: 85.27742, breakdown: { daily: 25, slope: 20, pullback: 30, volume: 10.27742 },
    entry: c.close, stopLoss: c.close * 0.985, takeProfit: c.close * 1.03, status: 'sent', quantity: 0.0123, riskPct: 0.5,
    effectiveThreshold: 80,
    effectiveDailyMax: 5,
    reasons: [
      { code: 'threshold_raised', detail: { add: 5, why: { kind: 'winRateBelow', wins: 9, trades: 20, linePct: 55 } }, rule: 'globalWinRate' },
      { code: 'risk_cap', detail: { maxRiskPct: 0.5, why: { kind: 'drawdown', drawdownPct: 8.123456, linePct: 8 } }, rule: 'drawdownRiskCap' },
    ],
    ...overrides,
  };
}

export function sampleTrade(overrides: Partial<ClosedTrade> = {}): ClosedTrade {
  const open = exampleCandle('ETHUSDT', 800);
  const exit = exampleCandle('ETHUSDT', 830);
  return {
    signalId: 7, symbol: 'ETHUSDT', interval: '30m', model: 'reversal', side: 'SHORT', entry: open.close,
    stopLoss: open.close * 1.02, takeProfit: open.close * 0.97, quantity: 0.5, openedAtMs: open.closeTimeMs + 1,
    expiresAtMs: open.closeTimeMs + 1 + 48 * 1_800_000, exitTimeMs: exit.closeTimeMs + 1, exitPrice: exit.close,
    outcome: 'WIN', rMultiple: 1.42, pnl: 14.2, equityAfter: 1014.2, ...overrides,
  };
}

/** A pino logger without redaction whose lines the test reads: proves our code keeps the token out by itself. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** A fresh database file in a temp dir with its outbox repository. */
export function tempOutbox(): { db: Db; repo: OutboxRepo } {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ks-outbox-')), 'k.db'));
  return { db, repo: new OutboxRepo(db) };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MemoryEvent } from '../../../src/domain/memory.js';
import type { ModelName, Reason, Side, Signal } from '../../../src/domain/signal.js';
import type { Outcome } from '../../../src/domain/trade.js';
import { scopeKey } from '../../../src/core/memory/verdictKeys.js';
import type { RunInfo } from '../../../src/backtest/report/types.js';
import { openDatabase, type Db } from '../../../src/sinks/sqlite/db.js';
import { SignalRepo } from '../../../src/sinks/sqlite/signalRepo.js';
import { TradeRepo } from '../../../src/sinks/sqlite/tradeRepo.js';

export const HOUR = 3_600_000;
export const t = (iso: string): number => Date.parse(`${iso}Z`);

/** A fresh database file in its own temp dir, at the bot's schema. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'ks-report-')), 'backtest.db');
}

export interface SignalSpec {
  symbol: string;
  model: ModelName;
  side?: Side;
  endMs: number;
  status?: 'sent' | 'blocked';
  reasons?: Reason[];
  score?: number;
}

export function insertSignal(db: Db, s: SignalSpec): number {
  const signal: Signal = {
    symbol: s.symbol, interval: '30m', openTimeMs: s.endMs - 30 * 60_000, endMs: s.endMs, model: s.model,
    side: s.side ?? 'LONG', score: s.score ?? 80, breakdown: { trigger: 30, daily: 25, volume: 25 }, entry: 100,
    stopLoss: 95, takeProfit: 110, status: s.status ?? 'sent', quantity: 2, riskPct: 1, effectiveThreshold: 75, effectiveDailyMax: 5,
    reasons: s.reasons ?? [],
  };
  return new SignalRepo(db).insert(signal, 'confluence').id;
}

export interface TradeSpec extends SignalSpec {
  holdingHours: number;
  outcome: Outcome | null;
  r: number;
  pnl: number;
  equityAfter: number;
}

/** Inserts the signal and its paper trade; a null outcome leaves the trade open. */
export function insertTrade(db: Db, s: TradeSpec): number {
  const signalId = insertSignal(db, s);
  const repo = new TradeRepo(db);
  const open = {
    signalId, symbol: s.symbol, interval: '30m' as const, model: s.model, side: s.side ?? 'LONG', entry: 100, stopLoss: 95,
    takeProfit: 110, quantity: 2, openedAtMs: s.endMs, expiresAtMs: s.endMs + 48 * 30 * 60_000,
  };
  repo.open(open);
  if (s.outcome !== null) {
    repo.close({
      ...open, exitTimeMs: s.endMs + s.holdingHours * HOUR, exitPrice: 101, outcome: s.outcome, rMultiple: s.r, pnl: s.pnl,
      equityAfter: s.equityAfter,
    });
  }
  return signalId;
}

export function insertMemoryEvent(db: Db, e: MemoryEvent): void {
  db.prepare(`INSERT INTO memory_events (at_ms, kind, rule, type, scope, reason, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    e.atMs, e.kind, e.verdict.rule, e.verdict.type, scopeKey(e.verdict.scope), JSON.stringify(e.verdict.detail), JSON.stringify(e.verdict),
  );
}

/** Reopens a file the way the runner hands it to the report: read-only. */
export function openReadOnly(path: string): Db {
  return new Database(path, { readonly: true, fileMustExist: true });
}

export function runInfo(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    startedAtMs: t('2026-04-30T10:00:00'), finishedAtMs: t('2026-04-30T10:01:30'),
    config: { SCORE_THRESHOLD: 75, RISK_PER_TRADE: 1, MODEL_PROFILE: 'confluence' },
    dataDir: 'examples/klines', symbols: ['SOLUSDT', 'BTCUSDT', 'ETHUSDT'], fromMs: t('2025-01-01T00:00:00'),
    toMs: t('2025-03-01T00:00:00'), profile: 'confluence', memory: true, candles: 8_496, startingEquity: 1000,
    ...overrides,
  };
}

export { openDatabase };

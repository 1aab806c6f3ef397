import type { Interval } from '../../domain/kline.js';
import { DataError } from '../../domain/errors.js';
import { normaliseVerdict, type Verdict } from '../../domain/memory.js';
import { normaliseReasons, type StoredReason } from '../../domain/reason.js';
import type { ModelName, ScoreBreakdown, Side, SignalStatus } from '../../domain/signal.js';
import type { ClosedTrade, OpenTrade, Outcome } from '../../domain/trade.js';
import type { Db } from '../../sinks/sqlite/db.js';

/** A trade row joined with its signal (trades.signal_id = signals.id). */
export interface TradeWithSignal
  extends Pick<OpenTrade, 'signalId' | 'symbol' | 'interval' | 'model' | 'side' | 'entry' | 'stopLoss' | 'takeProfit' | 'quantity' | 'openedAtMs'> {
  readonly tradeId: number;
  readonly status: 'open' | 'closed';
  readonly exitTimeMs: number | null;
  readonly exitPrice: number | null;
  readonly outcome: Outcome | null;
  readonly rMultiple: number | null;
  readonly pnl: number | null;
  readonly equityAfter: number | null;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly threshold: number;
  readonly signalTimeMs: number;
  readonly riskPct: number;
  readonly reasons: readonly StoredReason[];
}

/** A closed trade: the exit fields are known. */
export type ClosedTradeRow = TradeWithSignal &
  Pick<ClosedTrade, 'exitTimeMs' | 'exitPrice' | 'outcome' | 'rMultiple' | 'pnl' | 'equityAfter'> & { readonly status: 'closed' };

export function isClosedRow(t: TradeWithSignal): t is ClosedTradeRow {
  return t.status === 'closed' && t.exitTimeMs !== null && t.rMultiple !== null && t.equityAfter !== null;
}

/** The signal fields the memory timeline and the counts need. */
export interface SignalBrief {
  readonly id: number;
  readonly symbol: string;
  readonly interval: Interval;
  readonly model: ModelName;
  readonly endMs: number;
  readonly status: SignalStatus;
  readonly reasons: readonly StoredReason[];
}

/** A row of `memory_events`. */
export interface MemoryEventRow {
  readonly id: number;
  readonly atMs: number;
  readonly kind: 'start' | 'end';
  readonly rule: string;
  readonly type: string;
  readonly scope: string;
  /** The verdict's detail as JSON (an English sentence in files written before details existed). */
  readonly reason: string;
  /** The verdict, read into today's shape (see normaliseVerdict). */
  readonly verdict: Verdict;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DataError('json', `${what} is not JSON`);
  }
}

/**
 * Every trade with its signal: closed ones in memory order (exit time, then signal id), then the
 * open ones by opening time. The order is the one equity and streaks are computed in.
 */
export function readTrades(db: Db): TradeWithSignal[] {
  const rows = db
    .prepare(
      `SELECT t.id AS tradeId, t.signal_id AS signalId, t.symbol, t.interval, t.model, t.side, t.entry,
         t.stop_loss AS stopLoss, t.take_profit AS takeProfit, t.quantity, t.opened_at AS openedAtMs, t.status,
         t.exit_time AS exitTimeMs, t.exit_price AS exitPrice, t.outcome, t.r_multiple AS rMultiple, t.pnl,
         t.equity_after AS equityAfter, s.score, s.breakdown, s.threshold, s.end_time AS signalTimeMs,
         s.risk_pct AS riskPct, s.reasons
       FROM trades t JOIN signals s ON s.id = t.signal_id
       ORDER BY t.status = 'open', t.exit_time, t.symbol, t.signal_id, t.opened_at, t.id`,
    )
    .all() as (Omit<TradeWithSignal, 'breakdown' | 'reasons'> & { breakdown: string; reasons: string })[];
  return rows.map((r) => ({
    ...r,
    breakdown: parseJson(r.breakdown, `signal ${r.signalId} breakdown`) as ScoreBreakdown,
    reasons: normaliseReasons(parseJson(r.reasons, `signal ${r.signalId} reasons`)),
  }));
}

/** Every recorded signal, sent or blocked, in event order. */
export function readSignals(db: Db): SignalBrief[] {
  const rows = db
    .prepare(`SELECT id, symbol, interval, model, end_time AS endMs, status, reasons FROM signals ORDER BY end_time, id`)
    .all() as (Omit<SignalBrief, 'reasons'> & { reasons: string })[];
  return rows.map((r) => ({ ...r, reasons: normaliseReasons(parseJson(r.reasons, `signal ${r.id} reasons`)) }));
}

/** Every memory start/end event in event order (at_ms, then insertion id). */
export function readMemoryEvents(db: Db): MemoryEventRow[] {
  const rows = db
    .prepare(`SELECT id, at_ms AS atMs, kind, rule, type, scope, reason, verdict FROM memory_events ORDER BY at_ms, id`)
    .all() as (Omit<MemoryEventRow, 'verdict'> & { verdict: string })[];
  return rows.map((r) => ({ ...r, verdict: normaliseVerdict(parseJson(r.verdict, `memory event ${r.id} verdict`) as Verdict) }));
}

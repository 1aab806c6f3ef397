import type { Interval } from '../../domain/kline.js';
import { normaliseReasons, type StoredReason } from '../../domain/reason.js';
import type { ModelName, ModelProfile, ScoreBreakdown, Side, Signal, SignalStatus } from '../../domain/signal.js';
import type { Db } from './db.js';
import { reasonsJson } from './reasonsJson.js';

/** A row of the `signals` table, as the API, commands and reports read it. */
export interface SignalRow {
  readonly id: number;
  readonly symbol: string;
  readonly interval: Interval;
  readonly openTimeMs: number;
  readonly endMs: number;
  readonly model: ModelName;
  readonly profile: ModelProfile;
  readonly side: Side;
  readonly status: SignalStatus;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly threshold: number;
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  readonly quantity: number;
  readonly riskPct: number;
  /** Rows written before reasons were typed read with their codes mapped and no detail. */
  readonly reasons: readonly StoredReason[];
}

interface RawSignal {
  id: number; symbol: string; interval: Interval; open_time: number; end_time: number; model: ModelName;
  profile: ModelProfile; side: Side; status: SignalStatus; score: number; breakdown: string; threshold: number;
  entry: number; stop_loss: number; take_profit: number; quantity: number; risk_pct: number; reasons: string;
}

function toRow(r: RawSignal): SignalRow {
  return {
    id: r.id, symbol: r.symbol, interval: r.interval, openTimeMs: r.open_time, endMs: r.end_time, model: r.model,
    profile: r.profile, side: r.side, status: r.status, score: r.score, breakdown: JSON.parse(r.breakdown) as ScoreBreakdown,
    threshold: r.threshold, entry: r.entry, stopLoss: r.stop_loss, takeProfit: r.take_profit, quantity: r.quantity,
    riskPct: r.risk_pct, reasons: normaliseReasons(r.reasons),
  };
}

/**
 * The `signals` table: one row per (symbol, interval, open time, model), sent or blocked. Inserting
 * the same candidate again (a replayed candle) keeps the first row: replays never create a second signal.
 */
export class SignalRepo {
  private readonly insertStmt;
  private readonly findIdStmt;
  private readonly recentStmt;
  private readonly sentBetweenStmt;
  private readonly maxIdStmt;
  private readonly sentEndsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO signals (id, symbol, interval, open_time, end_time, model, profile, side, status, score, breakdown, threshold,
         entry, stop_loss, take_profit, quantity, risk_pct, reasons)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (symbol, interval, open_time, model) DO NOTHING`,
    );
    this.findIdStmt = db.prepare(`SELECT id FROM signals WHERE symbol = ? AND interval = ? AND open_time = ? AND model = ?`);
    this.recentStmt = db.prepare(`SELECT * FROM signals WHERE status IN (?, ?) ORDER BY end_time DESC, id DESC LIMIT ?`);
    this.maxIdStmt = db.prepare(`SELECT MAX(id) AS id FROM signals`);
    this.sentEndsStmt = db.prepare(`SELECT end_time FROM signals WHERE status = 'sent'`);
    this.sentBetweenStmt = db.prepare(`SELECT COUNT(*) AS n FROM signals WHERE status = 'sent' AND end_time > ? AND end_time <= ?`);
  }

  /**
   * Stores a signal under `id` (or the next free id); returns the row's id and whether this call
   * created it (false: the same candidate was already there, e.g. a replayed candle).
   */
  insert(s: Signal, profile: ModelProfile, id?: number): { id: number; created: boolean } {
    const res = this.insertStmt.run(
      id ?? null, s.symbol, s.interval, s.openTimeMs, s.endMs, s.model, profile, s.side, s.status, s.score, JSON.stringify(s.breakdown),
      s.effectiveThreshold, s.entry, s.stopLoss, s.takeProfit, s.quantity, s.riskPct, reasonsJson(s.reasons),
    );
    // A new row's id is its rowid; only a replayed candidate needs the existing row looked up.
    if (res.changes === 1) return { id: Number(res.lastInsertRowid), created: true };
    const row = this.findIdStmt.get(s.symbol, s.interval, s.openTimeMs, s.model) as { id: number };
    return { id: row.id, created: false };
  }

  /** The id the next signal gets: one more than the largest stored. */
  nextId(): number {
    return ((this.maxIdStmt.get() as { id: number | null }).id ?? 0) + 1;
  }

  /** End times of every sent signal, to rebuild the daily counts at start. */
  sentEndTimes(): number[] {
    return (this.sentEndsStmt.all() as { end_time: number }[]).map((r) => r.end_time);
  }

  /** Newest first; `status` narrows to sent or blocked. */
  recent(limit: number, status?: SignalStatus): SignalRow[] {
    const [a, b] = status ? [status, status] : ['sent', 'blocked'];
    return (this.recentStmt.all(a, b, limit) as RawSignal[]).map(toRow);
  }

  /** Sent signals whose close time lies in the UTC day that starts at `dayStartMs` (close time = end − 1). */
  sentOnDay(dayStartMs: number): number {
    const row = this.sentBetweenStmt.get(dayStartMs, dayStartMs + 86_400_000) as { n: number };
    return row.n;
  }
}

/** The newest stored decision of a symbol (what `/why` shows when the bot has not scanned it since a restart). */
export function latestSignalOf(db: Db, symbol: string): SignalRow | undefined {
  const raw = db.prepare(`SELECT * FROM signals WHERE symbol = ? ORDER BY end_time DESC, id DESC LIMIT 1`).get(symbol) as RawSignal | undefined;
  return raw === undefined ? undefined : toRow(raw);
}

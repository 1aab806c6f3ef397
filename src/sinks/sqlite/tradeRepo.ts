import type { Interval } from '../../domain/kline.js';
import type { ModelName, Side } from '../../domain/signal.js';
import { EXIT_REASON_CODES, type ClosedTrade, type ExitReason, type OpenTrade, type Outcome } from '../../domain/trade.js';
import type { Db } from './db.js';

interface RawTrade {
  id: number; signal_id: number; symbol: string; interval: Interval; model: ModelName; side: Side;
  entry: number; stop_loss: number; take_profit: number; quantity: number; opened_at: number; expires_at: number;
  status: 'open' | 'closed'; exit_time: number | null; exit_price: number | null; outcome: Outcome | null;
  r_multiple: number | null; pnl: number | null; equity_after: number | null; exit_reason: string | null;
}

function toOpen(r: RawTrade): OpenTrade {
  return {
    signalId: r.signal_id, symbol: r.symbol, interval: r.interval, model: r.model, side: r.side, entry: r.entry,
    stopLoss: r.stop_loss, takeProfit: r.take_profit, quantity: r.quantity, openedAtMs: r.opened_at, expiresAtMs: r.expires_at,
  };
}

function toClosed(r: RawTrade): ClosedTrade {
  const exitReason = parseExitReason(r.exit_reason);
  return {
    ...toOpen(r), exitTimeMs: r.exit_time ?? 0, exitPrice: r.exit_price ?? 0, outcome: r.outcome ?? 'EXPIRED',
    rMultiple: r.r_multiple ?? 0, pnl: r.pnl ?? 0, equityAfter: r.equity_after ?? 0,
    ...(exitReason === undefined ? {} : { exitReason }),
  };
}

/** A stored exit reason; one of a code this version does not know reads as none. */
function parseExitReason(raw: string | null): ExitReason | undefined {
  if (raw === null) return undefined;
  const parsed = JSON.parse(raw) as { code?: unknown };
  return (EXIT_REASON_CODES as readonly unknown[]).includes(parsed.code) ? (parsed as ExitReason) : undefined;
}

/**
 * The `trades` table: one paper trade per sent signal, open until its stop, target or expiry (or
 * its symbol stopped trading: `exit_reason`).
 * Opening twice for one signal and closing a closed trade are no-ops, so replays stay idempotent.
 */
export class TradeRepo {
  private readonly openStmt;
  private readonly closeStmt;
  private readonly openTradesStmt;
  private readonly closedStmt;
  private readonly recentClosedStmt;

  constructor(db: Db) {
    this.openStmt = db.prepare(
      `INSERT INTO trades (signal_id, symbol, interval, model, side, entry, stop_loss, take_profit, quantity, opened_at, expires_at, status)
       VALUES (@signalId, @symbol, @interval, @model, @side, @entry, @stopLoss, @takeProfit, @quantity, @openedAtMs, @expiresAtMs, 'open')
       ON CONFLICT (signal_id) DO NOTHING`,
    );
    this.closeStmt = db.prepare(
      `UPDATE trades SET status = 'closed', exit_time = @exitTimeMs, exit_price = @exitPrice, outcome = @outcome,
         r_multiple = @rMultiple, pnl = @pnl, equity_after = @equityAfter, exit_reason = @exitReasonJson
       WHERE signal_id = @signalId AND status = 'open'`,
    );
    this.openTradesStmt = db.prepare(`SELECT * FROM trades WHERE status = 'open' ORDER BY opened_at, id`);
    this.closedStmt = db.prepare(`SELECT * FROM trades WHERE status = 'closed' ORDER BY exit_time, symbol, signal_id`);
    this.recentClosedStmt = db.prepare(`SELECT * FROM trades WHERE status = 'closed' ORDER BY exit_time DESC, symbol DESC, signal_id DESC LIMIT ?`);
  }

  /** Returns true when this call opened it. */
  open(trade: OpenTrade): boolean {
    return this.openStmt.run(trade).changes === 1;
  }

  /** Returns true when this call closed it. */
  close(trade: ClosedTrade): boolean {
    const { exitReason, ...row } = trade;
    return this.closeStmt.run({ ...row, exitReasonJson: exitReason === undefined ? null : JSON.stringify(exitReason) }).changes === 1;
  }

  openTrades(): OpenTrade[] {
    return (this.openTradesStmt.all() as RawTrade[]).map(toOpen);
  }

  /** Every closed trade in exit order: what the memory engine and paper equity are rebuilt from. */
  closedTrades(): ClosedTrade[] {
    return (this.closedStmt.all() as RawTrade[]).map(toClosed);
  }

  recentClosed(limit: number): ClosedTrade[] {
    return (this.recentClosedStmt.all(limit) as RawTrade[]).map(toClosed);
  }
}

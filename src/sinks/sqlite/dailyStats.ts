import type { BlockedGroup, DailySummary } from '../../domain/dailySummary.js';
import type { Interval } from '../../domain/kline.js';
import { normaliseReasons } from '../../domain/reason.js';
import type { Db } from './db.js';

const DAY_MS = 86_400_000;

/**
 * The figures of one UTC day for the 00:00 summary: trades closed that day (by exit time), signals
 * sent and blocked that day (by close time), and the paper equity after the day's last trade.
 */
export function dailySummaryOf(db: Db, dayStartMs: number, equityNow: number): DailySummary {
  const dayEndMs = dayStartMs + DAY_MS;
  const trades = db
    .prepare(
      `SELECT COUNT(*) AS trades, COALESCE(SUM(r_multiple > 0), 0) AS wins, COALESCE(SUM(r_multiple), 0) AS totalR
       FROM trades WHERE status = 'closed' AND exit_time > ? AND exit_time <= ?`,
    )
    .get(dayStartMs, dayEndMs) as { trades: number; wins: number; totalR: number };
  const signals = db
    .prepare(
      `SELECT COALESCE(SUM(status = 'sent'), 0) AS sent, COALESCE(SUM(status = 'blocked'), 0) AS blocked
       FROM signals WHERE end_time > ? AND end_time <= ?`,
    )
    .get(dayStartMs, dayEndMs) as { sent: number; blocked: number };
  return {
    dayStartMs, trades: trades.trades, wins: trades.wins, totalR: trades.totalR, equity: equityNow,
    signalsSent: signals.sent, signalsBlocked: signals.blocked, blocked: blockedGroups(db, dayStartMs, dayEndMs),
  };
}

/** The day's blocked candidates grouped by symbol, interval and reason codes, most frequent first (ties: latest first). */
function blockedGroups(db: Db, dayStartMs: number, dayEndMs: number): BlockedGroup[] {
  const rows = db
    .prepare(`SELECT symbol, interval, reasons FROM signals WHERE status = 'blocked' AND end_time > ? AND end_time <= ? ORDER BY end_time DESC, id DESC`)
    .all(dayStartMs, dayEndMs) as Array<{ symbol: string; interval: Interval; reasons: string }>;
  const groups = new Map<string, { group: BlockedGroup; order: number }>();
  rows.forEach((row, order) => {
    const reasons = normaliseReasons(row.reasons);
    const key = `${row.symbol} ${row.interval} ${reasons.map((r) => r.code).join(',')}`;
    const seen = groups.get(key);
    if (seen === undefined) groups.set(key, { group: { symbol: row.symbol, interval: row.interval, count: 1, reasons }, order });
    else seen.group = { ...seen.group, count: seen.group.count + 1 };
  });
  return [...groups.values()].sort((a, b) => b.group.count - a.group.count || a.order - b.order).map((g) => g.group);
}

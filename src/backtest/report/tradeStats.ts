import { isWin } from '../../domain/trade.js';
import type { GroupRow, TradeStats } from './types.js';
import { ratio, round, sum } from './numbers.js';
import type { ClosedTradeRow } from './readRows.js';

// A win is net R > 0 (MODELS.md reading 7, domain isWin): an EXPIRED trade with R ≤ 0 counts as a loss.

export function tradeStats(trades: readonly ClosedTradeRow[]): TradeStats {
  const wins = trades.filter(isWin);
  const losing = trades.filter((t) => !isWin(t));
  const grossWin = sum(wins.map((t) => t.rMultiple));
  const grossLoss = Math.abs(sum(losing.map((t) => t.rMultiple)));
  const totalR = sum(trades.map((t) => t.rMultiple));
  return {
    trades: trades.length,
    wins: wins.length,
    losses: losing.length,
    winRatePct: ratio(wins.length * 100, trades.length),
    totalR,
    expectancyR: ratio(totalR, trades.length),
    profitFactor: ratio(grossWin, grossLoss),
    pnl: sum(trades.map((t) => t.pnl)),
  };
}

/** Longest run of consecutive losses (net R ≤ 0) in the given order. */
export function longestLosingStreak(trades: readonly ClosedTradeRow[]): number {
  let longest = 0;
  let current = 0;
  for (const t of trades) {
    current = isWin(t) ? 0 : current + 1;
    longest = Math.max(longest, current);
  }
  return longest;
}

/**
 * One table row per key, keys in the order `order` gives (default: string order). Keys with no
 * trade do not appear, except those listed in `always` (e.g. every exit reason).
 */
export function groupRows(
  trades: readonly ClosedTradeRow[],
  keyOf: (t: ClosedTradeRow) => string,
  options: { always?: readonly string[]; order?: (a: string, b: string) => number } = {},
): GroupRow[] {
  const groups = new Map<string, ClosedTradeRow[]>();
  for (const key of options.always ?? []) groups.set(key, []);
  for (const t of trades) {
    const key = keyOf(t);
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const keys = [...groups.keys()].sort(options.order ?? ((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  return keys.map((key) => ({ key, ...tradeStats(groups.get(key) ?? []) }));
}

/** `YYYY-MM` of a UTC time. */
export function utcMonth(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Mean of `values`, rounded; null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : round(sum(values) / values.length);
}

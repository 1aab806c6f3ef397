import { INTERVAL_MS, klineEndMs, type Kline } from '../../../src/domain/kline.js';
import type { BacktestReport, MemoryActivation, ReportTrade } from '../../../src/backtest/report/index.js';

/** Float tolerance for sums of figures the report rounded to 10 decimals. */
const EPS = 1e-6;

/** What the raw candles say a trade's exit was: the first 30m candle after the signal touching SL or TP, else expiry. */
export interface ExpectedExit {
  readonly outcome: 'WIN' | 'LOSS' | 'EXPIRED';
  readonly exitTimeMs: number;
  readonly exitPrice: number;
}

/**
 * Replays a trade on the raw 30m candles of its symbol (MODELS.md "Outcome of a paper trade"):
 * LONG loses when low ≤ SL, wins when high ≥ TP, a loss when both; SHORT mirrors; unresolved
 * `expiryCandles` candles of the signal's interval after the signal, the first candle ending at or
 * after that moment closes it at its close. Undefined: still open at the end of `candles`.
 */
export function expectedExit(trade: ReportTrade, candles: readonly Kline[], expiryCandles: number): ExpectedExit | undefined {
  const expiresAtMs = trade.signalTimeMs + expiryCandles * INTERVAL_MS[trade.interval];
  const long = trade.side === 'LONG';
  for (const k of candles) {
    const endMs = klineEndMs(k);
    if (endMs <= trade.signalTimeMs) continue;
    const stopped = long ? k.low <= trade.stopLoss : k.high >= trade.stopLoss;
    const target = long ? k.high >= trade.takeProfit : k.low <= trade.takeProfit;
    if (stopped) return { outcome: 'LOSS', exitTimeMs: endMs, exitPrice: trade.stopLoss };
    if (target) return { outcome: 'WIN', exitTimeMs: endMs, exitPrice: trade.takeProfit };
    if (endMs >= expiresAtMs) return { outcome: 'EXPIRED', exitTimeMs: endMs, exitPrice: k.close };
  }
  return undefined;
}

/** Trades whose recorded exit disagrees with {@link expectedExit} (candles ending after `toMs` are not fed). */
export function outcomeViolations(report: BacktestReport, candles30m: ReadonlyMap<string, readonly Kline[]>, expiryCandles: number): string[] {
  const out: string[] = [];
  for (const t of report.trades) {
    const fed = (candles30m.get(t.symbol) ?? []).filter((k) => klineEndMs(k) <= report.run.toMs);
    const expected = expectedExit(t, fed, expiryCandles);
    const actual = t.status === 'open' ? undefined : { outcome: t.outcome, exitTimeMs: t.exitTimeMs, exitPrice: t.exitPrice };
    const same = expected === undefined ? actual === undefined
      : actual !== undefined && actual.outcome === expected.outcome && actual.exitTimeMs === expected.exitTimeMs && Math.abs((actual.exitPrice ?? NaN) - expected.exitPrice) <= EPS * expected.exitPrice;
    if (!same) out.push(`trade ${t.tradeId} ${t.symbol}: recorded ${JSON.stringify(actual)}, candles say ${JSON.stringify(expected)}`);
  }
  return out;
}

function inScope(a: MemoryActivation, t: ReportTrade): boolean {
  return a.scope === 'global' || a.scope === `symbol:${t.symbol}` || a.scope === `model:${t.model}`;
}

function holdsAt(a: MemoryActivation, atMs: number): boolean {
  return a.startMs <= atMs && (a.endMs === null || atMs < a.endMs);
}

/**
 * Sent signals (every trade is one) made while a lock of the memory timeline held for their scope.
 * Within one end time candles run in symbol order (MODELS.md reading 2), so a lock that starts
 * at `e` when a trade of symbol X closes does not cover a scan at `e` of a symbol before X.
 */
export function lockViolations(report: BacktestReport): string[] {
  const locks = report.memory.filter((a) => a.type === 'lock');
  const closingAt = (ms: number): string[] => report.trades.filter((t) => t.exitTimeMs === ms).map((t) => t.symbol);
  const scannedBeforeTrip = (l: MemoryActivation, t: ReportTrade): boolean =>
    t.signalTimeMs === l.startMs && closingAt(l.startMs).some((symbol) => t.symbol < symbol);
  return report.trades.flatMap((t) =>
    locks
      .filter((l) => inScope(l, t) && holdsAt(l, t.signalTimeMs) && !scannedBeforeTrip(l, t))
      .map((l) => `trade ${t.tradeId} ${t.symbol} ${t.model} at ${t.signalTimeMs} inside ${l.rule} ${l.scope} [${l.startMs}, ${l.endMs})`),
  );
}

/**
 * UTC days (of the signal candle's close time, end − 1) where a sent signal was beyond the
 * effective limit at its time: `maxPerDay`, or the dailyCap of a memory activation holding then.
 */
export function dailyLimitViolations(report: BacktestReport, maxPerDay: number): string[] {
  const caps = report.memory.filter((a) => a.type === 'dailyCap');
  const perDay = new Map<string, number>();
  const out: string[] = [];
  const sent = [...report.trades].sort((a, b) => a.signalTimeMs - b.signalTimeMs || a.signalId - b.signalId);
  for (const t of sent) {
    const day = new Date(t.signalTimeMs - 1).toISOString().slice(0, 10);
    const count = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, count);
    const capped = caps.filter((c) => holdsAt(c, t.signalTimeMs)).map((c) => (c.verdict as { maxSignals: number }).maxSignals);
    const limit = Math.min(maxPerDay, ...capped);
    if (count > limit) out.push(`${day}: signal ${t.signalId} is number ${count}, limit ${limit}`);
  }
  return out;
}

/** Closed trades in the order they closed: exit time, then symbol name (the replay order). */
export function closeOrder(report: BacktestReport): ReportTrade[] {
  return report.trades
    .filter((t) => t.status === 'closed')
    .sort((a, b) => (a.exitTimeMs ?? 0) - (b.exitTimeMs ?? 0) || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/** Breaks of "equity after = previous + pnl" in close order, and of "Σ pnl = final − start". */
export function equityViolations(report: BacktestReport): string[] {
  const out: string[] = [];
  let equity = report.summary.startingEquity;
  let pnl = 0;
  for (const t of closeOrder(report)) {
    equity += t.pnl ?? NaN;
    pnl += t.pnl ?? NaN;
    if (!(Math.abs(equity - (t.equityAfter ?? NaN)) <= EPS)) out.push(`trade ${t.tradeId}: equity after ${t.equityAfter}, previous + pnl = ${equity}`);
    equity = t.equityAfter ?? NaN;
  }
  const { finalEquity, startingEquity, totalPnl } = report.summary;
  if (!(Math.abs(pnl - (finalEquity - startingEquity)) <= EPS)) out.push(`Σ pnl ${pnl} ≠ final − start ${finalEquity - startingEquity}`);
  if (!(Math.abs(totalPnl - pnl) <= EPS)) out.push(`summary totalPnl ${totalPnl} ≠ Σ pnl ${pnl}`);
  return out;
}

/** Breaks of "pnl = R × quantity × stop distance" per trade and of "Σ R = summary totalR". */
export function rViolations(report: BacktestReport): string[] {
  const out: string[] = [];
  let totalR = 0;
  for (const t of closeOrder(report)) {
    const r = t.rMultiple ?? NaN;
    totalR += r;
    const riskUsdt = t.quantity * Math.abs(t.entry - t.stopLoss);
    if (!(Math.abs(r * riskUsdt - (t.pnl ?? NaN)) <= EPS * Math.max(1, Math.abs(t.pnl ?? 0)))) out.push(`trade ${t.tradeId}: pnl ${t.pnl} ≠ R ${r} × risk ${riskUsdt}`);
  }
  if (!(Math.abs(totalR - report.summary.totalR) <= EPS)) out.push(`Σ R ${totalR} ≠ summary totalR ${report.summary.totalR}`);
  return out;
}

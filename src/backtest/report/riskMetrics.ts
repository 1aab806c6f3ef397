import { round } from './numbers.js';

const DAY_MS = 86_400_000;

/**
 * Crypto futures trade every day of the year, so daily figures are annualised with 365 days (not
 * the 252 trading days of a stock exchange): Sharpe and Sortino × √365, CAGR over 365-day years.
 */
export const DAYS_PER_YEAR = 365;

/** A point of the closed-trade equity curve (report.equity). */
export interface EquityMark {
  readonly atMs: number;
  readonly equity: number;
}

/**
 * Paper equity marked at the end of each UTC day of (fromMs, toMs]: the equity of the last point
 * at or before each UTC midnight, plus a last mark at `toMs` when the range does not end at a
 * midnight. The first mark is the starting equity at `fromMs`. `curve` is in time order.
 */
export function dailyEquity(curve: readonly EquityMark[], fromMs: number, toMs: number): number[] {
  const start = curve[0]?.equity ?? 0;
  const times: number[] = [fromMs];
  for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS + DAY_MS; day < toMs; day += DAY_MS) times.push(day);
  if (toMs > fromMs) times.push(toMs);
  const marks: number[] = [];
  let i = 0;
  let equity = start;
  for (const at of times) {
    while (i < curve.length && (curve[i] as EquityMark).atMs <= at) equity = (curve[i++] as EquityMark).equity;
    marks.push(equity);
  }
  return marks;
}

/** Day-over-day returns of consecutive marks, as fractions (0.01 is 1 %); none across a 0 balance. */
export function dailyReturns(marks: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < marks.length; i++) {
    const prev = marks[i - 1] as number;
    if (prev > 0) out.push((marks[i] as number) / prev - 1);
  }
  return out;
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

/**
 * Annualised Sharpe ratio of daily returns, risk-free rate 0: mean / sample standard deviation
 * (n − 1) × √365. null with fewer than 2 days or returns that never vary.
 */
export function sharpeRatio(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const m = mean(returns);
  let squares = 0;
  for (const r of returns) squares += (r - m) ** 2;
  const sd = Math.sqrt(squares / (returns.length - 1));
  return sd === 0 ? null : round((m / sd) * Math.sqrt(DAYS_PER_YEAR));
}

/**
 * Annualised Sortino ratio, target 0: mean / downside deviation × √365, the downside deviation
 * being √(Σ min(r, 0)² / n) over all n days. null with fewer than 2 days or no losing day.
 */
export function sortinoRatio(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  let squares = 0;
  for (const r of returns) if (r < 0) squares += r * r;
  const downside = Math.sqrt(squares / returns.length);
  return downside === 0 ? null : round((mean(returns) / downside) * Math.sqrt(DAYS_PER_YEAR));
}

/**
 * Compound annual growth rate, percent: ((final / start)^(365 days / span) − 1) × 100. null for
 * an empty range or a balance that is not positive. A range of weeks extrapolates wildly: read it
 * with the span.
 */
export function cagrPct(startingEquity: number, finalEquity: number, fromMs: number, toMs: number): number | null {
  const years = (toMs - fromMs) / (DAYS_PER_YEAR * DAY_MS);
  if (years <= 0 || startingEquity <= 0 || finalEquity <= 0) return null;
  return round(((finalEquity / startingEquity) ** (1 / years) - 1) * 100);
}

/** Calmar ratio: CAGR % / max drawdown %; null without a drawdown or a CAGR. */
export function calmarRatio(cagr: number | null, maxDrawdownPct: number): number | null {
  return cagr === null || maxDrawdownPct <= 0 ? null : round(cagr / maxDrawdownPct);
}

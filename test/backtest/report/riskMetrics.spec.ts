import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/backtest/report/buildReport.js';
import { metricRows } from '../../../src/backtest/report/metricText.js';
import type { BacktestReport } from '../../../src/backtest/report/types.js';
import type { Db } from '../../../src/sinks/sqlite/db.js';
import { insertTrade, openDatabase, openReadOnly, runInfo, t, tempDbPath } from './fixtureDb.js';

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

/**
 * Four trades in the first four days of a one-year range, 1000 USDT to start:
 *   A BTCUSDT long   2025-01-01 10:00 → 12:00   +2.0 R  +100   equity 1100
 *   B ETHUSDT short  2025-01-02 04:00 → 08:00   -0.5 R   -55   equity 1045
 *   C ETHUSDT long   2025-01-02 10:00 → 12:00   -0.5 R   -55   equity  990
 *   D SOLUSDT short  2025-01-04 06:00 → 01-05 00:00 (the end of 4 January) +0.5 R +49.5 equity 1039.5
 * Equity at each UTC day end: 1100, 990, 990, 1039.5, then 1039.5 for the other 361 days, so the
 * 365 daily returns are +10 %, -10 %, 0, +5 % and 361 zeros.
 */
function fixtureReport(range: { fromMs: number; toMs: number } = { fromMs: t('2025-01-01T00:00:00'), toMs: t('2026-01-01T00:00:00') }): BacktestReport {
  const path = tempDbPath();
  const db = openDatabase(path);
  insertTrade(db, { symbol: 'BTCUSDT', model: 'continuation', side: 'LONG', endMs: t('2025-01-01T10:00:00'), holdingHours: 2, outcome: 'WIN', r: 2, pnl: 100, equityAfter: 1100 });
  insertTrade(db, { symbol: 'ETHUSDT', model: 'continuation', side: 'SHORT', endMs: t('2025-01-02T04:00:00'), holdingHours: 4, outcome: 'LOSS', r: -0.5, pnl: -55, equityAfter: 1045 });
  insertTrade(db, { symbol: 'ETHUSDT', model: 'reversal', side: 'LONG', endMs: t('2025-01-02T10:00:00'), holdingHours: 2, outcome: 'LOSS', r: -0.5, pnl: -55, equityAfter: 990 });
  insertTrade(db, { symbol: 'SOLUSDT', model: 'reversal', side: 'SHORT', endMs: t('2025-01-04T06:00:00'), holdingHours: 18, outcome: 'WIN', r: 0.5, pnl: 49.5, equityAfter: 1039.5 });
  db.close();
  const ro = openReadOnly(path);
  opened.push(ro);
  return buildReport({ db: ro, run: runInfo({ ...range, startingEquity: 1000 }) });
}

describe('risk and trade metrics, worked out by hand', () => {
  it('profit factor, expectancy, losing streak, return and drawdown', () => {
    const { summary: s } = fixtureReport();
    expect(s.expectancyR, '(2 - 0.5 - 0.5 + 0.5) / 4 = 1.5 / 4').toBe(0.375);
    expect(s.profitFactor, 'gross win (2 + 0.5) / gross loss (0.5 + 0.5) = 2.5').toBe(2.5);
    expect(s.longestLosingStreak, 'B and C in a row').toBe(2);
    expect(s.returnPct, '(1039.5 - 1000) / 1000 × 100').toBe(3.95);
    expect(s.maxDrawdownPct, '(1100 - 990) / 1100 × 100').toBe(10);
  });

  it('Sharpe, Sortino, CAGR and Calmar from the daily returns', () => {
    const { metrics: m } = fixtureReport();
    expect(m.days, '365 UTC days in 2025').toBe(365);
    // mean m = 0.05 / 365; Σ(r - m)² = Σr² - 365·m² = (0.01 + 0.01 + 0.0025) - 0.0025 / 365 = 0.0224931507;
    // sample sd = √(0.0224931507 / 364) = 0.0078609397; Sharpe = m / sd × √365
    //   = 0.05 / √((0.0225 × 365 - 0.0025) / 364) = 0.05 / √(8.21 / 364) = 0.05 / 0.1501830945 = 0.3329271…
    // (a population sd, ÷ 365, would give 0.3333841: the assertion tells them apart)
    expect(m.sharpe, 'Sharpe').toBeCloseTo(0.3329271, 6);
    // downside deviation = √(0.1² / 365) (only -10 % is below 0); Sortino = (0.05 / 365) / (0.1 / √365) × √365 = 0.05 / 0.1 = 0.5
    expect(m.sortino, 'Sortino').toBeCloseTo(0.5, 9);
    // one 365-day year: CAGR = 1039.5 / 1000 - 1 = 3.95 %; Calmar = 3.95 / 10
    expect(m.cagrPct, 'CAGR %').toBeCloseTo(3.95, 9);
    expect(m.calmar, 'Calmar').toBeCloseTo(0.395, 9);
  });

  it('best and worst symbol by total R, long against short', () => {
    const { metrics: m } = fixtureReport();
    expect(m.bestSymbol, 'BTCUSDT: +2 R').toEqual({ symbol: 'BTCUSDT', totalR: 2 });
    expect(m.worstSymbol, 'ETHUSDT: -0.5 - 0.5').toEqual({ symbol: 'ETHUSDT', totalR: -1 });
    expect(m.long, 'A and C: one win of two, 2 - 0.5').toEqual({ trades: 2, winRatePct: 50, totalR: 1.5 });
    expect(m.short, 'B and D: one win of two, -0.5 + 0.5').toEqual({ trades: 2, winRatePct: 50, totalR: 0 });
  });

  it('a CAGR over half a year compounds: (1.0395)^(365 / 181) - 1', () => {
    // 2025-01-01 → 2025-07-01 is 181 days: 1.0395^(2.0165746) = e^(2.0165746 × ln 1.0395 = 0.0387398…) = e^0.0781218… = 1.0812543…
    const { metrics: m } = fixtureReport({ fromMs: t('2025-01-01T00:00:00'), toMs: t('2025-07-01T00:00:00') });
    expect(m.cagrPct, 'CAGR %').toBeCloseTo(8.12543, 4);
    expect(m.days, '181 days').toBe(181);
  });

  it('reads "—" where a figure is undefined: Sharpe over one day, a profit factor without a loss', () => {
    // One day, one winning trade: one daily return (Sharpe needs 2), nothing lost (no profit factor).
    const path = tempDbPath();
    const db = openDatabase(path);
    insertTrade(db, { symbol: 'BTCUSDT', model: 'continuation', endMs: t('2025-01-01T10:00:00'), holdingHours: 2, outcome: 'WIN', r: 1, pnl: 10, equityAfter: 1010 });
    db.close();
    const ro = openReadOnly(path);
    opened.push(ro);
    const r = buildReport({ db: ro, run: runInfo({ fromMs: t('2025-01-01T00:00:00'), toMs: t('2025-01-02T00:00:00'), startingEquity: 1000 }) });
    expect([r.metrics.days, r.metrics.sharpe, r.metrics.sortino, r.summary.profitFactor, r.metrics.calmar], 'one day, no loss, no drawdown').toEqual([1, null, null, null, null]);
    const rows = Object.fromEntries(metricRows(r.summary, r.metrics));
    expect([rows['Profit factor'], rows['Sharpe (daily, ×√365)'], rows['Sortino (daily, ×√365)'], rows['Calmar (CAGR / max DD)']], 'a dash, never NaN or Infinity').toEqual(['—', '—', '—', '—']);
    expect(rows['Expectancy per trade'], 'signed, two decimals, in R').toBe('+1.00 R');
  });
});

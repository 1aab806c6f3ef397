import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/backtest/report/buildReport.js';
import type { BacktestReport, GroupRow } from '../../../src/backtest/report/types.js';
import type { Db } from '../../../src/sinks/sqlite/db.js';
import { HOUR, insertTrade, openDatabase, openReadOnly, runInfo, t, tempDbPath } from './fixtureDb.js';
import { fillScenario } from './scenario.js';

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function scenarioReport(): BacktestReport {
  const path = tempDbPath();
  const writer = openDatabase(path);
  fillScenario(writer);
  writer.close();
  const db = openReadOnly(path);
  opened.push(db);
  return buildReport({ db, run: runInfo() });
}

const row = (rows: readonly GroupRow[], key: string) => rows.find((r) => r.key === key);

describe('buildReport summary (figures worked out by hand in scenario.ts)', () => {
  it('counts trades by net R, not by exit label, and keeps the open trade apart', () => {
    const s = scenarioReport().summary;
    expect(s.trades, 'six trades closed, the seventh is still open').toBe(6);
    expect(s.openTrades, 'trade 7 never exited').toBe(1);
    expect(s.wins, 'trades 1, 5 (EXPIRED with R 0.5) and 6 have net R > 0').toBe(3);
    expect(s.losses, 'trades 2, 3 and 4 (EXPIRED with R -0.25)').toBe(3);
    expect(s.expired, 'trades 4 and 5 expired').toBe(2);
    expect(s.winRatePct, '3 of 6').toBe(50);
  });

  it('derives R figures: total, expectancy and profit factor', () => {
    const s = scenarioReport().summary;
    expect(s.totalR, '2 - 1 - 1 - 0.25 + 0.5 + 1.5').toBe(1.75);
    expect(s.expectancyR, '1.75 / 6, rounded to 1e-10').toBe(0.2916666667);
    expect(s.profitFactor, 'gross win 4 / gross loss 2.25').toBe(1.7777777778);
    expect(s.totalPnl, '20 - 10.2 - 10.1 - 2.5 + 5 + 15').toBe(17.2);
  });

  it('reads equity from the trades: return, drawdown from the 1020 peak, losing streak', () => {
    const s = scenarioReport().summary;
    expect(s.finalEquity, 'equity after trade 6').toBe(1017.2);
    expect(s.returnPct, '(1017.2 - 1000) / 1000').toBe(1.72);
    expect(s.maxDrawdownPct, '(1020 - 997.2) / 1020 × 100').toBe(2.2352941176);
    expect(s.longestLosingStreak, 'trades 2, 3, 4 in a row').toBe(3);
    expect(s.avgHoldingMs, '(10 + 20 + 30 + 36 + 24 + 6) h / 6 = 21 h').toBe(21 * HOUR);
  });

  it('counts sent signals per day of the replayed span and blocked candidates', () => {
    const s = scenarioReport().summary;
    expect(s.sentSignals, 'one sent signal per trade').toBe(7);
    expect(s.blockedCandidates, 'three blocked rows').toBe(3);
    expect(s.signalsPerDay, '7 sent over the 59 days of January and February').toBe(0.1186440678);
  });

  it('measures drawdown from the starting balance when the first trade loses', () => {
    const db = openDatabase(tempDbPath());
    opened.push(db);
    const base = { model: 'reversal' as const, holdingHours: 2 };
    insertTrade(db, { ...base, symbol: 'BTCUSDT', endMs: t('2025-01-02T00:00:00'), outcome: 'LOSS', r: -1, pnl: -20, equityAfter: 980 });
    insertTrade(db, { ...base, symbol: 'BTCUSDT', endMs: t('2025-01-03T00:00:00'), outcome: 'WIN', r: 0.5, pnl: 10, equityAfter: 990 });
    const s = buildReport({ db, run: runInfo() }).summary;
    expect(s.maxDrawdownPct, 'peak is the 1000 start: (1000 - 980) / 1000').toBe(2);
    expect(s.profitFactor, 'gross win 0.5 / gross loss 1').toBe(0.5);
    expect(s.returnPct, '(990 - 1000) / 1000').toBe(-1);
  });

  it('a run with no losses has a null profit factor, and an empty run has null ratios', () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    opened.push(db);
    const empty = buildReport({ db, run: runInfo() }).summary;
    expect(empty.trades, 'nothing traded').toBe(0);
    expect([empty.winRatePct, empty.expectancyR, empty.profitFactor, empty.avgHoldingMs], 'no denominator').toEqual([null, null, null, null]);
    expect([empty.finalEquity, empty.returnPct, empty.maxDrawdownPct], 'equity never moved').toEqual([1000, 0, 0]);
  });
});

describe('buildReport tables', () => {
  it('groups by exit month (UTC), so trade 4 signalled in January counts in February', () => {
    const { byMonth } = scenarioReport().tables;
    expect(byMonth.map((r) => r.key), 'chronological').toEqual(['2025-01', '2025-02']);
    expect(row(byMonth, '2025-01'), 'trades 1-3').toMatchObject({ trades: 3, wins: 1, losses: 2, totalR: 0, pnl: -0.3, profitFactor: 1 });
    expect(row(byMonth, '2025-02'), 'trades 4-6').toMatchObject({ trades: 3, wins: 2, losses: 1, totalR: 1.75, pnl: 17.5, profitFactor: 8 });
  });

  it('groups by symbol, model and exit reason, every exit reason present', () => {
    const { bySymbol, byModel, byExit } = scenarioReport().tables;
    expect(bySymbol.map((r) => [r.key, r.trades, r.totalR]), 'open trade 7 is not counted').toEqual([
      ['BTCUSDT', 3, 2.5], ['ETHUSDT', 2, -0.5], ['SOLUSDT', 1, -0.25],
    ]);
    expect(row(byModel, 'continuation'), 'trades 1, 4, 5, 6').toMatchObject({ trades: 4, wins: 3, totalR: 3.75, profitFactor: 16, winRatePct: 75 });
    expect(row(byModel, 'reversal'), 'two losses, nothing won').toMatchObject({ trades: 2, wins: 0, totalR: -2, profitFactor: 0 });
    expect(byExit.map((r) => [r.key, r.trades, r.wins, r.totalR]), 'WIN, LOSS, EXPIRED in that order').toEqual([
      ['WIN', 2, 2, 3.5], ['LOSS', 2, 0, -2], ['EXPIRED', 2, 1, 0.25],
    ]);
  });
});

describe('buildReport curves and trades', () => {
  it('starts the equity curve at the balance and draws down from the running peak', () => {
    const r = scenarioReport();
    expect(r.equity.map((p) => p.equity), 'start, then equity after each closed trade').toEqual([1000, 1020, 1009.8, 999.7, 997.2, 1002.2, 1017.2]);
    expect(r.equity[0], 'first point at the start of the range').toEqual({ atMs: t('2025-01-01T00:00:00'), equity: 1000, tradeId: null });
    expect(r.drawdown.map((p) => p.drawdownPct), 'peak 1020 after trade 1').toEqual([0, 0, 1, 1.9901960784, 2.2352941176, 1.7450980392, 0.2745098039]);
  });

  it('lists every trade joined with its signal, the open one with null exit fields', () => {
    const r = scenarioReport();
    expect(r.trades.map((x) => x.status), 'closed in exit order, then the open one').toEqual(['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'open']);
    const sixth = r.trades[5];
    expect(sixth, 'signal fields come from the signals row').toMatchObject({
      symbol: 'BTCUSDT', model: 'continuation', side: 'LONG', interval: '30m', score: 80, threshold: 75, riskPct: 1,
      signalTimeMs: t('2025-02-14T18:00:00'), exitTimeMs: t('2025-02-15T00:00:00'), outcome: 'WIN', rMultiple: 1.5, equityAfter: 1017.2,
      holdingMs: 6 * HOUR,
    });
    expect(sixth?.reasons.map((x) => x.rule), 'reasons applied to the signal').toEqual(['symbolWinRate', 'globalWinRate']);
    expect(Object.keys(sixth?.breakdown ?? {}), 'breakdown keys sorted').toEqual(['daily', 'trigger', 'volume']);
    expect(r.trades[6], 'open trade').toMatchObject({ symbol: 'SOLUSDT', exitTimeMs: null, outcome: null, rMultiple: null, equityAfter: null });
  });
});

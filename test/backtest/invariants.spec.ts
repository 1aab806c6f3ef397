import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../src/backtest/report/index.js';
import type { Kline } from '../../src/domain/kline.js';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { EXAMPLES_DIR, readReport, runCli, tempOut, removeTempDirs } from './support/backtestCli.js';
import { dailyLimitViolations, equityViolations, lockViolations, outcomeViolations, rViolations } from './support/reportInvariants.js';

afterAll(removeTempDirs);

/** The bot's defaults the run used (no env given): MAX_SIGNALS_PER_DAY and TRADE_EXPIRY_CANDLES. */
const MAX_PER_DAY = 5;
const EXPIRY_CANDLES = 48;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const LABELS = ['seed-memory-on', 'confluence-memory-on'] as const;

const reports = new Map<string, BacktestReport>();
/** The raw 30m candles, read by the simulator's strict parser: independent of the backtest loader. */
const raw30m = new Map<string, Kline[]>(SYMBOLS.map((s) => [s, tableKlines(readKlineCsvFile(join(EXAMPLES_DIR, `${s}-30m.csv`)))]));

beforeAll(async () => {
  const out = tempOut();
  const run = await runCli(['--data', EXAMPLES_DIR, '--profile', 'both', '--out', out]);
  expect(run.code, `full examples run exits 0 (${run.errors.join(' ')})`).toBe(0);
  for (const label of LABELS) reports.set(label, readReport(join(out, label, 'report.json')));
}, 55_000);

describe.each(LABELS)('invariants of a full examples/klines run, %s', (label) => {
  const report = (): BacktestReport => reports.get(label)!;

  it('traded enough for the invariants to mean something, on every symbol', () => {
    expect(report().summary.trades, 'closed trades').toBeGreaterThan(30);
    expect(new Set(report().trades.map((t) => t.symbol)), 'every symbol traded').toEqual(new Set(SYMBOLS));
    expect(report().summary.sentSignals, 'every sent signal opened a trade').toBe(report().trades.length);
  });

  it('every trade\'s outcome agrees with the raw 30m candles after its signal', () => {
    expect(outcomeViolations(report(), raw30m, EXPIRY_CANDLES), 'SL or TP first (loss when both), else expiry').toEqual([]);
  });

  it('no signal is sent while a lock of the memory timeline holds for its scope', () => {
    expect(report().memory.some((a) => a.type === 'lock'), 'the run had locks to respect').toBe(true);
    expect(lockViolations(report()), 'signals inside a lock').toEqual([]);
  });

  it('never more sent signals in a UTC day than the effective limit', () => {
    expect(dailyLimitViolations(report(), MAX_PER_DAY), 'MAX_SIGNALS_PER_DAY, or the drawdown cap while it holds').toEqual([]);
  });

  it('R and equity add up', () => {
    expect(equityViolations(report()), 'equity after = previous + pnl; Σ pnl = final − start').toEqual([]);
    expect(rViolations(report()), 'pnl = R × risk; Σ R = totalR').toEqual([]);
  });

  // Trades closing on the same end time close (and chain equity_after) in symbol order; the report
  // once listed them by signal id, so equity points and the drawdown read from them were misordered.
  it('regression: the report\'s equity curve adds up point by point in its own order', () => {
    const byId = new Map(report().trades.map((t) => [t.tradeId, t]));
    const breaks = report().equity.slice(1).filter((p, i) => Math.abs(report().equity[i]!.equity + (byId.get(p.tradeId!)?.pnl ?? NaN) - p.equity) > 1e-6);
    expect(breaks, 'each point = the previous point + its trade\'s pnl').toEqual([]);
  });
});

describe('the invariant checks catch a broken report', () => {
  it('flags a flipped outcome, a signal inside a lock, a day over the limit and equity that does not add up', () => {
    const good = reports.get('confluence-memory-on')!;
    const closed = good.trades.findIndex((t) => t.status === 'closed' && t.outcome === 'LOSS');
    const trades = good.trades.map((t, i) => (i === closed ? { ...t, outcome: 'WIN' as const, equityAfter: (t.equityAfter ?? 0) + 1 } : t));
    const first = good.trades[0]!;
    const lock = { rule: 'test', type: 'lock', scope: 'global', startMs: first.signalTimeMs - 1, endMs: first.signalTimeMs + 1, reason: 'test', verdict: {}, blocked: 0, shrunk: 0, signals: [] };
    const crowded = Array.from({ length: MAX_PER_DAY + 1 }, (_, i) => ({ ...first, signalId: first.signalId + i }));
    const broken: BacktestReport = { ...good, trades, memory: [...good.memory, lock] };
    expect(outcomeViolations(broken, raw30m, EXPIRY_CANDLES).length, 'the flipped outcome').toBe(1);
    expect(lockViolations(broken).length, 'the first signal sits in the added lock').toBe(1);
    expect(dailyLimitViolations({ ...good, trades: crowded, memory: [] }, MAX_PER_DAY).length, 'one signal too many that day').toBe(1);
    expect(equityViolations(broken).length, 'equity moved by 1 without pnl').toBeGreaterThan(0);
  });
});

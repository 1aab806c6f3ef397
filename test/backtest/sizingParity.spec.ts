import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SymbolFilterBook } from '../../src/app/symbolFilterBook.js';
import { loadBacktestFilters } from '../../src/backtest/exchangeFilters.js';
import { roundDownToStep } from '../../src/core/risk/decimalSteps.js';
import { sizeSignal } from '../../src/core/risk/sizeCandidate.js';
import type { Reason } from '../../src/domain/reason.js';
import type { Signal } from '../../src/domain/signal.js';
import { SignalRepo, type SignalRow } from '../../src/sinks/sqlite/signalRepo.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { createBinanceRest } from '../../src/streams/binanceRest.js';
import { exampleData } from '../sim/helpers.js';
import { EXAMPLES_DIR, readReport, removeTempDirs, runCli, tempOut } from './support/backtestCli.js';

/**
 * Sizing parity (issue 16 item 1): a backtest of examples/klines sizes with the filters the live
 * bot reads from the exchange (here the simulator serving the same data, through the live REST
 * client and filter book), through the live sizing function, so every candidate has the quantity
 * and the block it would have had live on the same candle with the same equity.
 */
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const silent = pino({ level: 'silent' });
let sim: Simulator;
let live: SymbolFilterBook;
let out: string;

beforeAll(async () => {
  sim = await startSimulator({ data: exampleData(), startTimeMs: Date.UTC(2025, 6, 1), speed: 1, symbols: 3 });
  const rest = createBinanceRest({ baseUrl: sim.restUrl, logger: silent });
  try {
    live = new SymbolFilterBook(silent);
    live.update(await rest.exchangeInfo());
  } finally {
    await rest.close();
  }
  out = tempOut();
  const run = await runCli(['--data', EXAMPLES_DIR, '--out', out, '--profile', 'seed', '--to', '2025-10-01']);
  expect([run.code, run.errors, run.notices], 'the run applies the bundled filters without a warning').toEqual([0, [], []]);
}, 60_000);

afterAll(async () => {
  await sim?.close();
  removeTempDirs();
});

/** Closed-trade equity when `row` was sized: replay order is (end, symbol), a trade closing on the signal's own candle counts. */
function equityAt(db: Database.Database, row: SignalRow, startingEquity: number): number {
  const { pnl } = db
    .prepare(`SELECT COALESCE(SUM(pnl), 0) AS pnl FROM trades WHERE status = 'closed' AND (exit_time < ? OR (exit_time = ? AND symbol <= ?))`)
    .get(row.endMs, row.endMs, row.symbol) as { pnl: number };
  return startingEquity + pnl;
}

const ADJUSTMENTS = new Set(['threshold_raised', 'risk_cap', 'daily_cap']);
const blocksOtherThanSize = (row: SignalRow) => row.reasons.some((r) => r.code !== 'size' && !ADJUSTMENTS.has(r.code));

/** The candidate as the live sizing stage receives it: before sizing, its status is what the memory gate decided. */
function beforeSizing(row: SignalRow): Signal {
  return {
    symbol: row.symbol, interval: row.interval, openTimeMs: row.openTimeMs, endMs: row.endMs, model: row.model, side: row.side,
    score: row.score, breakdown: row.breakdown, entry: row.entry, stopLoss: row.stopLoss, takeProfit: row.takeProfit,
    status: blocksOtherThanSize(row) ? 'blocked' : 'sent', quantity: 0, riskPct: row.riskPct, effectiveThreshold: row.threshold, effectiveDailyMax: 0,
    reasons: row.reasons.filter((r) => r.code !== 'size') as Reason[],
  };
}

describe('sizing parity between the backtest and live', () => {
  it('the backtest reads the same filters as the live bot gets from the exchange', () => {
    const backtest = loadBacktestFilters({ dataDir: EXAMPLES_DIR, file: undefined, disabled: false, symbols: SYMBOLS });
    for (const s of SYMBOLS) expect(backtest.lookup(s), `${s}: exchangeInfo.json = the exchange's exchangeInfo`).toEqual(live.known(s));
    expect(backtest.unfiltered, 'every symbol described').toEqual([]);
  });

  it('filters applied in a backtest equal live sizing on the same candle', () => {
    const report = readReport(join(out, 'report.json'));
    const db = new Database(join(out, 'seed-memory-on.db'), { readonly: true });
    try {
      const rows = new SignalRepo(db).recent(1_000_000).sort((a, b) => a.id - b.id);
      const compared = rows.map((row) => {
        const sized = sizeSignal(beforeSizing(row), { equityUsdt: equityAt(db, row, report.run.startingEquity), filters: live.filters(row.symbol) });
        return {
          backtest: { id: row.id, status: row.status, quantity: row.quantity, size: row.reasons.find((r) => r.code === 'size')?.detail ?? null },
          live: { id: row.id, status: sized.status, quantity: sized.quantity, size: sized.reasons.find((r) => r.code === 'size')?.detail ?? null },
        };
      });
      const differ = compared.filter((c) => JSON.stringify(c.backtest) !== JSON.stringify(c.live));
      expect(differ.slice(0, 3), 'same quantity, same status, same size refusal on every candidate').toEqual([]);
      const sent = rows.filter((r) => r.status === 'sent');
      const sizeOnly = rows.filter((r) => r.status === 'blocked' && !blocksOtherThanSize(r) && r.reasons.some((x) => x.code === 'size'));
      expect(sent.length, 'enough sent signals to compare').toBeGreaterThan(20);
      expect(sizeOnly.length, 'some candidates blocked by the size alone (BTCUSDT below 100 USDT notional)').toBeGreaterThan(0);
      const offGrid = sent.filter((r) => roundDownToStep(r.quantity, live.filters(r.symbol).stepSize) !== r.quantity || r.quantity < live.filters(r.symbol).minQty);
      expect(offGrid.map((r) => `${r.symbol} ${r.quantity}`), 'every sent quantity on its lot step, at least the minimum').toEqual([]);
      expect(report.exchangeFilters.blockedBySize.filter((b) => b.alsoBlockedBy.length === 0).map((b) => b.signalId), 'the report lists them').toEqual(sizeOnly.map((r) => r.id));
    } finally {
      db.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/runner.js';
import { SEED_RULES } from '../../src/core/memory/rules/index.js';
import { klineEndMs, type Kline } from '../../src/domain/kline.js';
import { readTables, type TableRows } from './support/dbTables.js';
import { exampleReplay } from './support/exampleCandles.js';
import { restartScenario } from './support/restartScenario.js';

const dir = mkdtempSync(join(tmpdir(), 'restart-market-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const silent = pino({ level: 'silent' });
/** The seed rules plus a chop threshold that starts and ends several times in the stretch. */
const RULES = [...SEED_RULES, { id: 'symbolChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 1.5, thresholdAdd: 10 } } as const];

function replay(candles: readonly Kline[], dbPath: string) {
  const s = restartScenario('confluence');
  return runBacktest({ candles, dbPath, settings: { ...s.settings, memoryRules: RULES }, fromMs: s.fromMs, logger: silent });
}

const chopRows = (t: TableRows) => t.memory_events.filter((row) => (row as { rule?: unknown }).rule === 'symbolChop');

describe('a replay with a market rule stopped at several points and resumed each time (confluence profile)', () => {
  it('reports each of its starts and ends once, with or without its verdict active at the stop, and decides the same', () => {
    const scenario = restartScenario('confluence');
    const candles = exampleReplay(scenario.symbols, scenario.untilMs);
    const dbA = join(dir, 'whole.db');
    const dbB = join(dir, 'cuts.db');
    replay(candles, dbA);
    const expected = readTables(dbA);
    expect(chopRows(expected).length, 'the chop rule starts and ends in the stretch').toBeGreaterThan(4);
    const cuts = [Date.UTC(2025, 3, 1), Date.UTC(2025, 3, 1, 12), Date.UTC(2025, 4, 1), Date.UTC(2025, 4, 15, 6), Date.UTC(2025, 5, 1), Date.UTC(2025, 6, 1, 18)];
    for (const cutMs of cuts) replay(candles.filter((k) => klineEndMs(k) <= cutMs), dbB);
    replay(candles, dbB);
    const actual = readTables(dbB);
    expect(chopRows(actual), 'its events, all columns, each once').toEqual(chopRows(expected));
    expect(actual.memory_events, 'every memory event').toEqual(expected.memory_events);
    expect(actual.signals, 'signals (the raised thresholds as reasons)').toEqual(expected.signals);
    expect(actual.trades, 'trades').toEqual(expected.trades);
  }, 120_000);
});

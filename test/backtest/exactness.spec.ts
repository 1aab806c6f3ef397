import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportTrade } from '../../src/backtest/report/index.js';
import { EXAMPLES_DIR, readReport, removeTempDirs, runCli, tempOut } from './support/backtestCli.js';

/**
 * The backtest stays exact through refactors: every trade of report.json, for both profiles with
 * the memory on and off, against a fixture written before the refactor of issue 12 (one decision
 * point, one pipeline path, rules as kinds). That fixture is the path without exchange filters
 * (`--no-filters`: MODELS.md's formulas alone) and has not changed since; the `-filtered` fixtures
 * are the same runs sized with examples/klines/exchangeInfo.json (lot step, tick, minimums), as
 * live. Set UPDATE_EXACTNESS_FIXTURES=1 to rewrite the fixtures on purpose, and say why in the commit.
 */
const SHARED_DIR = fileURLToPath(new URL('../../../shared/data/klines/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const RUNS = ['seed-memory-on', 'seed-memory-off', 'confluence-memory-on', 'confluence-memory-off'] as const;

/** A number as the fixture keeps it: 10 significant digits, enough to catch any real change. */
const n = (v: number | null) => (v === null ? '-' : Number(v.toPrecision(10)).toString());

/** One trade as one line: what was decided and how it ended, not the wording of its reasons. */
function tradeLine(t: ReportTrade): string {
  return [
    t.symbol, t.interval, t.model, t.side, new Date(t.signalTimeMs).toISOString(), n(t.score), n(t.threshold), n(t.entry), n(t.stopLoss),
    n(t.takeProfit), n(t.quantity), n(t.riskPct), t.status, t.exitTimeMs === null ? '-' : new Date(t.exitTimeMs).toISOString(),
    n(t.exitPrice), t.outcome ?? '-', n(t.rMultiple), n(t.equityAfter),
  ].join(' ');
}

const EXAMPLE_FILTERS = join(EXAMPLES_DIR, 'exchangeInfo.json');
const sources = [
  { name: 'examples', dir: EXAMPLES_DIR, sizing: ['--no-filters'] },
  { name: 'examples-filtered', dir: EXAMPLES_DIR, sizing: [] },
  ...(existsSync(SHARED_DIR)
    ? [
        { name: 'shared', dir: SHARED_DIR, sizing: ['--no-filters'] },
        { name: 'shared-filtered', dir: SHARED_DIR, sizing: ['--filters', EXAMPLE_FILTERS] },
      ]
    : []),
];

afterAll(removeTempDirs);

describe.each(sources)('backtest exactness on $name klines', ({ name, dir, sizing }) => {
  it('trades every trade of both profiles, memory on and off, exactly as the fixture', async () => {
    const out = tempOut();
    const run = await runCli(['--data', dir, '--out', out, '--profile', 'both', '--compare', ...sizing]);
    expect(run.errors, 'the backtest runs').toEqual([]);
    expect(run.code).toBe(0);
    const lines = RUNS.flatMap((label) => readReport(join(out, label, 'report.json')).trades.map((t) => `${label} ${tradeLine(t)}`));
    const fixture = join(FIXTURES, `exactness-${name}.txt`);
    if (process.env.UPDATE_EXACTNESS_FIXTURES === '1') writeFileSync(fixture, `${lines.join('\n')}\n`);
    const expected = readFileSync(fixture, 'utf8').trimEnd().split('\n');
    for (const label of RUNS) expect(lines.filter((l) => l.startsWith(`${label} `)).length, `${label} has trades to compare`).toBeGreaterThan(10);
    const missing = expected.filter((l) => !lines.includes(l));
    const extra = lines.filter((l) => !expected.includes(l));
    expect({ missing: missing.slice(0, 5), extra: extra.slice(0, 5), counts: [missing.length, extra.length] }, 'every trade as before').toEqual({ missing: [], extra: [], counts: [0, 0] });
    expect(lines, 'in the same order').toEqual(expected);
  }, 120_000);
});

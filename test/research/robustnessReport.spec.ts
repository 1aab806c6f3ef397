import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, readReport, removeTempDirs, runCli, tempOut } from '../backtest/support/backtestCli.js';

afterAll(removeTempDirs);

const RANGE = ['--data', EXAMPLES_DIR, '--symbols', 'BTCUSDT,ETHUSDT', '--from', '2025-03-01', '--to', '2025-08-01', '--profile', 'confluence'];
const FEW = ['--monte-carlo', '200', '--baseline-runs', '30'];

async function reportOf(args: readonly string[]) {
  const out = tempOut();
  const run = await runCli([...RANGE, ...args, '--out', out]);
  expect(run.code, `exit 0 (${run.errors.join(' ')})`).toBe(0);
  return { report: readReport(join(out, 'report.json')), html: readFileSync(join(out, 'report.html'), 'utf8') };
}

describe('the backtest report\'s robustness section', () => {
  it('replays the run\'s own equity, names each model\'s standing in words, and moves only with the seed', async () => {
    const { report, html } = await reportOf([...FEW, '--seed', '5']);
    const r = report.robustness;
    expect(r, 'present by default').toBeDefined();
    expect(report.summary.trades, 'the run traded, so the figures mean something').toBeGreaterThan(5);
    expect(r?.monteCarlo?.actual.maxDrawdownPct, 'the original order gives the summary\'s drawdown').toBeCloseTo(report.summary.maxDrawdownPct, 6);
    expect(r?.monteCarlo?.actual.returnPct, 'and its return: the same compounding').toBeCloseTo(report.summary.returnPct, 6);
    expect(r?.monteCarlo?.runs, '--monte-carlo').toBe(200);
    const models = report.tables.byModel.map((row) => [row.key, row.trades]);
    expect(r?.baseline?.map((b) => [b.model, b.trades]), 'one baseline per model that traded').toEqual(models);
    for (const b of r?.baseline ?? []) {
      expect(b.runs, `${b.model}: --baseline-runs`).toBe(30);
      expect(b.randomTrades, `${b.model}: a twin per trade`).toBe(b.trades);
      expect(html, `${b.model}: the standing in plain words`).toContain(`beats ${b.standing?.beatsPct.toFixed(1)} % of 30 runs of random entries`);
    }
    expect(html, 'a section of its own').toContain('<h2>Robustness against chance</h2>');

    const same = await reportOf([...FEW, '--seed', '5']);
    expect(same.report.robustness, 'same seed, identical figures').toEqual(r);
    const other = await reportOf([...FEW, '--seed', '6']);
    expect(other.report.robustness, 'another seed, other figures').not.toEqual(r);
    expect(other.report.summary, 'the run itself does not depend on the seed').toEqual(report.summary);
  });

  it('is left out with --monte-carlo 0 --baseline-runs 0, and each part can be switched off alone', async () => {
    const none = await reportOf(['--monte-carlo', '0', '--baseline-runs', '0']);
    expect(none.report.robustness, 'no section').toBeUndefined();
    expect(none.html, 'no heading either').not.toContain('Robustness against chance');
    const onlyBaseline = await reportOf(['--monte-carlo', '0', '--baseline-runs', '5']);
    expect(onlyBaseline.report.robustness?.monteCarlo, 'Monte Carlo off').toBeNull();
    expect(onlyBaseline.report.robustness?.baseline?.length, 'baseline on').toBeGreaterThan(0);
  });
});

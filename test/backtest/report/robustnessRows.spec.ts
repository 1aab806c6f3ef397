import { describe, expect, it } from 'vitest';
import { beatsRandomText, robustnessRows } from '../../../src/backtest/report/robustnessRows.js';
import type { BaselineResult } from '../../../src/research/randomBaseline.js';
import type { RobustnessReport } from '../../../src/research/robustness.js';

const baseline = (beatsPct: number | null, expectancyR = 0.3, mean = 0.1): BaselineResult => ({
  model: 'reversal', trades: 40, expectancyR, randomTrades: 40, runs: 200,
  randomExpectancyR: { p5: -0.2, p50: 0.1, p95: 0.4, mean }, standing: beatsPct === null ? null : { beatsPct, pValue: (100 - beatsPct) / 100 },
});

describe('the robustness rows of the metrics table', () => {
  it('says yes only when the model beat 95 % of the random runs, and by how much, rounded', () => {
    expect(beatsRandomText(baseline(95)), 'p = 0.05').toBe('yes, +0.20 R');
    expect(beatsRandomText(baseline(94.5)), 'better than most, not enough to tell').toBe('not clearly, +0.20 R');
    expect(beatsRandomText(baseline(50)), 'half').toBe('not clearly, +0.20 R');
    expect(beatsRandomText(baseline(12.5, -0.4295081266, -0.0747060594)), 'no float noise').toBe('no, -0.35 R');
    expect(beatsRandomText(baseline(null)), 'no random entry could be placed').toBe('—');
    expect(beatsRandomText(undefined), 'the model made no trade in this run').toBe('no trade');
  });

  it('leaves out a part no run computed, and marks a run without it', () => {
    const withBaseline: RobustnessReport = { seed: 1, monteCarlo: null, baseline: [baseline(99)] };
    expect(robustnessRows([withBaseline, undefined])).toEqual([['Reversal beats random entries', 'yes, +0.20 R', '—']]);
    expect(robustnessRows([undefined]), 'both off: no row').toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseBacktestArgs } from '../../src/backtest/cliArgs.js';
import { planRuns } from '../../src/backtest/compare.js';
import { UsageError } from '../../src/download/usageError.js';

function usageFlag(argv: string[]): string {
  try {
    parseBacktestArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return err.flag;
    throw err;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseBacktestArgs', () => {
  it('reads every flag', () => {
    const options = parseBacktestArgs([
      '--data', 'd', '--symbols', 'btcusdt, ETHUSDT', '--from', '2025-06-01', '--to', '2025-07-01T12:00:00Z',
      '--profile', 'both', '--compare', '--rotate', '--out', 'o', '--filters', 'info.json', '--monte-carlo', '500', '--baseline-runs', '0', '--seed', '42', '--json',
    ]);
    expect(options, 'all flags').toEqual({
      dataDir: 'd', symbols: ['BTCUSDT', 'ETHUSDT'], fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 6, 1, 12),
      profile: 'both', noMemory: false, compare: true, rotate: true, outDir: 'o', filtersFile: 'info.json', noFilters: false,
      robustness: { monteCarloRuns: 500, baselineRuns: 0, seed: 42 }, json: true,
    });
    expect(parseBacktestArgs(['--data', 'd']), 'defaults: profile from MODEL_PROFILE, every symbol').toMatchObject({
      symbols: undefined, fromMs: undefined, toMs: undefined, profile: undefined, noMemory: false, compare: false, rotate: false,
      filtersFile: undefined, noFilters: false, robustness: { monteCarloRuns: 1000, baselineRuns: 200, seed: 1 }, json: false,
    });
    expect(parseBacktestArgs(['--data', 'd', '--no-filters']).noFilters, '--no-filters').toBe(true);
  });

  it('names the flag at fault', () => {
    const cases: Array<[string[], string]> = [
      [[], '--data'],
      [['--data', 'd', '--profile', 'x'], '--profile'],
      [['--data', 'd', '--from', '2025-02-30'], '--from'],
      [['--data', 'd', '--from', '2025-06-01', '--to', '2025-05-01'], '--to'],
      [['--data', 'd', '--symbols', 'BTC-USDT'], '--symbols'],
      [['--data', 'd', '--no-memory', '--compare'], '--no-memory'],
      [['--data', 'd', '--speed', '3'], '--speed'],
      [['--data', 'd', '--no-filters', '--filters', 'f.json'], '--no-filters'],
      [['--data', 'd', '--filters', ' '], '--filters'],
      [['--data'], '--data'],
      [['--data', 'd', '--monte-carlo', '-1'], '--monte-carlo'],
      [['--data', 'd', '--monte-carlo', '1e3'], '--monte-carlo'],
      [['--data', 'd', '--monte-carlo', '100001'], '--monte-carlo'],
      [['--data', 'd', '--baseline-runs', '2.5'], '--baseline-runs'],
      [['--data', 'd', '--baseline-runs', ''], '--baseline-runs'],
      [['--data', 'd', '--seed', 'abc'], '--seed'],
      [['--data', 'd', '--seed', '4294967296'], '--seed'],
    ];
    for (const [argv, flag] of cases) expect(usageFlag(argv), argv.join(' ')).toBe(flag);
  });
});

describe('planRuns', () => {
  it('one run, or memory on vs off, times seed vs confluence, in a fixed order', () => {
    expect(planRuns({ profile: 'confluence', memory: false, compare: false }), 'single').toEqual([{ label: 'confluence-memory-off', profile: 'confluence', memory: false }]);
    expect(planRuns({ profile: 'both', memory: true, compare: true }).map((r) => r.label), 'four').toEqual([
      'seed-memory-on', 'seed-memory-off', 'confluence-memory-on', 'confluence-memory-off',
    ]);
  });
});

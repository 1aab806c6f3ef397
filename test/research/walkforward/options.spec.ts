import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration } from '../../../src/research/walkforward/duration.js';
import { walkForwardOptionsOf } from '../../../src/research/walkforward/cliArgs.js';
import { runWalkForwardCli } from '../../../src/research/walkforward/cli.js';
import { planWindows } from '../../../src/research/walkforward/windows.js';
import { EXAMPLES_DIR } from './exampleData.js';

async function cli(args: string[]): Promise<{ code: number; out: string[]; errors: string[] }> {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await runWalkForwardCli(args, { env: { LOG_LEVEL: 'silent' }, writeLine: (l) => out.push(l), writeError: (l) => errors.push(l), stop: new AbortController().signal });
  return { code, out, errors };
}

describe('walkforward lengths and flags', () => {
  it('reads days, weeks and months and refuses anything else', () => {
    expect(parseDuration('--train', '6mo')).toEqual({ amount: 6, unit: 'mo' });
    expect(parseDuration('--test', '8w')).toEqual({ amount: 8, unit: 'w' });
    expect(parseDuration('--step', ' 45d ')).toEqual({ amount: 45, unit: 'd' });
    for (const bad of ['6m', '0mo', '-1d', '1.5mo', 'mo', '', '6 mo', '10000d']) expect(() => parseDuration('--train', bad), bad).toThrow(/^--train: .* is not a length like 6mo, 8w or 45d$/);
  });

  it('adds calendar months in UTC, a short month clamping the day', () => {
    expect(new Date(addDuration(Date.UTC(2024, 0, 31), { amount: 1, unit: 'mo' })).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(new Date(addDuration(Date.UTC(2024, 10, 1), { amount: 2, unit: 'mo' })).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(addDuration(0, { amount: 2, unit: 'w' })).toBe(14 * 86_400_000);
  });

  it('plans windows while a whole test period fits, moved by the step', () => {
    const windows = planWindows({
      firstStartMs: Date.UTC(2024, 0, 1), dataEndMs: Date.UTC(2024, 11, 1),
      train: { amount: 6, unit: 'mo' }, test: { amount: 2, unit: 'mo' }, step: { amount: 2, unit: 'mo' },
    });
    expect(windows.map((w) => new Date(w.testToMs).toISOString().slice(0, 10))).toEqual(['2024-09-01', '2024-11-01']);
    expect(windows[1]!.trainFromMs).toBe(Date.UTC(2024, 2, 1));
    expect(windows.every((w) => w.testFromMs === w.trainToMs)).toBe(true);
  });

  it('checks every flag, naming it', () => {
    const bad: Array<[Record<string, string | boolean>, RegExp]> = [
      [{}, /^--data: is required/],
      [{ data: 'd', trials: '0' }, /^--trials: "0" is not a whole number from 1 to 10000$/],
      [{ data: 'd', workers: '2.5' }, /^--workers: /],
      [{ data: 'd', seed: '-1' }, /^--seed: /],
      [{ data: 'd', profile: 'fast' }, /^--profile: "fast" is not seed, confluence or both$/],
      [{ data: 'd', memory: 'yes' }, /^--memory: "yes" is not on, off or both$/],
      [{ data: 'd', search: 'bayes' }, /^--search: /],
      [{ data: 'd', 'max-drawdown': '120' }, /^--max-drawdown: "120" is not a percentage from 0 to 100$/],
      [{ data: 'd', 'min-trades': 'x' }, /^--min-trades: /],
      [{ data: 'd', step: '2' }, /^--step: /],
      [{ data: 'd', filters: 'x.json', 'no-filters': true }, /^--no-filters: cannot be given with --filters$/],
    ];
    for (const [values, message] of bad) expect(() => walkForwardOptionsOf(values), JSON.stringify(values)).toThrow(message);
    const o = walkForwardOptionsOf({ data: 'd' });
    expect(o).toMatchObject({ train: { amount: 6, unit: 'mo' }, test: { amount: 2, unit: 'mo' }, step: { amount: 2, unit: 'mo' }, profiles: ['seed', 'confluence'], memories: [true, false], search: 'random', minTrades: 30, maxDrawdownPct: 25 });
    expect(o.workers).toBeGreaterThanOrEqual(1);
  });

  it('exits 2 with one line for a bad flag, and for windows the data cannot hold', async () => {
    const typo = await cli(['--data', EXAMPLES_DIR, '--trian', '6mo']);
    expect(typo.code).toBe(2);
    expect(typo.errors).toEqual(["kline-signals: unknown option '--trian' for walkforward (did you mean --train?)"]);
    const long = await cli(['--data', EXAMPLES_DIR, '--train', '24mo']);
    expect(long.code).toBe(2);
    expect(long.errors).toHaveLength(1);
    expect(long.errors[0]).toMatch(/^kline-signals: walkforward --train: 24mo of training and 2mo of testing do not fit the data \(2025-01-01 to 2026-04-29, after 60 days of warm-up\)$/);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toContain('--trials N');
  });
});

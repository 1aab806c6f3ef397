import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWalkForwardCli } from '../../../src/research/walkforward/cli.js';
import type { WalkForwardReport } from '../../../src/research/walkforward/types.js';
import { EXAMPLES_DIR } from './exampleData.js';

const out = mkdtempSync(join(tmpdir(), 'ks-walkforward-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('kline-signals walkforward', () => {
  it('writes report.json, report.html and the recommended .env fragment, and prints a table per run', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await runWalkForwardCli(
      ['--data', EXAMPLES_DIR, '--train', '8w', '--test', '4w', '--step', '26w', '--profile', 'seed', '--memory', 'on', '--trials', '1', '--workers', '1', '--min-trades', '5', '--out', out],
      // `stop`: no SIGINT handler left in the test process
      { env: { LOG_LEVEL: 'silent' }, writeLine: (l) => lines.push(l), writeError: (l) => errors.push(l), stop: new AbortController().signal },
    );
    expect(code, errors.join('\n')).toBe(0);
    expect(errors, 'progress: one line per window').toEqual([
      'seed, memory on: window 1 of 2 done (test 2025-04-27 to 2025-05-25)',
      'seed, memory on: window 2 of 2 done (test 2025-10-26 to 2025-11-23)',
    ]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as WalkForwardReport;
    expect(report.variants).toHaveLength(1);
    expect(report.variants[0]!.windows.map((w) => w.testTo)).toEqual(['2025-05-25T00:00:00.000Z', '2025-11-23T00:00:00.000Z']);
    expect(report.settings).toMatchObject({ train: '8w', test: '4w', step: '26w', search: 'random', trials: 1, seed: 1, minTrades: 5, maxDrawdownPct: 25, exchangeFilters: join(EXAMPLES_DIR, 'exchangeInfo.json') });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const env = readFileSync(join(out, 'recommended.env'), 'utf8');
    expect(env).toMatch(/^# walk-forward: seed profile, memory on: the choice of the most recent window \(trained 2025-08-31 to 2025-10-26\)\nMODEL_PROFILE=seed\nMEMORY_ENABLED=true\nSCORE_THRESHOLD=\d+\n/);
    expect(readFileSync(join(out, 'seed-memory-on.env'), 'utf8')).toBe(env);
    expect(lines.some((l) => l.startsWith('stitched out-of-sample: '))).toBe(true);
    expect(lines.at(-1)).toBe(`wrote ${join(out, 'recommended.env')}`);
    expect(existsSync(join(out, '.trials')), 'no scratch files in the output').toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/sim/random.js';
import { EXAMPLES_DIR, runCli, tempOut, removeTempDirs } from './support/backtestCli.js';

afterAll(removeTempDirs);

const RANGE = ['--data', EXAMPLES_DIR, '--symbols', 'BTCUSDT,ETHUSDT,SOLUSDT', '--from', '2025-03-01', '--profile', 'both'];
const FROM_MS = Date.UTC(2025, 2, 1);
const TO_MS = Date.UTC(2025, 8, 1);
const HALF_HOUR = 1_800_000;
const LABELS = ['seed-memory-on', 'confluence-memory-on'];

/** report.json without the one field allowed to differ between two runs. */
function withoutRuntime(path: string): string {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  expect(report.runtime, 'the report has a runtime field to ignore').toBeDefined();
  delete report.runtime;
  return JSON.stringify(report);
}

function signalsUpTo(dbPath: string, untilMs: number): unknown[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM signals WHERE end_time <= ? ORDER BY id').all(untilMs);
  } finally {
    db.close();
  }
}

describe('backtest determinism', () => {
  it('the same data and config give byte-identical report.json apart from runtime', async () => {
    const [a, b] = [tempOut(), tempOut()];
    const first = await runCli([...RANGE, '--to', '2025-09-01', '--out', a]);
    const second = await runCli([...RANGE, '--to', '2025-09-01', '--out', b]);
    expect([first.code, second.code], `both runs exit 0 (${[...first.errors, ...second.errors].join(' ')})`).toEqual([0, 0]);
    for (const label of LABELS) {
      const left = withoutRuntime(join(a, label, 'report.json'));
      expect(JSON.parse(left).summary.trades, `${label}: the run traded, so equality means something`).toBeGreaterThan(3);
      expect(withoutRuntime(join(b, label, 'report.json')), `${label}: identical report`).toBe(left);
    }
    expect(readFileSync(join(b, 'comparison.json'), 'utf8'), 'identical comparison').toBe(readFileSync(join(a, 'comparison.json'), 'utf8'));
  });

  it('no look-ahead: cutting the data at a seeded random time leaves every signal before the cut unchanged', async () => {
    // Seeded (mulberry32), so the cut is "random" yet the same on every run of the test.
    const random = createRandom(20250601);
    const steps = (TO_MS - FROM_MS) / HALF_HOUR;
    // Somewhere in the middle two thirds, on a 30m boundary.
    const cutMs = FROM_MS + Math.floor((steps / 6 + random() * (steps * 2) / 3)) * HALF_HOUR;
    const [full, cut] = [tempOut(), tempOut()];
    const whole = await runCli([...RANGE, '--to', new Date(TO_MS).toISOString(), '--out', full]);
    const part = await runCli([...RANGE, '--to', new Date(cutMs).toISOString(), '--out', cut]);
    expect([whole.code, part.code], `both runs exit 0 (${[...whole.errors, ...part.errors].join(' ')})`).toEqual([0, 0]);
    for (const label of LABELS) {
      const before = signalsUpTo(join(full, `${label}.db`), cutMs);
      const after = signalsUpTo(join(full, `${label}.db`), TO_MS);
      expect(before.length, `${label}: signals before the cut ${new Date(cutMs).toISOString()}`).toBeGreaterThan(2);
      expect(after.length, `${label}: and after it, so the full run saw more`).toBeGreaterThan(before.length);
      expect(signalsUpTo(join(cut, `${label}.db`), cutMs), `${label}: every signal up to the cut, all columns`).toEqual(before);
    }
  });
});

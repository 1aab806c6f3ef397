import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWalkForward, windowsOf } from '../../../src/research/walkforward/walkForward.js';
import { exampleDataUntil, smallWalk } from './exampleData.js';

const scratch = mkdtempSync(join(tmpdir(), 'ks-walkforward-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// 2025-01-01 → 2025-07-01 of the three example symbols: 60 days of warm-up, then three 6w/3w windows.
const UNTIL = Date.UTC(2025, 6, 1);

describe('walk-forward windows', () => {
  it('a window never reads a candle after its test period: cutting the data at its end changes none of its results', { timeout: 120_000 }, async () => {
    const full = exampleDataUntil(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], UNTIL);
    const windows = windowsOf(smallWalk(full, scratch));
    expect(windows.length, 'the data must hold several windows for the cut to leave later ones out').toBeGreaterThanOrEqual(3);
    const uncut = await runWalkForward(smallWalk(full, join(scratch, 'uncut'), { workers: 2 }));
    for (const k of [1]) {
      const cut = exampleDataUntil(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], windows[k]!.testToMs);
      const report = await runWalkForward(smallWalk(cut, join(scratch, `cut-${k}`), { workers: 2 }));
      const variant = report.variants[0]!;
      expect(variant.windows, 'the cut data holds windows up to k only').toHaveLength(k + 1);
      expect(variant.windows[k], `window ${k} computed on data ending at its test end`).toEqual(uncut.variants[0]!.windows[k]);
    }
    const trades = uncut.variants[0]!.windows.reduce((n, w) => n + w.outOfSample.trades + w.inSample.trades, 0);
    expect(trades, 'the windows trade, so a look-ahead would show').toBeGreaterThan(10);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paramSpace } from '../../../src/research/walkforward/paramSpace.js';
import { gridSize, searchTrials } from '../../../src/research/walkforward/search.js';
import { runWalkForward } from '../../../src/research/walkforward/walkForward.js';
import { consoleLines } from '../../../src/research/walkforward/consoleTable.js';
import { renderWalkForwardHtml } from '../../../src/research/walkforward/renderHtml.js';
import { exampleDataUntil, smallWalk } from './exampleData.js';

const scratch = mkdtempSync(join(tmpdir(), 'ks-walkforward-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('walk-forward determinism', () => {
  it('the same seed gives the same report, whatever the number of workers', { timeout: 120_000 }, async () => {
    const data = exampleDataUntil(['BTCUSDT'], Date.UTC(2025, 5, 1));
    const one = await runWalkForward(smallWalk(data, join(scratch, 'a'), { workers: 1, memories: [true, false] }));
    const two = await runWalkForward(smallWalk(data, join(scratch, 'b'), { workers: 2, memories: [true, false] }));
    expect(two, 'trials are independent backtests: order and worker do not matter').toEqual(one);
    expect(one.variants.map((v) => v.label)).toEqual(['seed-memory-on', 'seed-memory-off']);
    // What a person reads: no run label, rule id or parameter key, no float noise.
    const text = [...consoleLines(one), renderWalkForwardHtml(one).replace(/<style>[^<]*<\/style>/, '').replace(/<[^>]+>/g, ' ')].join('\n');
    expect(text).toContain('seed, memory on');
    expect(text).toContain('Losing streak: lock (hours)');
    for (const identifier of ['seed-memory', 'globalLossStreak', 'memory.', 'model.', 'scoreThreshold', 'undefined', 'NaN']) expect(text, identifier).not.toContain(identifier);
    expect(text, 'no float noise').not.toMatch(/\d\.\d{6,}/);
  });

  it('a random search draws the same trials for a seed and other trials for another seed', () => {
    const space = paramSpace('confluence', true);
    expect(searchTrials(space, 'random', 20, 5)).toEqual(searchTrials(space, 'random', 20, 5));
    expect(searchTrials(space, 'random', 20, 6)).not.toEqual(searchTrials(space, 'random', 20, 5));
    for (const trial of searchTrials(space, 'random', 20, 5)) {
      for (const p of space) expect(p.values, `${p.key} stays among its declared values`).toContain(trial[p.key]);
    }
  });

  it('a grid walks every combination when the trials allow, evenly spaced ones otherwise', () => {
    const space = paramSpace('seed', false);
    expect(gridSize(space)).toBe(5 * 4 * 4 * 4);
    expect(searchTrials(space, 'grid', 10_000, 1)).toHaveLength(320);
    const ten = searchTrials(space, 'grid', 10, 1);
    expect(ten).toHaveLength(10);
    expect(new Set(ten.map((t) => t.scoreThreshold)).size, 'spaced along the grid, the slowest digit moves too').toBe(5);
  });
});

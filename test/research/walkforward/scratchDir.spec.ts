import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTrialScratchDir } from '../../../src/research/walkforward/scratchDir.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** The id of a process that ran and is gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('regression: scratch folders of walkforward runs that were killed', () => {
  it('a new run sweeps the folders whose process is gone, and leaves a running one’s and an unnamed one’s', () => {
    root = mkdtempSync(join(tmpdir(), 'ks-scratch-root-'));
    const orphan = `kline-walkforward-${deadPid()}-AbC123`;
    const running = `kline-walkforward-${process.pid}-XyZ789`;
    const unnamed = 'kline-walkforward-Qw12Er'; // made before folder names carried the pid: its owner cannot be told
    const other = 'someone-else-1';
    for (const name of [orphan, running, unnamed, other]) mkdirSync(join(root, name));
    mkdirSync(join(root, orphan, 'trial-3.db'));

    const made = makeTrialScratchDir(root);

    expect(basename(made), 'named with the pid of its run').toMatch(new RegExp(`^kline-walkforward-${process.pid}-`));
    expect(readdirSync(root).sort(), 'the orphan is gone, the rest stays').toEqual([basename(made), running, unnamed, other].sort());
  });
});

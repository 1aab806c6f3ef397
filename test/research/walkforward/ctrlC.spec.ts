import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { botCliArgs, REPO_ROOT } from '../../support/botCli.js';
import { waitUntil } from '../../e2e/support/poll.js';
import { scratchRoot } from '../../../src/research/walkforward/scratchDir.js';
import { EXAMPLES_DIR } from './exampleData.js';
import { STOPPED_LINE } from '../../../src/research/walkforward/cli.js';

let out: string | undefined;
afterEach(() => {
  if (out) rmSync(out, { recursive: true, force: true });
  out = undefined;
});

const scratchFolders = () => new Set(readdirSync(scratchRoot()).filter((name) => name.startsWith('kline-walkforward-')));

describe('regression: walkforward stopped mid-run leaves no trial files behind', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s removes its scratch folder, stops the workers and exits 0 with no stack', async (signal) => {
    out = mkdtempSync(join(tmpdir(), 'ks-walkforward-stop-'));
    const before = scratchFolders();
    // Many trials on one worker: still running when the signal comes, a trial file open in the folder.
    const child = spawn(process.execPath, botCliArgs([
      'walkforward', '--data', EXAMPLES_DIR, '--train', '8w', '--test', '4w', '--step', '26w', '--profile', 'seed', '--memory', 'on',
      '--trials', '200', '--workers', '1', '--out', out,
    ]), { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? out }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      stderr += d;
    });
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig)));
    const folder = await waitUntil('a trial file in a new scratch folder', () => {
      const fresh = [...scratchFolders()].filter((name) => !before.has(name));
      return fresh.find((name) => readdirSync(join(scratchRoot(), name)).some((file) => file.startsWith('trial-')));
    }, 60_000);
    child.kill(signal);
    const code = await exited;
    expect(code, `exit code (${output.slice(-600)})`).toBe(0);
    expect(folder, 'named after its process, so a later run can tell whether its owner is gone').toContain(`kline-walkforward-${child.pid}-`);
    expect(existsSync(join(scratchRoot(), folder)), 'the scratch folder is removed').toBe(false);
    expect(output, 'no stack trace').not.toMatch(/\n\s+at /);
    const said = stderr.trimEnd().split('\n').filter((line) => !/: window \d+ of \d+ done /.test(line));
    expect(said, 'one line saying it stopped and wrote nothing (logs at warn unless LOG_LEVEL is set)').toEqual([STOPPED_LINE]);
    expect(existsSync(join(out, 'report.json')), 'no half report').toBe(false);
  }, 90_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { botCliArgs, REPO_ROOT } from '../support/botCli.js';
import { waitUntil } from '../e2e/support/poll.js';

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/**
 * `kline-signals demo` on the current sources with its temp folder under a scratch TMPDIR; runs
 * `during` once its start-up lines are out, then Ctrl-C, and returns the exit code and the output.
 */
async function demo(args: readonly string[], during: (out: () => string) => Promise<void>): Promise<{ code: number | null; out: string; tmp: string }> {
  scratch = mkdtempSync(join(tmpdir(), 'ks-demo-'));
  const tmp = scratch;
  const child = spawn(process.execPath, botCliArgs(['demo', '--seconds', '120', ...args]), {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, TMPDIR: tmp, LANGUAGE: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitUntil('the demo started', () => out.includes('🚀'), 30_000);
    await during(() => out);
  } finally {
    child.kill('SIGINT');
  }
  return { code: await exited, out, tmp };
}

const demoFolders = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('kline-signals-demo-'));

describe('npm run demo: the dashboard and its temporary folder (issue 15 item 5)', () => {
  it('serves the dashboard at the URL it prints, and removes its temporary folder at the end', async () => {
    let page = '';
    const { code, out, tmp } = await demo([], async (output) => {
      const url = await waitUntil('the dashboard line', () => /^dashboard: (http:\/\/\S+)/m.exec(output())?.[1], 30_000);
      expect(demoFolders(scratch!), 'the database lives in a temporary folder while the demo runs').toHaveLength(1);
      const res = await fetch(url);
      expect([res.status, res.headers.get('content-type')], 'the dashboard page').toEqual([200, 'text/html; charset=utf-8']);
      page = await res.text();
    });
    expect(page, 'the dashboard html').toMatch(/<html/i);
    expect(code, out.slice(-600)).toBe(0);
    expect(demoFolders(tmp), 'removed at the end (one was left behind per run)').toEqual([]);
    expect(out, 'says so').toContain('temporary folder removed');
  }, 60_000);

  it('--keep keeps the folder with the database and prints where it is; --no-dashboard serves nothing', async () => {
    const { code, out, tmp } = await demo(['--keep', '--no-dashboard'], async () => {});
    expect(code, out.slice(-600)).toBe(0);
    const [kept] = demoFolders(tmp);
    expect(kept, 'the folder stays').toBeDefined();
    expect(out, 'its path is printed').toContain(`kept in ${join(tmp, kept!)}`);
    expect(existsSync(join(tmp, kept!, 'demo.db')), 'with the database').toBe(true);
    expect(out, 'no dashboard').not.toMatch(/^dashboard: /m);
  }, 60_000);

  it('without --keep names no file at all: a path printed during the run would point at nothing once the folder is gone (regression)', async () => {
    const { code, out } = await demo(['--no-dashboard'], async (output) => {
      await waitUntil('a signal', () => output().includes('Breakdown'), 60_000);
    });
    expect(code, out.slice(-600)).toBe(0);
    const paths = out.match(/(?<=^|\s)\/\S+/gm) ?? []; // file paths, not the URLs
    expect(paths.filter((path) => !existsSync(path)), 'every path printed still exists after the demo').toEqual([]);
    expect(out, 'the end says how to keep the charts').toContain('temporary folder removed (--keep keeps the database and a chart card per signal)');
  }, 90_000);

  it('--keep writes a chart card per signal and prints its path, which stays after the demo', async () => {
    const { code, out } = await demo(['--keep', '--no-dashboard'], async (output) => {
      await waitUntil('a signal', () => output().includes('Breakdown'), 60_000);
    });
    expect(code, out.slice(-600)).toBe(0);
    const charts = [...out.matchAll(/^📈 (\S+\/charts\/signal-\d+\.png)$/gm)].map((m) => m[1]!);
    expect(charts.length, 'a card per signal, its path printed').toBeGreaterThan(0);
    expect(charts.filter((path) => !existsSync(path)), 'kept').toEqual([]);
    expect(out, 'the end line counts them').toMatch(new RegExp(`database and ${readdirSync(join(charts[0]!, '..')).length} chart cards? kept in `));
  }, 90_000);

  it('refuses a bad --port with exit 2 and one line naming it, before anything starts', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'ks-demo-'));
    const child = spawn(process.execPath, botCliArgs(['demo', '--port', 'http']), { cwd: REPO_ROOT, env: { ...process.env, TMPDIR: scratch }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect([code, err.trim()]).toEqual([2, 'kline-signals: demo --port: "http" is not a port 0–65535 (0: any free port)']);
    expect(demoFolders(scratch), 'nothing created').toEqual([]);
  }, 30_000);
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { botCliArgs } from '../support/botCli.js';
import { DATA_DIR, tempDir } from './helpers.js';

const REPO = new URL('../../', import.meta.url).pathname;

/** Runs `kline-signals download …` in a child process, on the current sources (tsx). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, botCliArgs(['download', ...args]), {
      cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let sim: Simulator;
let temp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  sim = await startSimulator({ data: DATA_DIR, speed: 600 });
  temp = await tempDir();
});
afterAll(async () => {
  await sim.close();
  await temp.remove();
});

describe('kline-signals download as a process', () => {
  it('prints one JSON summary on stdout, progress as pino lines on stderr, exit 0', async () => {
    const r = await cli(['--symbols', 'SOLUSDT', '--from', '2025-01-01', '--to', '2025-03-01', '--intervals', '1d,4h', '--out', temp.dir], { BINANCE_REST_URL: sim.restUrl, LOG_FORMAT: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length, 'stdout holds only the summary').toBe(1);
    const rows = ['1d', '4h'].reduce((n, iv) => n + tableKlines(readKlineCsvFile(join(temp.dir, `SOLUSDT-${iv}.csv`))).length, 0);
    expect(JSON.parse(lines[0] as string), 'summary').toMatchObject({ files: 2, rows });
    const logs = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(logs.filter((l) => l.msg === 'series written').length, 'progress on stderr, one line per series').toBe(2);
  });

  it('LOG_FORMAT=pretty: progress as readable lines on stderr (time, level, component, message), the same summary on stdout', async () => {
    const r = await cli(['--symbols', 'ETHUSDT', '--from', '2025-01-01', '--to', '2025-03-01', '--intervals', '1d', '--out', temp.dir], { BINANCE_REST_URL: sim.restUrl, LOG_FORMAT: 'pretty' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length, 'stdout holds only the summary').toBe(1);
    expect(JSON.parse(lines[0] as string), 'summary').toMatchObject({ files: 1, gaps: 0 });
    const logs = r.stderr.trim().split('\n');
    expect(logs.filter((l) => l.includes('{')), 'no JSON on stderr').toEqual([]);
    expect(logs, 'progress, readable').toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d INFO +download +series written/));
  });

  it.each(['LOG_FORMAT', 'LOG_LEVEL'])('a bad %s exits 1 with one line naming it', async (name) => {
    const r = await cli(['--symbols', 'SOLUSDT', '--from', '2025-01-01', '--to', '2025-03-01', '--intervals', '1d', '--out', temp.dir], { BINANCE_REST_URL: sim.restUrl, [name]: 'loud' });
    expect(r.code, 'config exit code').toBe(1);
    expect(r.stderr.trim().split('\n'), 'one line naming the variable').toEqual([expect.stringContaining(`${name}="loud"`)]);
    expect(r.stdout, 'nothing on stdout').toBe('');
  });

  it('a bad flag exits 2 with one line naming it', async () => {
    const r = await cli(['--symbols', 'SOLUSDT', '--from', '2025-01-01', '--intervals', '1h'], { BINANCE_REST_URL: sim.restUrl });
    expect(r.code, 'usage exit code').toBe(2);
    expect(r.stderr.trim().split('\n'), 'one line naming the flag').toEqual([expect.stringContaining('--intervals')]);
    expect(r.stdout, 'nothing on stdout').toBe('');
  });
});

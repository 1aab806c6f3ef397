import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { botCliArgs } from '../support/botCli.js';
import { EXAMPLES_DIR, tempOut, removeTempDirs } from './support/backtestCli.js';

afterAll(removeTempDirs);

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `kline-signals backtest …` on the current sources (tsx): the real CLI, with the bot's default environment. */
function backtest(args: readonly string[]): Promise<Exit> {
  const env = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, botCliArgs(['backtest', ...args]), { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A copy of BTCUSDT's files in a temp folder, the 30m rows passed through `edit` first. */
function copiedData(edit: (lines: string[]) => string[]): string {
  const dir = tempOut('ks-backtest-data-');
  for (const interval of ['4h', '1d']) copyFileSync(join(EXAMPLES_DIR, `BTCUSDT-${interval}.csv`), join(dir, `BTCUSDT-${interval}.csv`));
  const lines = readFileSync(join(EXAMPLES_DIR, 'BTCUSDT-30m.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(dir, 'BTCUSDT-30m.csv'), `${edit(lines).join('\n')}\n`);
  return dir;
}

const RANGE = ['--symbols', 'BTCUSDT', '--from', '2025-06-01', '--to', '2025-09-01'];

describe('kline-signals backtest (the real entry point)', () => {
  it('exits 0, prints one JSON summary and writes the database, report.json and report.html', async () => {
    const out = tempOut();
    const run = await backtest(['--data', 'examples/klines', ...RANGE, '--out', out]);
    expect(run.code, `exit 0 (${run.stderr.slice(-400)})`).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length, 'one run, one line').toBe(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(summary, 'the summary names the run and its figures').toMatchObject({ run: 'seed-memory-on', gaps: 0 });
    for (const key of ['trades', 'winRatePct', 'expectancyR', 'maxDrawdownPct', 'wallMs', 'candlesPerSec']) expect(summary, `summary has ${key}`).toHaveProperty(key);
    for (const file of ['seed-memory-on.db', 'report.json', 'report.html']) expect(existsSync(join(out, file)), file).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { run: { fromMs: number; toMs: number; symbols: string[] }; summary: { trades: number } };
    expect(report.run, 'the report covers the asked range and symbol').toMatchObject({ fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 8, 1), symbols: ['BTCUSDT'] });
    expect(report.summary.trades, 'stdout and report agree').toBe(summary.trades);
  }, 30_000);

  it('reports a gap in a copied CSV (file, from, to, count) and skips it', async () => {
    // Lines 1000–1009 are rows 999–1008 (line 1 is the header): ten half-hours taken out.
    const removed = readFileSync(join(EXAMPLES_DIR, 'BTCUSDT-30m.csv'), 'utf8').split('\n').slice(999, 1010);
    const data = copiedData((lines) => [...lines.slice(0, 999), ...lines.slice(1009)]);
    const run = await backtest(['--data', data, ...RANGE, '--out', tempOut()]);
    expect(run.code, `exit 0 (${run.stderr.slice(-400)})`).toBe(0);
    const gapLog = run.stderr.split('\n').filter((l) => l.includes('gap in kline data skipped')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const fromMs = Number(removed[0]!.split(',')[0]);
    const toMs = Number(removed[10]!.split(',')[0]);
    expect(gapLog, 'one warning naming the file, the range and the count').toEqual([
      expect.objectContaining({ file: 'BTCUSDT-30m.csv', from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), count: 10 }),
    ]);
    expect(JSON.parse(run.stdout.trim()).gaps, 'the summary counts it').toBe(1);
  }, 30_000);

  it('a bad row names the file and the line, and exits 1', async () => {
    const data = copiedData((lines) => lines.map((l, i) => (i === 499 ? l.replace(/^(\d+),([^,]+),([^,]+),([^,]+)/, '$1,$2,$4,$3') : l)));
    const run = await backtest(['--data', data, ...RANGE, '--out', tempOut()]);
    expect(run.code, 'exit 1').toBe(1);
    expect(run.stderr, 'names file and line 500 (high and low swapped)').toMatch(/backtest failed: BTCUSDT-30m\.csv:500: high [\d.]+ below low/);
  }, 30_000);

  it('a bad flag exits 2 with one line naming it', async () => {
    const run = await backtest(['--data', 'examples/klines', '--profile', 'fancy']);
    expect(run.code, 'usage error').toBe(2);
    expect(run.stderr.trim(), 'names the flag').toMatch(/^kline-signals: backtest --profile: "fancy" is not seed, confluence or both$/);
  }, 30_000);
});

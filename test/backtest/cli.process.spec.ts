import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { botCliArgs } from '../support/botCli.js';
import { EXAMPLES_DIR, tempOut, removeTempDirs } from './support/backtestCli.js';
import type { RobustnessReport } from '../../src/research/robustness.js';

afterAll(removeTempDirs);

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `kline-signals backtest …` on the current sources (tsx): the real CLI, with the bot's default environment plus `extraEnv`. */
function backtest(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Exit> {
  const env = { PATH: process.env.PATH ?? '', ...extraEnv };
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
  // The exchange's filters come along, as a copied download folder would have them (else the run warns that none applied).
  copyFileSync(join(EXAMPLES_DIR, 'exchangeInfo.json'), join(dir, 'exchangeInfo.json'));
  const lines = readFileSync(join(EXAMPLES_DIR, 'BTCUSDT-30m.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(dir, 'BTCUSDT-30m.csv'), `${edit(lines).join('\n')}\n`);
  return dir;
}

const RANGE = ['--symbols', 'BTCUSDT', '--from', '2025-06-01', '--to', '2025-09-01'];

describe('kline-signals backtest (the real entry point)', () => {
  it('prints a metrics table side by side for --compare and the report paths, in a few dozen lines, logs quiet', async () => {
    const out = tempOut();
    const run = await backtest(['--data', 'examples/klines', ...RANGE, '--compare', '--out', out]);
    expect(run.code, `exit 0 (${run.stderr.slice(-400)})`).toBe(0);
    expect(run.stderr, 'no log line without LOG_LEVEL (warn by default), no warning for clean data').toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length, 'a few dozen lines, not one per step (with the robustness rows and their note)').toBeLessThanOrEqual(45);
    const header = lines.find((l) => l.includes('seed, memory on'));
    expect(header, 'a column per run, named in words').toMatch(/^\s+seed, memory on\s+seed, memory off$/);
    const metric = (label: string): string[] => {
      const line = lines.find((l) => l.startsWith(label));
      expect(line, `a row "${label}"`).toBeDefined();
      return line!.slice(label.length).trim().split(/\s{2,}/);
    };
    for (const label of ['Trades (closed)', 'Win rate', 'Expectancy per trade', 'Profit factor', 'Total R', 'Return', 'CAGR', 'Max drawdown',
      'Sharpe (daily, ×√365)', 'Sortino (daily, ×√365)', 'Calmar (CAGR / max DD)', 'Longest losing streak', 'Best symbol', 'Worst symbol',
      'Long: trades · win · R', 'Short: trades · win · R', 'Blocked candidates']) {
      expect(metric(label), `${label}: one value per run`).toHaveLength(2);
    }
    expect(metric('Win rate').every((v) => /^\d+\.\d %$|^—$/.test(v)), 'percent with one decimal').toBe(true);
    expect(metric('Total R').every((v) => /^[+-]?\d+\.\d\d R$/.test(v)), 'R with a sign and two decimals').toBe(true);
    expect(run.stdout, 'no float noise anywhere').not.toMatch(/\d\.\d{5,}/);
    const report = JSON.parse(readFileSync(join(out, 'seed-memory-on', 'report.json'), 'utf8')) as { summary: { trades: number }; metrics: { sharpe: number | null } };
    expect(metric('Trades (closed)')[0], 'table and report agree').toMatch(new RegExp(`^${report.summary.trades}\\b`));
    expect(metric('Sharpe (daily, ×√365)')[0], 'Sharpe as in report.json, two decimals').toBe(report.metrics.sharpe === null ? '—' : report.metrics.sharpe.toFixed(2));
    for (const file of ['seed-memory-on/report.html', 'seed-memory-on/report.json', 'seed-memory-off/report.html', 'seed-memory-off/report.json', 'comparison.html', 'comparison.json']) {
      expect(existsSync(join(out, file)), file).toBe(true);
      expect(run.stdout, `prints the path of ${file}`).toContain(join(out, file));
    }
    const prose = run.stdout.replace(/\n/g, ' ');
    expect(prose, 'the warm-up in one sentence (wrapped at 100 columns)').toMatch(/The indicators need 51 closed candles .* trading could begin on \d{4}-\d\d-\d\d/);
    expect(Math.max(...lines.filter((l) => !l.includes('/')).map((l) => [...l].length)), 'no line but a path row wider than the table').toBeLessThanOrEqual(110);
    expect(lines.some((l) => /^Buy and hold over the range \(first to last close\): BTCUSDT [+-]\d+\.\d %\.$/.test(l)), 'buy and hold for context').toBe(true);

    // report.json's robustness section, in the table and on the comparison page, worded and rounded like the other rows.
    const robust = ['seed-memory-on', 'seed-memory-off'].map((run) => (JSON.parse(readFileSync(join(out, run, 'report.json'), 'utf8')) as { robustness: RobustnessReport }).robustness);
    const pct2 = (v: number) => `${v.toFixed(2)} %`;
    const signed2 = (v: number, unit: string) => `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(2)} ${unit}`;
    expect(metric('Max drawdown, trades reshuffled (95th pct)'), '1 order in 20 went deeper than this').toEqual(robust.map((r) => pct2(r.monteCarlo!.reshuffled.maxDrawdownPct.p95)));
    expect(metric('Return, trades resampled (5th pct)'), '1 draw in 20 returned less').toEqual(robust.map((r) => signed2(r.monteCarlo!.resampled.returnPct.p5, '%')));
    const beats = metric('Continuation beats random entries');
    expect(beats, 'yes/not clearly/no and the lead over the random average, per trade').toEqual(robust.map((r) => {
      const b = r.baseline!.find((x) => x.model === 'continuation')!;
      const verdict = b.standing!.beatsPct >= 95 ? 'yes' : b.standing!.beatsPct >= 50 ? 'not clearly' : 'no';
      return `${verdict}, ${signed2(b.expectancyR - b.randomExpectancyR.mean, 'R')}`;
    }));
    expect(prose, 'what the rows mean, once').toMatch(/Reshuffled: the same trades in 1000 random orders/);
    const comparison = readFileSync(join(out, 'comparison.html'), 'utf8');
    for (const label of ['Max drawdown, trades reshuffled (95th pct)', 'Return, trades resampled (5th pct)', 'Continuation beats random entries']) {
      expect(comparison, `the comparison page shows "${label}"`).toContain(`<td>${label}</td>`);
    }
    expect(comparison, 'with the same values').toContain(`<td class="num">${beats[0]}</td><td class="num">${beats[1]}</td>`);
  }, 60_000);

  it('--json: one JSON line per run with rounded numbers; LOG_LEVEL set in the environment is honoured', async () => {
    const out = tempOut();
    const run = await backtest(['--data', 'examples/klines', ...RANGE, '--out', out, '--json'], { LOG_LEVEL: 'info' });
    expect(run.code, `exit 0 (${run.stderr.slice(-400)})`).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length, 'one run, one line').toBe(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(summary, 'the line names the run and its files').toMatchObject({ run: 'seed-memory-on', gaps: 0, report: join(out, 'report.json'), html: join(out, 'report.html') });
    for (const key of ['trades', 'winRatePct', 'expectancyR', 'profitFactor', 'cagrPct', 'sharpe', 'sortino', 'calmar', 'maxDrawdownPct', 'wallMs', 'candlesPerSec']) {
      expect(summary, `has ${key}`).toHaveProperty(key);
    }
    expect(lines[0], 'at most 3 decimals').not.toMatch(/\d\.\d{4,}/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { run: { fromMs: number; toMs: number; symbols: string[] }; summary: { trades: number } };
    expect(report.run, 'the report covers the asked range and symbol').toMatchObject({ fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 8, 1), symbols: ['BTCUSDT'] });
    expect(report.summary.trades, 'stdout and report agree').toBe(summary.trades);
    const logs = run.stderr.split('\n').filter((l) => l.startsWith('{'));
    expect(logs.some((l) => (JSON.parse(l) as { level: number }).level === 30), 'LOG_LEVEL=info asked for info logs: they come').toBe(true);
  }, 60_000);

  it('warns in words about a gap in a copied CSV (file, range, count) and skips it', async () => {
    // Lines 1000–1009 are rows 999–1008 (line 1 is the header): ten half-hours taken out.
    const removed = readFileSync(join(EXAMPLES_DIR, 'BTCUSDT-30m.csv'), 'utf8').split('\n').slice(999, 1010);
    const data = copiedData((lines) => [...lines.slice(0, 999), ...lines.slice(1009)]);
    const run = await backtest(['--data', data, ...RANGE, '--out', tempOut()]);
    expect(run.code, `exit 0 (${run.stderr.slice(-400)})`).toBe(0);
    const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    const fromMs = Number(removed[0]!.split(',')[0]);
    const toMs = Number(removed[10]!.split(',')[0]);
    expect(run.stderr.trimEnd().split('\n'), 'one line naming the file, the count and the range').toEqual([
      `warning: gap in BTCUSDT-30m.csv: 10 candles missing from ${time(fromMs)} to ${time(toMs)} UTC (skipped, not filled).`,
    ]);
  }, 60_000);

  it('regression: refuses a --from after the end of the data (exit 2, one line) and writes no report over the last one', async () => {
    const out = tempOut();
    const run = await backtest(['--data', 'examples/klines', '--symbols', 'BTCUSDT', '--from', '2030-01-01', '--out', out]);
    expect(run.code, `exit 2 (${run.stderr.slice(-400)})`).toBe(2);
    expect(run.stderr.trimEnd(), 'one line, the two dates').toMatch(/^kline-signals: backtest --from: 2030-01-01 00:00 UTC is after the end of the data, which ends on 2026-04-29 \d\d:\d\d UTC: choose an earlier --from$/);
    expect(existsSync(out) ? readdirSync(out) : [], 'no report written').toEqual([]);
    expect(run.stdout, 'no table').toBe('');
  }, 60_000);

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

import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/backtest/report/index.js';
import { EXAMPLES_DIR, readReport, runCli, tempOut, removeTempDirs } from './support/backtestCli.js';

afterAll(removeTempDirs);

const SHORT = ['--data', EXAMPLES_DIR, '--from', '2025-04-01', '--to', '2025-08-01'];

describe('backtest runs (in process)', () => {
  it('--compare --profile both: four runs in subfolders and one comparison, memory off has no memory activity', async () => {
    const out = tempOut();
    const run = await runCli([...SHORT, '--profile', 'both', '--compare', '--out', out]);
    expect(run.code, `exit 0 (${run.errors.join(' ')})`).toBe(0);
    const labels = ['seed-memory-on', 'seed-memory-off', 'confluence-memory-on', 'confluence-memory-off'];
    expect(run.summaries.map((s) => s.run), 'one stdout line per run, in order').toEqual(labels);
    for (const label of labels) {
      for (const file of [`${label}.db`, `${label}/report.json`, `${label}/report.html`]) expect(existsSync(join(out, file)), file).toBe(true);
    }
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as ComparisonReport;
    expect(comparison.runs.map((r) => [r.label, r.run.profile, r.run.memory]), 'columns').toEqual(labels.map((l) => [l, l.split('-')[0], l.endsWith('on')]));
    expect(existsSync(join(out, 'comparison.html')), 'comparison.html').toBe(true);
    expect(readReport(join(out, 'seed-memory-off', 'report.json')).memory, 'memory off: no activation').toEqual([]);
    expect(readReport(join(out, 'seed-memory-on', 'report.json')).memory.length, 'memory on: the rules acted').toBeGreaterThan(0);
  }, 50_000);

  it('settings come from the environment (RISK_PER_TRADE, MODEL_PROFILE, MEMORY_ENABLED)', async () => {
    const out = tempOut();
    const run = await runCli([...SHORT, '--symbols', 'ETHUSDT', '--out', out], { RISK_PER_TRADE: '2', MODEL_PROFILE: 'confluence', MEMORY_ENABLED: 'false' });
    expect(run.code, `exit 0 (${run.errors.join(' ')})`).toBe(0);
    const report = readReport(join(out, 'report.json'));
    expect(report.run, 'profile and memory from the env').toMatchObject({ profile: 'confluence', memory: false });
    expect(report.run.config.RISK_PER_TRADE, 'recorded').toBe(2);
    expect((report.run.config.MEMORY_RULES as { id: string; kind: string }[]).map((r) => `${r.id}:${r.kind}`), 'the rules used are recorded, ids and kinds').toEqual([
      'globalWinRate:winRateThreshold', 'globalLossStreak:lossStreakLock', 'drawdownDailyCap:drawdownCap', 'drawdownRiskCap:drawdownCap',
      'symbolLossStreak:lossStreakLock', 'symbolWinRate:winRateThreshold', 'reversalWinRate:winRateLock', 'continuationWinRate:winRateLock',
    ]);
    expect(report.trades.length, 'traded').toBeGreaterThan(0);
    expect(new Set(report.trades.map((t) => t.riskPct)), 'every trade risked 2 %').toEqual(new Set([2]));
    const bad = await runCli([...SHORT, '--out', out], { RISK_PER_TRADE: '9' });
    expect([bad.code, bad.errors.join(' ')], 'a bad env value exits 1 naming it').toEqual([1, expect.stringMatching(/RISK_PER_TRADE/)]);
  }, 30_000);

  it('--rotate: with one symbol watched, only the fixed symbol is scanned; without it, every symbol trades', async () => {
    const env = { FIXED_SYMBOLS: 'BTC', MAX_SYMBOLS_SUBSCRIBED: '1' };
    const [rotated, all] = [tempOut(), tempOut()];
    expect((await runCli([...SHORT, '--rotate', '--out', rotated], env)).code, 'rotated run').toBe(0);
    expect((await runCli([...SHORT, '--out', all], env)).code, 'plain run').toBe(0);
    const rotatedReport = readReport(join(rotated, 'report.json'));
    expect(new Set(readReport(join(all, 'report.json')).trades.map((t) => t.symbol)).size, 'without --rotate all symbols trade').toBe(3);
    expect(rotatedReport.trades.length, 'BTC traded').toBeGreaterThan(0);
    expect(new Set(rotatedReport.trades.map((t) => t.symbol)), 'only BTCUSDT in the universe').toEqual(new Set(['BTCUSDT']));
    expect(rotatedReport.run.config, 'the rotation settings are recorded').toMatchObject({ ROTATE: true, FIXED_SYMBOLS: 'BTCUSDT', MAX_SYMBOLS_SUBSCRIBED: 1 });
  }, 30_000);

  it('30m alone is enough: 4h and 1d aggregated from it give the same report as Binance\'s own files', async () => {
    const [only30m, everything] = [tempOut('ks-backtest-data-'), tempOut('ks-backtest-data-')];
    copyFileSync(join(EXAMPLES_DIR, 'SOLUSDT-30m.csv'), join(only30m, 'SOLUSDT-30m.csv'));
    for (const i of ['30m', '4h', '1d']) copyFileSync(join(EXAMPLES_DIR, `SOLUSDT-${i}.csv`), join(everything, `SOLUSDT-${i}.csv`));
    const [a, b] = [tempOut(), tempOut()];
    const range = ['--from', '2025-04-01', '--to', '2025-08-01', '--profile', 'confluence'];
    expect((await runCli(['--data', only30m, ...range, '--out', a])).code, '30m only').toBe(0);
    expect((await runCli(['--data', everything, ...range, '--out', b])).code, 'all files').toBe(0);
    const comparable = (dir: string) => {
      const { runtime: _runtime, run, ...rest } = readReport(join(dir, 'report.json'));
      return { ...rest, run: { ...run, dataDir: '' } };
    };
    const aggregated = comparable(a);
    expect(aggregated.run.symbols, 'the one symbol of the folder').toEqual(['SOLUSDT']);
    expect(aggregated.trades.length, 'windows were warm: it traded').toBeGreaterThan(0);
    expect(aggregated, 'same signals, trades and memory').toEqual(comparable(b));
  }, 30_000);
});

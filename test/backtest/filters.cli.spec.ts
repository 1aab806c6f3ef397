import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { runBacktestCli } from '../../src/backtest/cli.js';
import { boldOnTerminal } from '../../src/backtest/filtersNotice.js';
import { EXAMPLES_DIR, readReport, removeTempDirs, runCli, tempOut } from './support/backtestCli.js';

afterAll(removeTempDirs);

const RANGE = ['--from', '2025-03-01', '--to', '2025-06-01', '--profile', 'seed'];

/** A data folder with the examples' SOLUSDT and BTCUSDT candles and no exchangeInfo.json. */
function bareFolder(): string {
  const dir = tempOut('ks-backtest-data-');
  for (const s of ['BTCUSDT', 'SOLUSDT']) for (const i of ['30m', '4h', '1d']) copyFileSync(join(EXAMPLES_DIR, `${s}-${i}.csv`), join(dir, `${s}-${i}.csv`));
  return dir;
}

describe('backtest exchange filters on the command line', () => {
  it('without exchangeInfo.json: the console and the report say that no exchange filters were applied', async () => {
    const out = tempOut();
    const run = await runCli(['--data', bareFolder(), ...RANGE, '--out', out]);
    expect([run.code, run.errors], 'the run goes on').toEqual([0, []]);
    expect(run.notices, 'one console warning').toEqual([expect.stringMatching(/^warning: no exchange filters were applied \(no exchangeInfo\.json beside the data/)]);
    const report = readReport(join(out, 'report.json'));
    expect([report.exchangeFilters.applied, report.exchangeFilters.source, report.exchangeFilters.unfiltered], 'report.json').toEqual([false, null, ['BTCUSDT', 'SOLUSDT']]);
    expect(report.exchangeFilters.blockedBySize, 'nothing blocked by a minimum that was not checked').toEqual([]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html, 'the page warns in bold under the title').toMatch(/<p class="warning">No exchange filters were applied/);
    expect(run.summaries[0]?.filters, 'the stdout line').toBe('none');
  }, 60_000);

  it('--filters FILE applies them, lists what they blocked, and names a symbol the file leaves out', async () => {
    const data = bareFolder();
    const info = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'exchangeInfo.json'), 'utf8')) as { symbols: Array<{ symbol: string }> };
    const file = join(tempOut('ks-filters-'), 'btc-only.json');
    writeFileSync(file, JSON.stringify({ symbols: info.symbols.filter((s) => s.symbol === 'BTCUSDT') }));
    const out = tempOut();
    const run = await runCli(['--data', data, ...RANGE, '--filters', file, '--out', out]);
    expect([run.code, run.errors], 'the run goes on').toEqual([0, []]);
    expect(run.notices, 'SOLUSDT named').toEqual([`Exchange filters from ${file} do not describe SOLUSDT: those symbols were sized without filters.`]);
    const f = readReport(join(out, 'report.json')).exchangeFilters;
    expect([f.applied, f.source, Object.keys(f.bySymbol), f.unfiltered], 'report.json').toEqual([true, file, ['BTCUSDT'], ['SOLUSDT']]);
    expect(f.bySymbol.BTCUSDT, 'BTCUSDT filters').toEqual({ tickSize: 0.1, stepSize: 0.001, minQty: 0.001, minNotional: 100 });
    expect(f.blockedBySize.length, 'BTC candidates below 100 USDT blocked').toBeGreaterThan(0);
    expect(new Set(f.blockedBySize.map((b) => b.symbol)), 'only the filtered symbol can be blocked by a minimum').toEqual(new Set(['BTCUSDT']));
    expect(f.blockedBySize[0]?.reason, 'the reason in words').toMatch(/^(notional [\d.]+ USDT below the minimum 100\.00 USDT|quantity [\d.]+ below the minimum 0\.001 \(step 0\.001\))$/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html, 'the blocked table on the page').toContain('Blocked by size: ');
  }, 60_000);

  it('a named filters file that is missing or not exchangeInfo fails with one line naming it; --no-filters says so', async () => {
    const missing = await runCli(['--data', EXAMPLES_DIR, ...RANGE, '--filters', '/nonexistent/info.json', '--out', tempOut()]);
    expect([missing.code, missing.errors], 'missing').toEqual([1, ['backtest failed: /nonexistent/info.json: does not exist']]);
    const bad = join(tempOut('ks-filters-'), 'bad.json');
    writeFileSync(bad, '{"symbols": [{"symbol": "BTCUSDT", "filters": []}]}');
    const malformed = await runCli(['--data', EXAMPLES_DIR, ...RANGE, '--filters', bad, '--out', tempOut()]);
    expect([malformed.code, malformed.errors], 'no LOT_SIZE').toEqual([1, [`backtest failed: ${bad}: BTCUSDT: PRICE_FILTER and LOT_SIZE are required`]]);
    const off = await runCli(['--data', EXAMPLES_DIR, ...RANGE, '--no-filters', '--out', tempOut()]);
    expect([off.code, off.notices], '--no-filters').toEqual([0, [expect.stringMatching(/^warning: no exchange filters were applied \(--no-filters\)/)]]);
  }, 60_000);

  it('the comparison page warns too when its runs had no filters', async () => {
    const out = tempOut();
    const run = await runCli(['--data', bareFolder(), ...RANGE, '--compare', '--out', out]);
    expect([run.code, run.notices.length], 'one warning for the command').toEqual([0, 1]);
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as { runs: Array<{ exchangeFilters: { applied: boolean } }> };
    expect(comparison.runs.map((r) => r.exchangeFilters.applied), 'both runs').toEqual([false, false]);
    expect(readFileSync(join(out, 'comparison.html'), 'utf8'), 'once on the page').toMatch(/^(?![\s\S]*<p class="warning">[\s\S]*<p class="warning">)[\s\S]*<p class="warning">No exchange filters were applied/);
  }, 60_000);

  it('the console table says whether exchange filters sized the trades', async () => {
    const lines: string[] = [];
    const code = await runBacktestCli(['--data', bareFolder(), ...RANGE, '--out', tempOut()], {
      env: { LOG_LEVEL: 'silent' }, logger: pino({ level: 'silent' }), writeLine: (l) => lines.push(l), writeError: () => {}, writeNotice: () => {},
      progress: { isTTY: false, write: () => true },
    });
    expect(code, 'the run').toBe(0);
    expect(lines.join(' '), 'the table\'s context names it').toMatch(/No exchange filters were applied \(the data folder has no exchangeInfo\.json/);
  }, 60_000);

  it('the console warning is bold on a terminal only', () => {
    expect(boldOnTerminal('x', true), 'terminal').toBe('\u001b[1mx\u001b[0m');
    expect(boldOnTerminal('x', false), 'piped').toBe('x');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_INFO_FILE, loadBacktestFilters } from '../../src/backtest/exchangeFilters.js';
import { runDownloadCli } from '../../src/download/cli.js';
import { parseSymbolFilters } from '../../src/core/risk/symbolFilters.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { capture, DATA_DIR, tempDir } from './helpers.js';

let sim: Simulator;
const removers: Array<() => Promise<void>> = [];
beforeAll(async () => {
  sim = await startSimulator({ data: DATA_DIR, speed: 3600 });
});
afterAll(async () => {
  await Promise.all(removers.map((r) => r()));
  await sim.close();
});

async function download(out: string, symbols: string): Promise<number> {
  const io = capture();
  return runDownloadCli(['--symbols', symbols, '--from', '2025-01-01', '--to', '2025-01-03', '--intervals', '1d', '--out', out], {
    env: { BINANCE_REST_URL: sim.restUrl }, logger: pino({ level: 'silent' }), ...io,
  });
}

/** The filters the simulated exchange serves for `symbol`, read as the live bot reads them. */
async function servedFilters(symbol: string) {
  const body = (await (await fetch(`${sim.restUrl}/fapi/v1/exchangeInfo`)).json()) as { symbols: Array<{ symbol: string }> };
  return parseSymbolFilters(body.symbols.find((s) => s.symbol === symbol));
}

describe('download writes exchangeInfo.json beside the CSVs', () => {
  it('with the exchange filters of the downloaded symbols, and keeps those of an earlier download', async () => {
    const { dir, remove } = await tempDir();
    removers.push(remove);
    expect(await download(dir, 'BTCUSDT'), 'first download').toBe(0);
    const first = loadBacktestFilters({ dataDir: dir, file: undefined, disabled: false, symbols: ['BTCUSDT'] });
    expect(first.source, 'the backtest finds it').toBe(join(dir, EXCHANGE_INFO_FILE));
    expect(first.lookup('BTCUSDT'), 'BTCUSDT filters as the exchange serves them').toEqual(await servedFilters('BTCUSDT'));
    expect(await download(dir, 'ETHUSDT'), 'second download into the same folder').toBe(0);
    const body = JSON.parse(readFileSync(join(dir, EXCHANGE_INFO_FILE), 'utf8')) as { symbols: Array<{ symbol: string }> };
    expect(body.symbols.map((s) => s.symbol), 'only the downloaded symbols, both kept, sorted').toEqual(['BTCUSDT', 'ETHUSDT']);
    const both = loadBacktestFilters({ dataDir: dir, file: undefined, disabled: false, symbols: ['BTCUSDT', 'ETHUSDT'] });
    expect([both.lookup('ETHUSDT'), both.unfiltered], 'ETHUSDT described too').toEqual([await servedFilters('ETHUSDT'), []]);
  }, 60_000);
});

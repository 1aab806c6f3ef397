import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INTERVAL_MS, INTERVALS } from '../../src/domain/index.js';
import { runDownloadCli, type DownloadSummary } from '../../src/download/cli.js';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { capture, DATA_DIR, recordingLogger, tempDir } from './helpers.js';

const WEIGHT_LIMIT = 20;
const WINDOW_MS = 1000;
// 10 minutes into a 30m candle at speed 1: no candle closes while these tests run.
const START_MS = Date.UTC(2025, 4, 1, 0, 10);

let sim: Simulator;
const removers: Array<() => Promise<void>> = [];
beforeAll(async () => {
  sim = await startSimulator({ data: DATA_DIR, speed: 1, startTimeMs: START_MS, weightLimit: WEIGHT_LIMIT, weightWindowMs: WINDOW_MS });
});
afterAll(async () => sim.close());
afterEach(async () => { await Promise.all(removers.splice(0).map((remove) => remove())); });

async function run(argv: string[]): Promise<{ code: number; summary: DownloadSummary | undefined; out: string; err: string[] }> {
  const { dir, remove } = await tempDir();
  removers.push(remove);
  const io = capture();
  const code = await runDownloadCli([...argv, '--out', dir], {
    env: { BINANCE_REST_URL: sim.restUrl }, logger: recordingLogger().logger, ...io,
    restOverrides: { weightWindowMs: WINDOW_MS },
  });
  return { code, summary: io.out[0] === undefined ? undefined : (JSON.parse(io.out[0]) as DownloadSummary), out: dir, err: io.err };
}

describe('download pacing and the open end', () => {
  it('stays under the exchange\'s weight limit when the download needs several windows', async () => {
    const before = sim.stats().rest;
    const result = await run(['--symbols', 'BTCUSDT,ETHUSDT,SOLUSDT', '--from', '2025-01-01', '--to', '2025-04-01', '--concurrency', '1']);
    expect(result.code, `exit 0 (${result.err.join(' ')})`).toBe(0);
    expect(result.summary?.weightUsed, 'the job is bigger than one window: pacing was needed').toBeGreaterThan(WEIGHT_LIMIT);
    expect(sim.stats().rest.status429 - before.status429, 'no 429: the client waited for the next window instead').toBe(0);
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']) {
      for (const interval of INTERVALS) {
        const rows = tableKlines(readKlineCsvFile(join(result.out, `${symbol}-${interval}.csv`)));
        expect(rows, `${symbol} ${interval} complete`).toEqual(sim.closedKlines(symbol, interval, Date.UTC(2025, 0, 1), Date.UTC(2025, 3, 1) - 1));
      }
    }
  });

  it('without --to, downloads up to the last candle closed at server time and never the forming one', async () => {
    const result = await run(['--symbols', 'ETHUSDT', '--from', '2025-04-20', '--intervals', '30m,1d']);
    expect(result.code, `exit 0 (${result.err.join(' ')})`).toBe(0);
    for (const interval of ['30m', '1d'] as const) {
      const rows = tableKlines(readKlineCsvFile(join(result.out, `ETHUSDT-${interval}.csv`)));
      const closed = sim.closedKlines('ETHUSDT', interval, Date.UTC(2025, 3, 20), Number.MAX_SAFE_INTEGER);
      expect(rows, `${interval}: every closed candle`).toEqual(closed);
      expect(rows.at(-1)?.openTimeMs, `${interval}: the last row is the one before the forming candle`)
        .toBe(Math.floor(sim.clock.nowMs() / INTERVAL_MS[interval]) * INTERVAL_MS[interval] - INTERVAL_MS[interval]);
    }
  });
});

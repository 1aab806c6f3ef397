import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INTERVALS, type Interval } from '../../src/domain/index.js';
import { runDownloadCli, type DownloadSummary } from '../../src/download/cli.js';
import { klineCsvRow } from '../../src/download/klineCsvRow.js';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { capture, DATA_DIR, recordingLogger, tempDir } from './helpers.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const FROM = '2025-01-01';
const TO = '2025-04-01';
const FROM_MS = Date.UTC(2025, 0, 1);
const TO_MS = Date.UTC(2025, 3, 1);

let sim: Simulator;
let dirs: Array<() => Promise<void>> = [];
beforeAll(async () => {
  sim = await startSimulator({ data: DATA_DIR, speed: 3600 }); // starts at 2025-05-01, after the whole range
});
afterAll(async () => sim.close());
beforeEach(() => { dirs = []; });
afterEach(async () => { await Promise.all(dirs.map((remove) => remove())); });

async function outDir(): Promise<string> {
  const { dir, remove } = await tempDir();
  dirs.push(remove);
  return dir;
}

async function download(out: string, extra: string[]): Promise<{ code: number; summary?: DownloadSummary; err: string[]; logs: Array<Record<string, unknown>> }> {
  const io = capture();
  const { logger, lines } = recordingLogger();
  const code = await runDownloadCli(['--symbols', SYMBOLS.join(','), '--from', FROM, '--out', out, ...extra], { env: { BINANCE_REST_URL: sim.restUrl }, logger, ...io });
  const summary = io.out.length === 1 ? (JSON.parse(io.out[0] as string) as DownloadSummary) : undefined;
  return { code, summary, err: io.err, logs: lines };
}

const truth = (symbol: string, interval: Interval, toMs = TO_MS) => sim.closedKlines(symbol, interval, FROM_MS, toMs - 1);
const fileOf = (out: string, symbol: string, interval: Interval) => join(out, `${symbol}-${interval}.csv`);

describe('download against the simulated exchange', () => {
  it('2 symbols × 3 intervals equal the exchange\'s closed candles row for row, in 499-row pages', async () => {
    const out = await outDir();
    const before = sim.stats().rest;
    const run = await download(out, ['--to', TO]);
    expect(run.code, `exit 0 (${run.err.join(' ')})`).toBe(0);
    let rows = 0;
    let expectedPages = 0;
    for (const symbol of SYMBOLS) {
      for (const interval of INTERVALS) {
        const expected = truth(symbol, interval);
        expect(expected.length, 'the range holds candles').toBeGreaterThan(80);
        expect(tableKlines(readKlineCsvFile(fileOf(out, symbol, interval))), `${symbol} ${interval}`).toEqual(expected);
        rows += expected.length;
        expectedPages += Math.ceil(expected.length / 499);
      }
    }
    const after = sim.stats().rest;
    expect(run.summary, 'summary counts files and rows').toMatchObject({ files: 6, rows, gaps: 0 });
    expect(run.summary?.requests, 'summary requests = what reached the exchange').toBe(after.requests - before.requests);
    expect((after.byPath['/fapi/v1/klines'] ?? 0) - (before.byPath['/fapi/v1/klines'] ?? 0), 'one request per 499 rows, none wasted').toBe(expectedPages);
    expect(after.status429 - before.status429, 'never rate-limited').toBe(0);
    expect(run.logs.filter((l) => l.msg === 'series written').length, 'one progress line per series at info, not one per request').toBe(6);
  });

  it('a run cut short then resumed equals one full run, with no duplicate row and no page fetched twice', async () => {
    const [partial, full] = [await outDir(), await outDir()];
    const cut = '2025-02-10T07:30:00Z'; // mid-page for 30m, between 4h and 1d candles
    const first = await download(partial, ['--to', cut]);
    expect(first.code, 'first part').toBe(0);
    expect(tableKlines(readKlineCsvFile(fileOf(partial, 'BTCUSDT', '30m'))), 'first part ends at the cut').toEqual(truth('BTCUSDT', '30m', Date.parse(cut)));
    const second = await download(partial, ['--to', TO]);
    const single = await download(full, ['--to', TO]);
    expect([second.code, single.code], 'both runs succeed').toEqual([0, 0]);
    expect((first.summary?.rows ?? 0) + (second.summary?.rows ?? 0), 'the second run fetched only what was missing').toBe(single.summary?.rows);
    for (const symbol of SYMBOLS) {
      for (const interval of INTERVALS) {
        const resumed = await readFile(fileOf(partial, symbol, interval), 'utf8');
        expect(resumed, `${symbol} ${interval}: byte for byte the single run`).toBe(await readFile(fileOf(full, symbol, interval), 'utf8'));
        expect(tableKlines(readKlineCsvFile(fileOf(partial, symbol, interval))), `${symbol} ${interval}: the truth`).toEqual(truth(symbol, interval));
      }
    }
    expect(second.logs.filter((l) => l.msg === 'resuming after the last row').length, 'every file resumed').toBe(6);
  });

  it('a file left with a half-written row (killed mid-write) is repaired and completed', async () => {
    const out = await outDir();
    expect((await download(out, ['--to', '2025-02-01', '--intervals', '30m'])).code, 'first part').toBe(0);
    const next = truth('BTCUSDT', '30m').find((k) => k.openTimeMs === Date.UTC(2025, 1, 1));
    await appendFile(fileOf(out, 'BTCUSDT', '30m'), klineCsvRow(next!).slice(0, 25));
    const resumed = await download(out, ['--to', TO, '--intervals', '30m']);
    expect(resumed.code, 'resumed').toBe(0);
    expect(resumed.logs.some((l) => l.msg === 'partial last line cut off' && l.droppedBytes === 25), 'the cut is logged').toBe(true);
    expect(tableKlines(readKlineCsvFile(fileOf(out, 'BTCUSDT', '30m'))), 'valid and complete').toEqual(truth('BTCUSDT', '30m'));
  });

  it('an invalid symbol ends with exit 1 and a line naming it and Binance\'s reason, leaving no file', async () => {
    const out = await outDir();
    const io = capture();
    const code = await runDownloadCli(['--symbols', 'NOPEUSDT', '--from', FROM, '--to', TO, '--intervals', '1d', '--out', out], {
      env: { BINANCE_REST_URL: sim.restUrl }, logger: recordingLogger().logger, ...io,
    });
    expect(code, 'failure exit code').toBe(1);
    expect(io.err.join('\n'), 'names the symbol and the cause').toMatch(/NOPEUSDT 1d: .*-1121.*Invalid symbol/);
    expect(io.out, 'no summary on failure').toEqual([]);
    expect(existsSync(fileOf(out, 'NOPEUSDT', '1d')), 'no empty file left behind').toBe(false);
  });

  it.each([
    [['--symbols', 'BTCUSDT', '--from', FROM, '--intervals', '15m'], '--intervals'],
    [['--symbols', 'BTCUSDT', '--from', 'soon'], '--from'],
    [['--symbols', 'BTCUSDT', '--from', FROM, '--bogus', '1'], '--bogus'],
    [['--from', FROM], '--symbols'],
  ])('bad flags %j exit 2 naming %s, before any request', async (argv, flag) => {
    const io = capture();
    const before = sim.stats().rest.requests;
    const code = await runDownloadCli(argv, { env: { BINANCE_REST_URL: sim.restUrl }, logger: recordingLogger().logger, ...io });
    expect(code, 'usage exit code').toBe(2);
    expect(io.err.length, 'one line').toBe(1);
    expect(io.err[0], 'names the flag').toContain(flag);
    expect(sim.stats().rest.requests, 'nothing sent').toBe(before);
  });
});

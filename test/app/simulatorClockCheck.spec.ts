import { Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { warnWhenAheadOfSimulator } from '../../src/app/simulatorClockCheck.js';
import type { Kline } from '../../src/domain/kline.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { exampleData } from '../sim/helpers.js';

const START = Date.UTC(2025, 5, 1);
const HALF_HOUR = 1_800_000;
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A database holding one BTCUSDT 30m candle that closes at `endMs`. */
function databaseUpTo(endMs: number) {
  const repos = createRepos(openDatabase(join(mkdtempSync(join(tmpdir(), 'ks-ahead-')), 'sim.db')));
  const k: Kline = { symbol: 'BTCUSDT', interval: '30m', openTimeMs: endMs - HALF_HOUR, closeTimeMs: endMs - 1, open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 1, trades: 1, closed: true };
  repos.candles.upsert([k]);
  return repos.db;
}

/** The warnings the check logs against a simulator held at START. */
async function warningsFor(db: ReturnType<typeof databaseUpTo>): Promise<Record<string, unknown>[]> {
  sim = await startSimulator({ data: exampleData(), startTimeMs: START, holdClock: true });
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
  const serverTimeMs = async () => ((await (await fetch(`${sim!.restUrl}/fapi/v1/time`)).json()) as { serverTime: number }).serverTime;
  await warnWhenAheadOfSimulator({ db, dbPath: './data/sim.db', serverTimeMs, logger: pino({ level: 'info' }, sink) });
  db.close();
  return lines;
}

describe('regression: a database ahead of a fresh simulator is told, not a silent bot (review: silent for minutes)', () => {
  it('warns once, with both times and the way out, when the stored candles are later than the simulator clock', async () => {
    const lines = await warningsFor(databaseUpTo(START + 10 * 24 * 3_600_000));
    expect(lines.map((l) => [l.level, l.storedUpTo, l.simulatorAt, l.setting])).toEqual([[40, '2025-06-11 00:00 UTC', '2025-06-01 00:00 UTC', 'DB_PATH']]);
    expect(String(lines[0]!.msg)).toMatch(/ahead of the simulator clock.*delete the database file to start afresh/);
  });

  it('says nothing when the simulator is past the stored candles', async () => {
    expect(await warningsFor(databaseUpTo(START - HALF_HOUR))).toEqual([]);
  });
});

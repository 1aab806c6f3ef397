import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Interval, Kline, KlineQuery, KlineRestSource } from '../../src/domain/index.js';
import { downloadSeries } from '../../src/download/downloadSeries.js';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { DATA_DIR, recordingLogger, tempDir } from './helpers.js';

const truth: Kline[] = tableKlines(readKlineCsvFile(join(DATA_DIR, 'SOLUSDT-4h.csv'))).slice(0, 40);
/** The exchange's history with an outage: rows 10–14 never existed. */
const history = [...truth.slice(0, 10), ...truth.slice(15)];

/** A REST source answering from `history`, like Binance: candles with open time in the query's range. */
function fakeRest(): KlineRestSource {
  return {
    serverTimeMs: async () => truth[truth.length - 1]!.closeTimeMs + 1,
    klines: async (_symbol: string, _interval: Interval, q: KlineQuery) =>
      history.filter((k) => k.openTimeMs >= (q.startTimeMs ?? 0) && k.openTimeMs <= (q.endTimeMs ?? Infinity)).slice(0, q.limit ?? 500),
  };
}

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(async () => remove());

describe('downloadSeries over a hole in the exchange history', () => {
  it('writes only real rows, logs the gap as a warning and counts it', async () => {
    const { logger, lines } = recordingLogger();
    const result = await downloadSeries(fakeRest(), { symbol: 'SOLUSDT', interval: '4h', fromMs: truth[0]!.openTimeMs, toMs: undefined, outDir: dir }, logger);
    expect(result, 'every real row written, one gap').toMatchObject({ rows: history.length, gaps: 1 });
    const opens = (await readFile(result.file, 'utf8')).trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect(opens, 'the file holds exactly the exchange\'s rows, the hole stays a hole').toEqual(history.map((k) => k.openTimeMs));
    const warning = lines.find((l) => l.msg === 'gap in exchange history left as a gap');
    expect(warning, 'the gap is logged with its range and size').toMatchObject({
      level: 40, count: 5, from: new Date(truth[10]!.openTimeMs).toISOString(), to: new Date(truth[15]!.openTimeMs).toISOString(),
    });
  });
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBacktestData } from '../../src/backtest/loadData.js';
import { replayOrder } from '../../src/backtest/replayOrder.js';
import { DEFAULT_BACKTEST_SETTINGS, PROGRESS_EVERY, runBacktest } from '../../src/backtest/runner.js';
import { klineEndMs } from '../../src/domain/kline.js';
import { EXAMPLES_DIR, removeTempDirs, tempOut } from './support/backtestCli.js';

afterAll(removeTempDirs);

const TO_MS = Date.UTC(2025, 5, 1);

function tradesOf(dbPath: string): unknown[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT symbol, side, entry, exit_time, r_multiple, equity_after FROM trades ORDER BY id').all();
  } finally {
    db.close();
  }
}

describe('the progress hook of the backtest runner', () => {
  it('only watches: the same trades with and without it, told of every candle up to the total', () => {
    const data = loadBacktestData(EXAMPLES_DIR, ['BTCUSDT', 'ETHUSDT']);
    const candles = replayOrder(data.symbols.flatMap((s) => [s.series['1d'], s.series['4h'], s.series['30m']].map((series) => series.filter((k) => klineEndMs(k) <= TO_MS))));
    const out = tempOut();
    const logger = pino({ level: 'silent' });
    const calls: Array<[number, number]> = [];
    runBacktest({ candles, dbPath: join(out, 'plain.db'), settings: DEFAULT_BACKTEST_SETTINGS, logger });
    runBacktest({ candles, dbPath: join(out, 'watched.db'), settings: DEFAULT_BACKTEST_SETTINGS, logger, onProgress: (done, total) => calls.push([done, total]) });
    const plain = tradesOf(join(out, 'plain.db'));
    expect(plain.length, 'the range trades, so equality means something').toBeGreaterThan(3);
    expect(tradesOf(join(out, 'watched.db')), 'identical trades').toEqual(plain);
    expect(calls.length, `a report every ${PROGRESS_EVERY} candles and one at the end`).toBe(Math.ceil(candles.length / PROGRESS_EVERY) + 1);
    expect(calls.at(-1), 'the last report: all of them').toEqual([candles.length, candles.length]);
    expect(calls.every(([done], i) => i === 0 || done > calls[i - 1]![0]), 'always forward').toBe(true);
  });
});

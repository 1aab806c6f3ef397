import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import type { DataError } from '../../src/domain/errors.js';
import type { Kline } from '../../src/domain/kline.js';
import { parseKline, parseKlineFrame } from '../../src/operators/parseKline.js';

const CSV = fileURLToPath(new URL('../../examples/klines/BTCUSDT-30m.csv', import.meta.url));
/** First rows of the real BTCUSDT 30m file, as the column strings Binance sends. */
const rows = readFileSync(CSV, 'utf8').split('\n').slice(1, 4).map((line) => line.split(','));

function frameOf(row: string[], overrides: Record<string, unknown> = {}, stream = 'btcusdt@kline_30m'): string {
  const [t, o, h, l, c, v, T, q, n] = row;
  const k = { t: Number(t), T: Number(T), s: 'BTCUSDT', i: '30m', f: 1, L: 2, o, c, h, l, v, n: Number(n), x: true, q, V: '0', Q: '0', B: '0', ...overrides };
  return JSON.stringify({ stream, data: { e: 'kline', E: Number(T) + 1, s: 'BTCUSDT', k } });
}

function expectedOf(row: string[]): Kline {
  const [t, o, h, l, c, v, T, q, n] = row.map(Number);
  return { symbol: 'BTCUSDT', interval: '30m', openTimeMs: t!, closeTimeMs: T!, open: o!, high: h!, low: l!, close: c!, volume: v!, quoteVolume: q!, trades: n!, closed: true };
}

function newScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual, 'marble output').toEqual(expected));
}

describe('parseKline', () => {
  it('turns combined frames of real candles into closed Klines (strings → numbers) and drops forming ones', () => {
    const rx = newScheduler();
    const bad: string[] = [];
    let forming = 0;
    rx.run(({ cold, expectObservable }) => {
      const src = cold('a-b-c|', { a: frameOf(rows[0]!), b: frameOf(rows[1]!), c: frameOf(rows[2]!, { x: false }) });
      expectObservable(src.pipe(parseKline({ onBadFrame: (kind) => bad.push(kind), onForming: () => (forming += 1) })))
        .toBe('a-b--|', { a: expectedOf(rows[0]!), b: expectedOf(rows[1]!) });
    });
    expect(bad, 'good frames are not reported').toEqual([]);
    expect(forming, 'the forming update is counted, not emitted').toBe(1);
  });

  it('skips control and error replies silently', () => {
    const rx = newScheduler();
    const bad: string[] = [];
    rx.run(({ cold, expectObservable }) => {
      const src = cold('a-b-c-d|', {
        a: '{"result":null,"id":1}',
        b: '{"error":{"code":3,"msg":"Invalid JSON"},"id":2}',
        c: '{"code":2,"msg":"Invalid request: request ID must be an unsigned integer"}',
        d: frameOf(rows[0]!),
      });
      expectObservable(src.pipe(parseKline({ onBadFrame: (kind) => bad.push(kind) }))).toBe('------d|', { d: expectedOf(rows[0]!) });
    });
    expect(bad, 'a control reply is not a bad frame').toEqual([]);
  });

  it('drops each kind of bad frame with a stable kind and keeps the stream going', () => {
    const rx = newScheduler();
    const reported: Array<[string, DataError]> = [];
    const row = rows[0]!;
    const cases: Record<string, string | Uint8Array> = {
      j: '{"stream":"btcusdt@kline_30m","data":',
      s: JSON.stringify({ stream: 'btcusdt@kline_30m', data: { e: 'kline', k: { s: 'BTCUSDT' } } }),
      t: frameOf(row, { t: 'soon' }),
      n: frameOf(row, { o: 'NaN' }),
      m: frameOf(row, { c: '-1' }),
      e: frameOf(row, { h: '' }),
      i: frameOf(row, { i: '1m' }, 'btcusdt@kline_1m'),
      x: frameOf(row, {}, 'ethusdt@kline_30m'),
      b: new Uint8Array([123, 125]),
      g: frameOf(row),
    };
    rx.run(({ cold, expectObservable }) => {
      const src = cold('jstnmeixbg|', cases);
      expectObservable(src.pipe(parseKline({ onBadFrame: (kind, err) => reported.push([kind, err]) })))
        .toBe('---------g|', { g: expectedOf(row) });
    });
    expect(reported.map(([kind]) => kind), 'one stable kind per bad frame, in order')
      .toEqual(['json', 'shape', 'shape', 'number', 'number', 'number', 'interval', 'stream_mismatch', 'binary']);
    expect(reported.every(([kind, err]) => err.code === 'DATA' && err.kind === kind), 'each is a DataError of that kind').toBe(true);
  });

  it('passes an upstream error through and stops', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable }) => {
      const boom = new Error('socket layer failed');
      expectObservable(cold('a#', { a: frameOf(rows[0]!) }, boom).pipe(parseKline({ onBadFrame: () => undefined })))
        .toBe('a#', { a: expectedOf(rows[0]!) }, boom);
    });
  });

  it('releases the source on early unsubscribe', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const src = hot('a-b-a', { a: frameOf(rows[0]!), b: frameOf(rows[1]!) });
      expectObservable(src.pipe(parseKline({ onBadFrame: () => undefined })), '^--!').toBe('a-b', { a: expectedOf(rows[0]!), b: expectedOf(rows[1]!) });
      expectSubscriptions(src.subscriptions).toBe('^--!');
    });
  });

  it('parses every row of the real file identically to the CSV columns', () => {
    const all = readFileSync(CSV, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    let mismatches = 0;
    for (const row of all) {
      const parsed = parseKlineFrame(frameOf(row));
      if (JSON.stringify(parsed) !== JSON.stringify(expectedOf(row))) mismatches += 1;
    }
    expect(all.length, 'the example file has many rows').toBeGreaterThan(1000);
    expect(mismatches, 'no row parses differently from its CSV numbers').toBe(0);
  });
});

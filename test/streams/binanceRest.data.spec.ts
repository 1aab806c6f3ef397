import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createBinanceRest, type BinanceRest } from '../../src/streams/binanceRest.js';
import { exchangeInfoBody, startScriptedServer, waitFor, type Reply, type ScriptedServer } from './rest/scriptedServer.js';

const silent = pino({ level: 'silent' });
const csvPath = fileURLToPath(new URL('../../examples/klines/ETHUSDT-4h.csv', import.meta.url));
const csvRows = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1, 6).map((line) => line.split(','));

let server: ScriptedServer | undefined;
let rest: BinanceRest | undefined;
afterEach(async () => {
  await rest?.close();
  await server?.close();
  rest = undefined;
  server = undefined;
});

describe('createBinanceRest data', () => {
  it('maps Binance kline rows to Kline, judging the forming candle by nowMs', async () => {
    // Binance sends times and the trade count as numbers, prices and volumes as strings.
    const wire = csvRows.map((c) => [Number(c[0]), c[1], c[2], c[3], c[4], c[5], Number(c[6]), c[7], Number(c[8]), c[9], c[10], c[11]]);
    server = await startScriptedServer(() => ({ body: wire }));
    rest = createBinanceRest({ baseUrl: server.url, logger: silent });
    const nowMs = Number(csvRows[3]![6]); // row 3 closes exactly now: still forming
    const klines = await rest.klines('ETHUSDT', '4h', { startTimeMs: Number(csvRows[0]![0]), endTimeMs: nowMs, limit: 5, nowMs });
    const query = server.requests[0]!.query;
    expect([query.get('symbol'), query.get('interval'), query.get('limit')], 'query forwarded').toEqual(['ETHUSDT', '4h', '5']);
    expect(Number(query.get('startTime')), 'startTime forwarded').toBe(Number(csvRows[0]![0]));
    expect(klines.length, 'one Kline per row').toBe(csvRows.length);
    klines.forEach((k, i) => {
      const c = csvRows[i]!;
      expect(k, `row ${i}`).toEqual({
        symbol: 'ETHUSDT', interval: '4h', openTimeMs: Number(c[0]), closeTimeMs: Number(c[6]),
        open: Number(c[1]), high: Number(c[2]), low: Number(c[3]), close: Number(c[4]), volume: Number(c[5]),
        quoteVolume: Number(c[7]), trades: Number(c[8]), closed: Number(c[6]) < nowMs,
      });
    });
    expect(klines.map((k) => k.closed), 'rows closing at or after nowMs are forming').toEqual([true, true, true, false, false]);
  });

  it('rejects a malformed kline row with a DataError', async () => {
    server = await startScriptedServer(() => ({ body: [[1, 'x', '1', '1', '1', '1', 2, '1', 3, '0', '0', '0']] }));
    rest = createBinanceRest({ baseUrl: server.url, logger: silent });
    await expect(rest.klines('BTCUSDT', '1d', { nowMs: 0 }), 'price not a number').rejects.toMatchObject({ code: 'DATA', kind: 'number' });
  });

  it('caches exchangeInfo for an hour and shares one in-flight request', async () => {
    let clock = 5_000_000;
    const symbols = [{ symbol: 'BTCUSDT', contractType: 'PERPETUAL', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT' }];
    server = await startScriptedServer(() => ({ body: exchangeInfoBody(1200, symbols), delayMs: 50 }));
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, nowMs: () => clock });
    const [a, b] = await Promise.all([rest.exchangeInfo(), rest.exchangeInfo()]);
    expect(server.requests.length, 'two concurrent callers, one request').toBe(1);
    expect(a, 'both callers get the same answer').toBe(b);
    expect(a.symbols.map((s) => s.symbol), 'symbols parsed').toEqual(['BTCUSDT']);
    expect(rest.stats().weightLimit, 'rateLimits sized the budget').toBe(1200);
    clock += 3_600_000 - 1;
    await rest.exchangeInfo();
    expect(server.requests.length, 'fresh within the hour').toBe(1);
    clock += 1;
    await rest.exchangeInfo();
    expect(server.requests.length, 'reloaded after the hour').toBe(2);
  });

  it('caches ticker/24hr for a minute and does not cache a failure', async () => {
    let clock = 9_000_000;
    const replies: Reply[] = [
      { status: 400, body: { code: -1100, msg: 'Illegal characters' } },
      { body: [{ symbol: 'ETHUSDT', lastPrice: '3000.5', priceChangePercent: '-1.2', quoteVolume: '123456.7' }] },
      { body: [{ symbol: 'ETHUSDT', lastPrice: '3001', priceChangePercent: '0', quoteVolume: '999' }] },
    ];
    server = await startScriptedServer((_r, i) => replies[i] ?? { status: 500 });
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, nowMs: () => clock, retry: { retries: 0 } });
    await expect(rest.ticker24h(), 'failure surfaces').rejects.toMatchObject({ binanceCode: -1100 });
    const first = await rest.ticker24h();
    expect(first, 'numbers parsed').toEqual([{ symbol: 'ETHUSDT', lastPrice: 3000.5, priceChangePercent: -1.2, quoteVolume: 123456.7 }]);
    clock += 59_999;
    expect(await rest.ticker24h(), 'fresh within the minute').toBe(first);
    clock += 1;
    const second = await rest.ticker24h();
    expect(second[0]?.quoteVolume, 'reloaded after a minute').toBe(999);
    await waitFor(() => server!.requests.length === 3);
    expect(rest.stats().weightSentTotal, 'each all-market ticker request costs 40').toBe(120);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/index.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { exampleData, getJson } from './helpers.js';

let sim: Simulator; // the weight window is pinned (realNowMs) so weight differences cannot straddle a minute
const START = Date.UTC(2025, 6, 1, 10, 15);

beforeAll(async () => {
  sim = await startSimulator({ data: exampleData(), startTimeMs: START, speed: 1, symbols: 10, realNowMs: () => 1_000 });
});
afterAll(async () => sim.close());

type Row = [number, string, string, string, string, string, number, string, number, string, string, string];
const TYPES = ['number', 'string', 'string', 'string', 'string', 'string', 'number', 'string', 'number', 'string', 'string', 'string'];

describe('simulated REST: shapes, types, headers', () => {
  it('ping, time and the weight header on every reply', async () => {
    const ping = await getJson(`${sim.restUrl}/fapi/v1/ping`);
    expect([ping.status, ping.body], 'ping').toEqual([200, {}]);
    expect(ping.headers.get('x-mbx-used-weight-1m'), 'weight header present').toMatch(/^\d+$/);
    const time = await getJson(`${sim.restUrl}/fapi/v1/time`);
    const serverTime = (time.body as { serverTime: number }).serverTime;
    expect(typeof serverTime, 'number').toBe('number');
    expect(Math.abs(serverTime - sim.clock.nowMs()), 'the virtual clock, not the wall clock').toBeLessThan(60_000);
    expect(Number(time.headers.get('x-mbx-used-weight-1m')), 'weight grows by 1').toBe(Number(ping.headers.get('x-mbx-used-weight-1m')) + 1);
  });

  it('exchangeInfo has rate limits, filters and the rows a client must filter out', async () => {
    const { body } = await getJson(`${sim.restUrl}/fapi/v1/exchangeInfo`);
    const info = body as { rateLimits: unknown[]; symbols: Array<Record<string, unknown> & { filters: Array<Record<string, unknown>> }> };
    expect(info.rateLimits[0], 'REQUEST_WEIGHT 2400/MINUTE').toEqual({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 });
    const btc = info.symbols.find((s) => s.symbol === 'BTCUSDT')!;
    expect(btc, 'listing fields').toMatchObject({ status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT', baseAsset: 'BTC', pricePrecision: 1 });
    const filter = (type: string) => btc.filters.find((f) => f.filterType === type);
    expect(filter('PRICE_FILTER')?.tickSize, 'tick from the data decimals').toBe('0.1');
    expect(filter('LOT_SIZE'), 'step and min qty').toMatchObject({ stepSize: '0.001', minQty: '0.001' });
    expect(typeof filter('MIN_NOTIONAL')?.notional, 'notional as string').toBe('string');
    const usable = info.symbols.filter((s) => s.contractType === 'PERPETUAL' && s.quoteAsset === 'USDT' && s.status === 'TRADING');
    expect(usable.length, 'symbols: 10 tradable USDT perpetuals').toBe(10);
    expect(info.symbols.find((s) => s.symbol === 'BTCUSDT_260925'), 'quarterly row').toMatchObject({ contractType: 'CURRENT_QUARTER', pair: 'BTCUSDT' });
    expect(info.symbols.some((s) => s.quoteAsset === 'USDC'), 'a USDC row').toBe(true);
    expect(info.symbols.some((s) => s.status !== 'TRADING'), 'a non-trading row').toBe(true);
  });

  it('klines: 12-element rows with exact types, forming row last, closed rows equal to the truth', async () => {
    const res = await getJson(`${sim.restUrl}/fapi/v1/klines?symbol=BTCUSDT&interval=30m&limit=5`);
    expect(res.headers.get('x-mbx-used-weight-1m'), 'header').not.toBeNull();
    const rows = res.body as Row[];
    expect(rows.length, 'limit 5').toBe(5);
    for (const r of rows) expect(r.map((v) => typeof v), 'types per column (B1)').toEqual(TYPES);
    const last = rows[4]!;
    const now = sim.clock.nowMs();
    expect(last[0] <= now && now <= last[6], 'last row is the candle containing now').toBe(true);
    const truth = sim.closedKlines('BTCUSDT', '30m', rows[0]![0], rows[3]![0]);
    expect(rows.slice(0, 4).map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4]), Number(r[5]), r[6]]), 'closed rows = truth')
      .toEqual(truth.map((k) => [k.openTimeMs, k.open, k.high, k.low, k.close, k.volume, k.closeTimeMs]));
    expect(rows[3]![6] - rows[3]![0], 'close time = open + interval − 1').toBe(INTERVAL_MS['30m'] - 1);
  });

  it('klines: startTime/endTime select by open time, limit caps', async () => {
    const start = Date.UTC(2025, 2, 1);
    const { body } = await getJson(`${sim.restUrl}/fapi/v1/klines?symbol=ETHUSDT&interval=1d&startTime=${start}&endTime=${start + 9 * 86_400_000}&limit=4`);
    expect((body as Row[]).map((r) => r[0]), 'four days from the start').toEqual([0, 1, 2, 3].map((d) => start + d * 86_400_000));
  });

  it('klines weight follows limit: 1 / 2 / 5 / 10', async () => {
    const weights: number[] = [];
    for (const limit of [99, 100, 500, 1001]) {
      const before = Number((await getJson(`${sim.restUrl}/fapi/v1/ping`)).headers.get('x-mbx-used-weight-1m'));
      const res = await getJson(`${sim.restUrl}/fapi/v1/klines?symbol=SOLUSDT&interval=4h&limit=${limit}`);
      weights.push(Number(res.headers.get('x-mbx-used-weight-1m')) - before);
    }
    expect(weights, 'B1 weight table').toEqual([1, 2, 5, 10]);
  });

  it('klines errors: -1121 invalid symbol, -1120 invalid interval, -1130 bad limit, -1102 missing', async () => {
    const bad = async (query: string) => {
      const res = await getJson(`${sim.restUrl}/fapi/v1/klines?${query}`);
      return [res.status, res.body];
    };
    expect(await bad('symbol=NOPEUSDT&interval=30m'), 'unknown symbol').toEqual([400, { code: -1121, msg: 'Invalid symbol.' }]);
    expect(await bad('symbol=BTCUSDT&interval=7m'), 'unknown interval').toEqual([400, { code: -1120, msg: 'Invalid interval.' }]);
    expect(await bad('symbol=BTCUSDT&interval=30m&limit=1501'), 'limit over 1500').toEqual([400, { code: -1130, msg: "Data sent for parameter 'limit' is not valid." }]);
    expect((await bad('interval=30m'))[1], 'missing symbol').toMatchObject({ code: -1102 });
    expect((await bad('symbol=BTCUSDT&interval=30m&startTime=abc'))[1], 'non-numeric time').toMatchObject({ code: -1100 });
  });

  it('ticker/24hr: array without symbol (weight 40), object with symbol (weight 1), quoteVolume = Σ close × volume', async () => {
    const before = Number((await getJson(`${sim.restUrl}/fapi/v1/ping`)).headers.get('x-mbx-used-weight-1m'));
    const all = await getJson(`${sim.restUrl}/fapi/v1/ticker/24hr`);
    expect(Number(all.headers.get('x-mbx-used-weight-1m')) - before, 'weight 40').toBe(40);
    expect(Array.isArray(all.body) && all.body.length, 'every listing').toBe(sim.market.symbols.length);
    const one = await getJson(`${sim.restUrl}/fapi/v1/ticker/24hr?symbol=ETHUSDT`);
    expect(Number(one.headers.get('x-mbx-used-weight-1m')) - Number(all.headers.get('x-mbx-used-weight-1m')), 'weight 1').toBe(1);
    const t = one.body as Record<string, unknown>;
    for (const f of ['lastPrice', 'openPrice', 'highPrice', 'lowPrice', 'volume', 'quoteVolume', 'priceChangePercent']) expect(typeof t[f], `${f} is a string`).toBe('string');
    for (const f of ['openTime', 'closeTime', 'count']) expect(typeof t[f], `${f} is a number`).toBe('number');
    const now = sim.clock.nowMs();
    const last24h = sim.closedKlines('ETHUSDT', '30m', now - 86_400_000 - INTERVAL_MS['30m'], now).slice(-48);
    const expected = last24h.reduce((sum, k) => sum + k.close * k.volume, 0);
    expect(Number(t.quoteVolume), 'Σ close × volume of the 48 newest closed 30m candles').toBeCloseTo(expected, 2);
    const missing = await getJson(`${sim.restUrl}/fapi/v1/ticker/24hr?symbol=NOPE`);
    expect([missing.status, missing.body], 'unknown symbol').toEqual([400, { code: -1121, msg: 'Invalid symbol.' }]);
  });
});

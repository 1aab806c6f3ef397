import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createBinanceRest, type BinanceRest } from '../../src/streams/binanceRest.js';
import {
  documentedWeight, exchangeInfoBody, startScriptedServer, WindowedWeightCounter, type ScriptedServer, type SeenRequest,
} from './rest/scriptedServer.js';

const silent = pino({ level: 'silent' });
let server: ScriptedServer | undefined;
let rest: BinanceRest | undefined;
afterEach(async () => {
  await rest?.close();
  await server?.close();
  rest = undefined;
  server = undefined;
});

/** A server that counts weight per window like Binance and answers 429 past `limit`. */
async function enforcingServer(windowMs: number, limit: number, otherClientsUse = 0): Promise<{ server: ScriptedServer; counter: WindowedWeightCounter; rejected: SeenRequest[] }> {
  const counter = new WindowedWeightCounter(windowMs, otherClientsUse);
  const rejected: SeenRequest[] = [];
  server = await startScriptedServer((request) => {
    const used = counter.add(request);
    const headers = { 'X-MBX-USED-WEIGHT-1M': String(used) };
    if (used > limit) {
      rejected.push(request);
      return { status: 429, headers: { ...headers, 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests' } };
    }
    if (request.path === '/fapi/v1/exchangeInfo') return { headers, body: exchangeInfoBody(limit) };
    return { headers, body: [] };
  });
  return { server, counter, rejected };
}

describe('createBinanceRest weight budget', () => {
  it('counts the documented weight of each endpoint and agrees with the server header', async () => {
    let total = 0;
    server = await startScriptedServer((request) => {
      total += documentedWeight(request);
      const headers = { 'X-MBX-USED-WEIGHT-1M': String(total) };
      if (request.path === '/fapi/v1/exchangeInfo') return { headers, body: exchangeInfoBody(2400) };
      if (request.path === '/fapi/v1/time') return { headers, body: { serverTime: 5 } };
      return { headers, body: [] };
    });
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, weightWindowMs: 1e13 });
    await rest.serverTimeMs();
    await rest.exchangeInfo();
    await rest.ticker24h();
    for (const limit of [50, 200, 600, 1200, undefined]) await rest.klines('BTCUSDT', '4h', { limit, nowMs: 0 });
    const stats = rest.stats();
    expect(server.requests.length, 'one request per call').toBe(8);
    expect(stats.usedWeightHeader, 'last header seen').toBe(total);
    expect(stats.weightSentTotal, 'own count equals the server count').toBe(total);
    expect(stats.weightUsed, 'own count of the window equals the server count').toBe(total);
  });

  it('spreads a burst over windows and never gets a 429 from a server enforcing a small limit', async () => {
    const windowMs = 1000;
    const { server, counter, rejected } = await enforcingServer(windowMs, 20);
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, weightWindowMs: windowMs, retry: { retries: 0 } });
    await rest.exchangeInfo();
    expect(rest.stats().weightLimit, 'limit learned from exchangeInfo rateLimits').toBe(20);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => rest!.klines(i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT', '30m', { limit: 50, nowMs: 0 })),
    );
    expect(results.length, 'every call answered').toBe(40);
    expect(rejected.length, 'the server never had to say 429').toBe(0);
    expect(Math.max(...counter.perWindow.values()), 'no window over the limit').toBeLessThanOrEqual(20);
    expect(counter.perWindow.size, '41 weight at 18 per window needs at least 3 windows').toBeGreaterThanOrEqual(3);
  });

  it('lets the server view win when other clients on the IP use weight too', async () => {
    const windowMs = 1000;
    const { server, counter, rejected } = await enforcingServer(windowMs, 20, 10);
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, weightWindowMs: windowMs, weightLimit: 20, retry: { retries: 0 }, maxConcurrent: 3 });
    await Promise.all(Array.from({ length: 24 }, () => rest!.klines('SOLUSDT', '1d', { limit: 10, nowMs: 0 })));
    expect(rejected.length, 'no 429 although own count alone would allow 18 per window').toBe(0);
    expect(Math.max(...counter.perWindow.values()), 'no window over the limit').toBeLessThanOrEqual(20);
    expect(rest.stats().http429, 'client saw no 429').toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { SchedulerLike } from 'rxjs';
import { IpBannedError } from '../../src/domain/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { OutageLog } from '../../src/logging/outageLog.js';
import { createBinanceRest, type BinanceRest } from '../../src/streams/binanceRest.js';
import { startScriptedServer, type Reply, type ScriptedServer } from './rest/scriptedServer.js';

const T0 = Date.UTC(2026, 11, 7, 12, 50);
const timeBody: Reply = { body: { serverTime: 77 }, headers: { 'X-MBX-USED-WEIGHT-1M': '1' } };

let server: ScriptedServer | undefined;
let rest: BinanceRest | undefined;
afterEach(async () => {
  await rest?.close();
  await server?.close();
  rest = undefined;
  server = undefined;
});

/** The REST client (sending each call once, as live) telling a real OutageLog, on a fixed clock; every JSON line kept. */
async function setup(script: (i: number) => Reply) {
  server = await startScriptedServer((_r, i) => script(i));
  const lines: Record<string, unknown>[] = [];
  const sink = { write: (line: string) => (lines.push(JSON.parse(line) as Record<string, unknown>), true) };
  const logger = createLogger({ level: 'debug', secrets: [], destination: sink as never });
  const scheduler = { now: () => T0 } as unknown as SchedulerLike;
  const outage = new OutageLog({ logger: logger.child({ component: 'network' }), scheduler, retryAtLeastEveryMs: 60_000 });
  rest = createBinanceRest({ baseUrl: server.url, logger, nowMs: () => T0, timeoutMs: 1000, outage });
  const said = (minLevel: number) => lines.filter((l) => (l.level as number) >= minLevel).map((l) => l.msg);
  return { server, rest, lines, said };
}

describe('createBinanceRest with an OutageLog: refusing answers', () => {
  it('tells a run of 503s once and its end once; each failed call only at debug, without a stack', async () => {
    const { rest, lines, said } = await setup((i) => (i < 3 ? { status: 503, body: { code: -1001, msg: 'Internal error' } } : timeBody));
    for (let i = 0; i < 3; i++) await expect(rest.serverTimeMs()).rejects.toThrow('HTTP 503');
    expect(await rest.serverTimeMs()).toBe(77);
    expect(said(30)).toEqual([
      'Binance answers 503 Service Unavailable: retrying at least every 60 s',
      'Binance answers normally again after 1 s (3 failed requests since 12:50 UTC)',
    ]);
    expect(lines.filter((l) => l.msg === 'binance request failed').map((l) => l.level), 'each failure at debug').toEqual([20, 20, 20]);
    expect(JSON.stringify(lines), 'no stack trace').not.toContain('stack');
  });

  it('says a 429 hit the weight limit and how long the client waits', async () => {
    const { rest, said } = await setup(() => ({ status: 429, headers: { 'Retry-After': '7' }, body: { code: -1003, msg: 'Too many requests' } }));
    await expect(rest.serverTimeMs()).rejects.toThrow('HTTP 429');
    expect(said(30)).toEqual(['Binance says the request weight limit was hit (429 Too Many Requests): waiting 7 s as it asks before the next request']);
    expect(rest.stats().http429, 'the 429 still counts for the metrics').toBe(1);
  });

  it('says a 418 ban as one error with its end in UTC; the calls held back during it add nothing', async () => {
    const { server, rest, lines, said } = await setup(() => ({ status: 418, headers: { 'Retry-After': '720' }, body: { code: -1003, msg: 'Way too many requests; IP banned' } }));
    await expect(rest.serverTimeMs()).rejects.toBeInstanceOf(IpBannedError);
    await expect(rest.serverTimeMs(), 'held back by the client').rejects.toBeInstanceOf(IpBannedError);
    expect(server.requests, 'no request during the ban').toHaveLength(1);
    expect(said(30)).toEqual(['Binance banned this IP until 13:02 UTC (418, too many requests after a 429): no request is sent before then']);
    expect(lines.find((l) => (l.level as number) >= 30)).toMatchObject({ level: 50, component: 'network', detail: { status: 418, bannedUntilMs: T0 + 720_000, attempts: 1 } });
  });

  it('tells a 403 of the web firewall once, as a refusal of this IP', async () => {
    const { rest, said } = await setup(() => ({ status: 403, body: '<html>403 Forbidden</html>' }));
    await expect(rest.serverTimeMs()).rejects.toThrow();
    await expect(rest.serverTimeMs()).rejects.toThrow();
    expect(said(30)).toEqual(["Binance's web firewall refuses requests from this IP (403 Forbidden)"]);
  });

  it('still warns per call for an answer that says the request is wrong (a bug, not an outage)', async () => {
    const { rest, said } = await setup(() => ({ status: 400, body: { code: -1121, msg: 'Invalid symbol.' } }));
    await expect(rest.klines('NOPEUSDT', '30m', { nowMs: 0 })).rejects.toThrow();
    expect(said(40)).toEqual(['binance request failed']);
  });
});

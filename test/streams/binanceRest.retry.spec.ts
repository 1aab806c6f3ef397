import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { BinanceApiError, IpBannedError, TransientError } from '../../src/domain/index.js';
import { createBinanceRest, type BinanceRest } from '../../src/streams/binanceRest.js';
import { startScriptedServer, type Reply, type ScriptedServer, type SeenRequest } from './rest/scriptedServer.js';

const silent = pino({ level: 'silent' });
const fast = { retries: 3, initialMs: 5, maxMs: 20 };
const timeBody = (n: number): Exclude<Reply, 'destroy'> => ({ body: { serverTime: n }, headers: { 'X-MBX-USED-WEIGHT-1M': '1' } });

let server: ScriptedServer | undefined;
let rest: BinanceRest | undefined;
afterEach(async () => {
  await rest?.close();
  await server?.close();
  rest = undefined;
  server = undefined;
});

async function setup(script: (r: SeenRequest, i: number) => Reply, nowMs?: () => number): Promise<{ server: ScriptedServer; rest: BinanceRest }> {
  server = await startScriptedServer(script);
  rest = createBinanceRest({ baseUrl: server.url, logger: silent, retry: fast, timeoutMs: 300, ...(nowMs ? { nowMs } : {}) });
  return { server, rest };
}

describe('createBinanceRest retries', () => {
  it('retries 5xx and then returns the answer', async () => {
    const { server, rest } = await setup((_r, i) => (i === 0 ? { status: 500 } : i === 1 ? { status: 502 } : timeBody(77)));
    expect(await rest.serverTimeMs(), 'third attempt answers').toBe(77);
    expect(server.requests.length, 'two failures then success').toBe(3);
    expect(rest.stats().retries, 'retries counted').toBe(2);
  });

  it('retries a closed socket and a reply slower than the timeout', async () => {
    const { server, rest } = await setup((_r, i) => (i === 0 ? 'destroy' : i === 1 ? { ...timeBody(1), delayMs: 1000 } : timeBody(5)));
    expect(await rest.serverTimeMs(), 'third attempt answers').toBe(5);
    expect(server.requests.length, 'network error and timeout both retried').toBe(3);
  });

  it('gives up with a TransientError after the retries run out', async () => {
    const { server, rest } = await setup(() => ({ status: 503 }));
    await expect(rest.serverTimeMs(), 'exhausted 5xx').rejects.toBeInstanceOf(TransientError);
    expect(server.requests.length, 'first attempt plus 3 retries').toBe(4);
  });

  it('sends each call once by default, for the caller to retry: a 503 fails at once with a TransientError', async () => {
    server = await startScriptedServer(() => ({ status: 503 }));
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, timeoutMs: 300 });
    await expect(rest.serverTimeMs(), 'a transient failure, typed for the caller').rejects.toBeInstanceOf(TransientError);
    expect(server.requests.length, 'one request: the client does not retry under its callers').toBe(1);
  });

  it('maps -1121 to BinanceApiError without retrying', async () => {
    const { server, rest } = await setup(() => ({ status: 400, body: { code: -1121, msg: 'Invalid symbol.' } }));
    const error = await rest.klines('NOPEUSDT', '30m', { nowMs: 0 }).catch((e: unknown) => e);
    expect(error, 'typed error').toBeInstanceOf(BinanceApiError);
    expect((error as BinanceApiError).binanceCode, 'Binance code kept').toBe(-1121);
    expect((error as BinanceApiError).status, 'HTTP status kept').toBe(400);
    expect(String((error as Error).message), 'no URL in the message').not.toContain('127.0.0.1');
    expect(server.requests.length, '4xx is never retried').toBe(1);
  });

  it('honours Retry-After of a 429 exactly and holds other calls during the pause', async () => {
    const { server, rest } = await setup((_r, i) =>
      i === 0 ? { status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests' } } : timeBody(i),
    );
    const first = rest.serverTimeMs();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = rest.serverTimeMs();
    await Promise.all([first, second]);
    const [rejected, ...later] = server.requests;
    for (const r of later) {
      expect(r.atMs - (rejected as SeenRequest).atMs, 'no request before Retry-After ends').toBeGreaterThanOrEqual(1000);
    }
    expect(later.length, 'the retry and the held call').toBe(2);
    expect(rest.stats().http429, '429 counted').toBe(1);
  });

  it('regression: after a 429 one probe goes first, so a second 429 rejects one request, not every waiting caller', async () => {
    // The exchange is still limiting when the first pause ends: the first two requests after it get 429 too.
    const tooMany = { status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests' } };
    const { server, rest } = await setup((_r, i) => (i < 3 ? tooMany : timeBody(i)));
    const first = rest.serverTimeMs();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = [1, 2, 3, 4].map(() => rest.serverTimeMs());
    await Promise.all([first, ...waiting]);
    const rejected = server.requests.slice(0, 3);
    for (let i = 1; i < rejected.length; i++) {
      expect(rejected[i]!.atMs - rejected[i - 1]!.atMs, 'each 429 was a lone probe after a whole pause').toBeGreaterThanOrEqual(1000);
    }
    expect(rest.stats().http429, 'three 429s in all: never a burst of waiting callers').toBe(3);
    expect(server.requests.length, 'three probes rejected, then the five calls answered').toBe(8);
  });

  it('regression: for the rest of the weight window after a 429, requests go one at a time', async () => {
    const tooMany = { status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests' } };
    let inFlight = 0;
    let maxInFlight = 0;
    server = await startScriptedServer((_r, i) => {
      if (i === 0) return tooMany;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => (inFlight -= 1), 80);
      return { ...timeBody(i), delayMs: 80 };
    });
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, retry: fast, timeoutMs: 2000, weightWindowMs: 60_000 });
    await rest.serverTimeMs();
    await Promise.all([1, 2, 3, 4, 5].map(() => rest!.serverTimeMs()));
    expect(maxInFlight, 'never two requests at once while recovering from a 429').toBe(1);
  });

  it('stops every call after a 418 until its Retry-After, failing fast', async () => {
    let clock = 1_000_000;
    const { server, rest } = await setup(
      (_r, i) => (i === 0 ? { status: 418, headers: { 'Retry-After': '2' }, body: { code: -1003, msg: 'banned' } } : timeBody(9)),
      () => clock,
    );
    const error = await rest.serverTimeMs().catch((e: unknown) => e);
    expect(error, '418 becomes IpBannedError').toBeInstanceOf(IpBannedError);
    expect((error as IpBannedError).untilMs, 'ban ends after Retry-After').toBe(1_002_000);
    clock += 1999;
    const during = await Promise.allSettled([rest.serverTimeMs(), rest.klines('BTCUSDT', '1d', { nowMs: 0 }), rest.exchangeInfo()]);
    for (const r of during) {
      expect(r.status === 'rejected' && r.reason instanceof IpBannedError, 'every call fails fast while banned').toBe(true);
    }
    expect(server.requests.length, 'nothing reached the server during the ban').toBe(1);
    clock += 1;
    expect(await rest.serverTimeMs(), 'calls resume when the ban ends').toBe(9);
    expect(rest.stats().http418, '418 counted').toBe(1);
  });

  it('rejects calls after close with RestClientClosedError', async () => {
    const { server, rest } = await setup(() => ({ ...timeBody(1), delayMs: 2000 }));
    const pending = rest.serverTimeMs().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await rest.close();
    expect(((await pending) as Error).name, 'running call cut off').toBe('RestClientClosedError');
    await expect(rest.serverTimeMs(), 'new call refused').rejects.toMatchObject({ code: 'REST_CLOSED' });
    expect(server.requests.length, 'only the first call reached the server').toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { asyncScheduler, Subject, VirtualTimeScheduler, type Subscription } from 'rxjs';
import { pino } from 'pino';
import { backfill, type BackfillRequest } from '../../src/streams/backfill.js';
import { createBinanceRest, type BinanceRest } from '../../src/streams/binanceRest.js';
import type { GateInput } from '../../src/core/candles/gateInput.js';
import { MemoryStore } from '../core/candles/support/memoryStore.js';
import { klineRow, startScriptedServer, waitFor, type Reply, type ScriptedServer } from './rest/scriptedServer.js';

const silent = pino({ level: 'silent' });
const HALF_HOUR = 1_800_000;
const NOW_MS = 1_750_000_000_000;
const LAST_CLOSED_OPEN_MS = Math.floor(NOW_MS / HALF_HOUR) * HALF_HOUR - HALF_HOUR;
const GAP: BackfillRequest = {
  symbol: 'BTCUSDT', interval: '30m', reason: 'gap', fromOpenTimeMs: LAST_CLOSED_OPEN_MS - 2 * HALF_HOUR, toOpenTimeMs: LAST_CLOSED_OPEN_MS,
};
const unavailable: Reply = { status: 503, body: { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' } };
const serverTime: Reply = { body: { serverTime: NOW_MS } };

let server: ScriptedServer | undefined;
let rest: BinanceRest | undefined;
let subscription: Subscription | undefined;
afterEach(async () => {
  subscription?.unsubscribe();
  await rest?.close();
  await server?.close();
  subscription = rest = server = undefined;
});

/**
 * One gap request through the backfill and the REST client built as the app builds it (startApp:
 * no retry settings), the jitter draws pinned to 0 so no wait takes real time.
 */
async function backfillOneGap(script: (path: string, index: number) => Reply, logger = silent): Promise<{ got: GateInput[]; server: ScriptedServer }> {
  server = await startScriptedServer((r, i) => script(r.path, i));
  rest = createBinanceRest({ baseUrl: server.url, logger: silent, random: () => 0 });
  const got: GateInput[] = [];
  const requests = new Subject<BackfillRequest>();
  subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler: asyncScheduler, logger, retryInitialMs: 1, retryMaxMs: 4 })
    .subscribe((x) => got.push(x));
  requests.next(GAP);
  await waitFor(() => got.some((x) => 'kind' in x), 20_000);
  return { got, server };
}

describe('backfill over the REST client: retries in one layer', () => {
  it('regression: a gap against a server that always fails costs maxAttempts (6) HTTP requests, not 6 × 6', async () => {
    const { got, server } = await backfillOneGap(() => unavailable);
    expect(got, 'the run gives up with a failed notice').toEqual([{ kind: 'failed', symbol: 'BTCUSDT', interval: '30m' }]);
    expect(server.requests.length, 'HTTP attempts for the whole gap request').toBe(6);
  });

  it('regression: a gap given up during a run of 503s says so in one line without a stack (the OutageLog tells the 503s)', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    await backfillOneGap(() => unavailable, logger);
    expect(lines.filter((l) => l.msg === 'backfill retrying').map((l) => l.level), 'each retry at debug').toEqual([20, 20, 20, 20, 20]);
    const gaveUp = lines.filter((l) => (l.level as number) >= 40);
    expect(gaveUp.map((l) => l.msg), 'the gap left is news: one line').toEqual(['backfill gave up']);
    expect(gaveUp[0]).toMatchObject({ symbol: 'BTCUSDT', interval: '30m', reason: 'gap', attempts: 6, lastError: 'GET /fapi/v1/time failed: HTTP 503' });
    expect(JSON.stringify(gaveUp), 'no stack trace').not.toContain('stack');
  });

  it('a backfill refused by the web firewall (403, not retried) gives up in one line without a stack', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const { server } = await backfillOneGap(() => ({ status: 403, body: '403 Forbidden' }), logger);
    expect(server.requests, 'sent once: a 403 is not retried, as before').toHaveLength(1);
    expect(lines.map((l) => l.msg)).toEqual(['backfill gave up']);
    expect(lines[0]).toMatchObject({ attempts: 1, lastError: 'Binance 403 0: HTTP 403' });
    expect(JSON.stringify(lines), 'no stack trace').not.toContain('stack');
  });

  it('regression: when only the klines fail, one server-time request and maxAttempts klines requests', async () => {
    const { got, server } = await backfillOneGap((path) => (path === '/fapi/v1/time' ? serverTime : unavailable));
    expect(got, 'the run gives up with a failed notice').toEqual([{ kind: 'failed', symbol: 'BTCUSDT', interval: '30m' }]);
    expect(server.requests.map((r) => r.path), 'HTTP attempts for the whole gap request')
      .toEqual(['/fapi/v1/time', ...Array.from({ length: 6 }, () => '/fapi/v1/klines')]);
  });

  it('still waits out the whole Retry-After of a 429 before the backfill retries (virtual time)', async () => {
    const rows = [0, 1, 2].map((k) => {
      const openMs = GAP.fromOpenTimeMs! + k * HALF_HOUR;
      return klineRow(openMs, openMs + HALF_HOUR - 1, [1, 2, 0.5, 1.5, 10]);
    });
    const tooMany: Reply = { status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests' } };
    const scheduler = new VirtualTimeScheduler();
    const arrivedAtMs: number[] = [];
    server = await startScriptedServer((r, i) => {
      arrivedAtMs.push(scheduler.now());
      return r.path === '/fapi/v1/time' ? serverTime : i === 1 ? tooMany : { body: rows };
    });
    // Every wait (the client's pause, the backfill's backoff) runs on the virtual clock.
    rest = createBinanceRest({ baseUrl: server.url, logger: silent, scheduler, nowMs: () => scheduler.now() });
    const got: GateInput[] = [];
    const requests = new Subject<BackfillRequest>();
    subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler, logger: silent, retryInitialMs: 1, retryMaxMs: 4 })
      .subscribe((x) => got.push(x));
    requests.next(GAP);
    // Moves the virtual clock 50 ms at a time, letting the real HTTP answers in between.
    for (let step = 0; step < 2_000 && !got.some((x) => 'kind' in x); step += 1) {
      scheduler.schedule(() => undefined, 50);
      scheduler.maxFrames = scheduler.now() + 50;
      scheduler.flush();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(got.at(-1), 'the gap is filled after the 429').toMatchObject({ kind: 'settled' });
    expect(server.requests.map((r) => r.path), 'server time, the 429, the retry').toEqual(['/fapi/v1/time', '/fapi/v1/klines', '/fapi/v1/klines']);
    expect(arrivedAtMs[2]! - arrivedAtMs[1]!, 'the retry left only when the Retry-After (1 s) was over, on the virtual clock').toBeGreaterThanOrEqual(1000);
  });
});

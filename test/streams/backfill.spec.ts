import { afterEach, describe, expect, it } from 'vitest';
import { asyncScheduler, merge, ReplaySubject, Subject, type Subscription } from 'rxjs';
import { pino } from 'pino';
import { backfill, type BackfillDeps, type BackfillRequest } from '../../src/streams/backfill.js';
import { seriesGate, type GapRequest } from '../../src/operators/seriesGate.js';
import { seriesRequests } from '../../src/core/candles/backfillPlan.js';
import type { GateInput } from '../../src/core/candles/gateInput.js';
import { BinanceApiError, IpBannedError, TransientError } from '../../src/domain/errors.js';
import { seriesKey, type Kline } from '../../src/domain/kline.js';
import { exampleKlines } from '../core/candles/support/exampleKlines.js';
import { FakeRest } from '../core/candles/support/fakeRest.js';
import { MemoryStore } from '../core/candles/support/memoryStore.js';
import { captureLogger, waitFor } from '../core/candles/support/captureLogger.js';
import { socketFrames, type Frame } from '../core/candles/support/socketFrames.js';

const btc = exampleKlines('BTCUSDT', '30m');
const eth = exampleKlines('ETHUSDT', '4h');
const sol = exampleKlines('SOLUSDT', '1d');
const MIN = 60_000;
let subscription: Subscription | undefined;
afterEach(() => subscription?.unsubscribe());

/** Sockets + backfill + gate wired as in main.ts; the gate's output is also written to the store. */
function pipeline(rest: FakeRest, store: MemoryStore, extra: Partial<BackfillDeps> = {}) {
  const requests = new Subject<BackfillRequest>();
  const socket = new Subject<Kline>();
  const out: Kline[] = [];
  const missing: GapRequest[] = [];
  const { logger, lines } = captureLogger();
  const deps: BackfillDeps = { rest, store, scheduler: asyncScheduler, logger, retryInitialMs: 1, retryMaxMs: 4, ...extra };
  subscription = merge(backfill(requests, deps), socket)
    .pipe(seriesGate({ onGap: (g) => requests.next({ ...g, reason: 'gap' }), onMissing: (g) => missing.push(g), logger }))
    .subscribe((k) => {
      out.push(k);
      store.upsert([k]);
    });
  const outOf = (k: Kline) => out.filter((o) => o.symbol === k.symbol && o.interval === k.interval);
  return { requests, socket, out, outOf, missing, lines };
}

/** Plays socket frames with the server clock following them, yielding now and then so REST answers interleave. */
async function play(frames: readonly Frame[], rest: FakeRest, socket: Subject<Kline>, onTime?: (ms: number) => void) {
  for (const [i, f] of frames.entries()) {
    rest.nowMs = Math.max(rest.nowMs, f.atMs);
    onTime?.(f.atMs);
    if (f.kline) socket.next(f.kline);
    if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const closedBy = (series: readonly Kline[], nowMs: number) => series.filter((k) => k.closeTimeMs < nowMs);

describe('backfill into the series gate', () => {
  it('delivers every closed candle exactly once and in order despite drops, duplicates, reordering and a disconnect', async () => {
    const startMs = btc[2000]!.openTimeMs + 7 * MIN;
    const endMs = btc[2400]!.openTimeMs + 3 * MIN;
    const rest = new FakeRest([btc, eth, sol]);
    rest.nowMs = startMs;
    rest.failures.push(new TransientError('503'), new TransientError('socket hang up'));
    const store = new MemoryStore([...btc.slice(0, 1800), ...eth.slice(0, 240)]);
    const p = pipeline(rest, store);
    const outage = { fromMs: btc[2150]!.openTimeMs, toMs: btc[2210]!.openTimeMs };
    const frames = socketFrames([btc, eth, sol], { fromMs: startMs, toMs: endMs, dropEvery: 7, duplicateEvery: 5, swapEvery: 11, outage });

    for (const r of seriesRequests(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], 'warmup')) p.requests.next(r);
    let reconnected = false;
    await play(frames, rest, p.socket, (ms) => {
      if (!reconnected && ms >= outage.toMs) {
        reconnected = true;
        for (const r of seriesRequests(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], 'reconnect')) p.requests.next(r);
      }
    });
    rest.nowMs = endMs;

    const truth = new Map<string, Kline[]>([
      [seriesKey('BTCUSDT', '30m'), closedBy(btc, endMs).slice(1300)],
      [seriesKey('ETHUSDT', '4h'), closedBy(eth, endMs)],
      [seriesKey('SOLUSDT', '1d'), closedBy(sol, endMs)],
    ]);
    const total = [...truth.values()].reduce((n, s) => n + s.length, 0);
    await waitFor(() => p.out.length >= total, 'every closed candle');
    expect(frames.filter((f) => f.dropped).length, 'the socket really lost frames').toBeGreaterThan(50);
    for (const series of truth.values()) {
      expect(p.outOf(series[0]!), `${seriesKey(series[0]!.symbol, series[0]!.interval)}: same candles, same OHLCV, same order`).toEqual(series);
    }
    expect(p.out.length, 'nothing extra: no duplicate, no forming candle').toBe(total);
    expect(p.missing, 'no hole on the exchange, none declared').toEqual([]);
    expect(rest.calls.every((c) => (c.query.limit ?? 500) <= 499), 'every page at weight ≤ 2').toBe(true);
    expect(p.lines.filter((l) => l.msg === 'backfill retrying').length, 'transient failures were retried').toBe(2);
  });

  it('replays nothing and fetches the full 500-candle window when the store is empty, even if a socket candle wins the race', async () => {
    const rest = new FakeRest([btc]);
    rest.nowMs = btc[3001]!.openTimeMs + MIN;
    const p = pipeline(rest, new MemoryStore());
    p.requests.next({ symbol: 'BTCUSDT', interval: '30m', reason: 'warmup' });
    p.socket.next(btc[3001]!); // closed on the socket before REST answered
    await waitFor(() => p.out.length >= 501, 'window and socket candle');
    expect(p.out, 'the 500 closed before, then the socket candle').toEqual(btc.slice(2501, 3002));
    expect(rest.calls.map((c) => c.query.limit), 'two pages within weight 2').toEqual([499, 1]);
  });

  it('regression: a warm-up waits for the catch-up horizon, then fetches every candle after a store older than the window (no hole)', async () => {
    const rest = new FakeRest([btc]);
    rest.nowMs = btc[3001]!.openTimeMs + MIN;
    const horizon$ = new ReplaySubject<number>(1);
    // Stored through candle 1999: 1001 candles (~21 days) before now, twice the window.
    const p = pipeline(rest, new MemoryStore(btc.slice(1500, 2000)), { catchUpFromMs$: horizon$ });
    p.requests.next({ symbol: 'BTCUSDT', interval: '30m', reason: 'warmup' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rest.calls, 'nothing asked before the horizon is known').toEqual([]);
    horizon$.next(btc[1900]!.openTimeMs);
    await waitFor(() => p.out.length >= 1500, 'stored history and every missed candle');
    expect(p.out.map((k) => k.openTimeMs), 'the store, then every candle after it through the last closed').toEqual(btc.slice(1500, 3001).map((k) => k.openTimeMs));
  });

  it('releases held candles past a hole the exchange does not have, and reports it as a defect', async () => {
    const hole = new Set([btc[1010]!.openTimeMs, btc[1011]!.openTimeMs]);
    const exchange = btc.filter((k) => !hole.has(k.openTimeMs));
    const rest = new FakeRest([exchange]);
    rest.nowMs = btc[1005]!.openTimeMs + MIN;
    const p = pipeline(rest, new MemoryStore(btc.slice(0, 1000)));
    p.requests.next({ symbol: 'BTCUSDT', interval: '30m', reason: 'warmup' });
    const endMs = btc[1030]!.openTimeMs + MIN;
    await play(socketFrames([exchange], { fromMs: rest.nowMs, toMs: endMs }), rest, p.socket);
    const expected = closedBy(exchange, endMs).slice(500);
    await waitFor(() => p.out.length >= expected.length, 'all closed candles');
    expect(p.out, 'everything the exchange has, in order').toEqual(expected);
    expect(p.missing, 'the hole, reported once').toEqual([
      { symbol: 'BTCUSDT', interval: '30m', fromOpenTimeMs: btc[1010]!.openTimeMs, toOpenTimeMs: btc[1011]!.openTimeMs },
    ]);
  });

  it('fetches at most `concurrency` series at once', async () => {
    const symbols = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
    const rest = new FakeRest(symbols.flatMap((s) => (['1d', '4h', '30m'] as const).map((i) => exampleKlines(s, i))));
    rest.nowMs = btc[5000]!.openTimeMs;
    const requests = new Subject<BackfillRequest>();
    const { logger } = captureLogger();
    const got: GateInput[] = [];
    subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler: asyncScheduler, logger, concurrency: 2 })
      .subscribe((x) => got.push(x));
    for (const r of seriesRequests(symbols, 'reconnect')) requests.next(r);
    await waitFor(() => got.filter((x) => 'kind' in x && x.kind === 'settled').length === 9, 'nine settled series');
    expect(rest.maxInFlight, 'never more than the limit, and the limit was used').toBe(2);
  });

  it('coalesces requests for the same series while one waits or runs', async () => {
    const rest = new FakeRest([btc]);
    rest.nowMs = btc[800]!.openTimeMs + MIN;
    const requests = new Subject<BackfillRequest>();
    const { logger } = captureLogger();
    const got: GateInput[] = [];
    subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler: asyncScheduler, logger }).subscribe((x) => got.push(x));
    for (let i = 0; i < 50; i++) {
      requests.next({ symbol: 'BTCUSDT', interval: '30m', reason: 'gap', fromOpenTimeMs: btc[700 + i]!.openTimeMs, toOpenTimeMs: btc[760]!.openTimeMs });
    }
    requests.complete();
    await waitFor(() => got.filter((x) => 'kind' in x).length >= 2, 'two settled runs');
    expect(rest.calls.length, 'one running + one merged follow-up, not 50').toBe(2);
    expect(rest.calls[1]!.query.startTimeMs, 'the follow-up covers the union').toBe(btc[701]!.openTimeMs);
  });

  it('gives up on a gap with a failed notice when transient failures outlast maxAttempts', async () => {
    const rest = new FakeRest([btc]);
    rest.failures.push(new TransientError('503'), new TransientError('503'), new TransientError('503'));
    const { logger, lines } = captureLogger();
    const got: GateInput[] = [];
    const requests = new Subject<BackfillRequest>();
    subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler: asyncScheduler, logger, maxAttempts: 2, retryInitialMs: 1 })
      .subscribe((x) => got.push(x));
    requests.next({ symbol: 'BTCUSDT', interval: '30m', reason: 'gap', fromOpenTimeMs: btc[10]!.openTimeMs, toOpenTimeMs: btc[12]!.openTimeMs });
    await waitFor(() => got.length > 0, 'a notice');
    expect(got, 'failed, not settled').toEqual([{ kind: 'failed', symbol: 'BTCUSDT', interval: '30m' }]);
    expect(lines.filter((l) => l.msg === 'backfill retrying').length, 'one retry for two attempts').toBe(1);
    expect(rest.failures.length, 'the third failure was never reached').toBe(1);
  });

  it('regression: a warm-up outlasts maxAttempts and a 418 ban, so the series does not start without its history', async () => {
    const rest = new FakeRest([btc]);
    rest.nowMs = btc[3001]!.openTimeMs + MIN;
    rest.failures.push(new IpBannedError(0), new TransientError('503'), new IpBannedError(0), new TransientError('503'));
    const { logger } = captureLogger();
    const got: GateInput[] = [];
    const requests = new Subject<BackfillRequest>();
    subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler: asyncScheduler, logger, maxAttempts: 2, retryInitialMs: 1, retryMaxMs: 4 })
      .subscribe((x) => got.push(x));
    requests.next({ symbol: 'BTCUSDT', interval: '30m', reason: 'warmup' });
    await waitFor(() => got.some((x) => 'kind' in x && x.kind !== 'begin'), 'the run ends');
    expect(got.filter((x) => 'kind' in x).map((x) => (x as { kind: string }).kind), 'settled after four failures').toEqual(['begin', 'settled']);
    expect(got.filter((x) => !('kind' in x)).length, 'the history arrived').toBeGreaterThan(400);
  });

  it('gives up after a non-transient error with a failed notice, and completes', async () => {
    const rest = new FakeRest([btc]);
    rest.failures.push(new Error('invalid symbol'));
    const { logger, lines } = captureLogger();
    const got: GateInput[] = [];
    let completed = false;
    const requests = new Subject<BackfillRequest>();
    subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler: asyncScheduler, logger })
      .subscribe({ next: (x) => got.push(x), complete: () => (completed = true) });
    requests.next({ symbol: 'BTCUSDT', interval: '30m', reason: 'reconnect' });
    requests.complete();
    await waitFor(() => completed, 'completion');
    expect(got, 'only the failed notice').toEqual([{ kind: 'failed', symbol: 'BTCUSDT', interval: '30m' }]);
    expect(lines.some((l) => l.msg === 'backfill gave up'), 'logged').toBe(true);
  });
  it('regression: an invalid symbol (-1121) ends its backfill with a failed notice and no error line (issue 15: one error per series of a fixed symbol the exchange does not list)', async () => {
    const rest = new FakeRest([btc]);
    rest.failures.push(new BinanceApiError(400, -1121, 'Invalid symbol.'));
    const { logger, lines } = captureLogger();
    const got: GateInput[] = [];
    let completed = false;
    const requests = new Subject<BackfillRequest>();
    subscription = backfill(requests, { rest, store: new MemoryStore(), scheduler: asyncScheduler, logger })
      .subscribe({ next: (x) => got.push(x), complete: () => (completed = true) });
    requests.next({ symbol: 'BNBUSDT', interval: '30m', reason: 'warmup' });
    requests.complete();
    await waitFor(() => completed, 'completion');
    expect(got.filter((x) => 'kind' in x && x.kind === 'failed'), 'the series is given up').toEqual([{ kind: 'failed', symbol: 'BNBUSDT', interval: '30m' }]);
    expect(lines.filter((l) => (l.level as number) >= 50), 'the warning naming the symbol is its only word (marketData)').toEqual([]);
  });
});

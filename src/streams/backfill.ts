import {
  concat, defer, EMPTY, expand, from, map, merge, mergeMap, Observable, of, Subject, catchError, finalize, take,
  type SchedulerLike,
} from 'rxjs';
import type { Logger } from 'pino';
import { BinanceApiError } from '../domain/errors.js';
import { INVALID_SYMBOL_CODE } from './backfillRest.js';
import { INTERVAL_MS, seriesKey, type Kline } from '../domain/kline.js';
import type { CandleStore, KlineRestSource } from '../domain/ports.js';
import type { GateInput, SeriesNotice } from '../core/candles/gateInput.js';
import { mergeBackfillRequests, pageLimit, planFetch, type BackfillRequest, type FetchPlan } from '../core/candles/backfillPlan.js';
import { retryTransient } from '../operators/retryTransient.js';
import { toldAsOutage } from './rest/toldAsOutage.js';
import { WINDOW_CANDLES } from '../core/candles/symbolWindows.js';

export type { BackfillRequest } from '../core/candles/backfillPlan.js';

export interface BackfillDeps {
  readonly rest: KlineRestSource;
  readonly store: CandleStore;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Closed candles of a full window (warm-up target). Default 500. */
  readonly windowCandles?: number;
  /**
   * Warm-ups of a stored history ending at or after this fetch everything after it, however long
   * (the restart's catch-up); older ones fetch the newest window only (planFetch). Every run waits
   * for its first value (decided once at start); without it a store older than the window is not
   * caught up.
   */
  readonly catchUpFromMs$?: Observable<number>;
  /** Rows per REST page; ≤ 499 keeps each call at weight 2. Default 499. */
  readonly maxPageLimit?: number;
  /** Series fetched at once. Default 5. */
  readonly concurrency?: number;
  /** Backoff of transient REST failures (retryTransient). Defaults 1000 / 30000 ms. */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /**
   * Attempts per REST call of a gap request before the run gives up with a `failed` notice (the gap
   * is asked for again with the next held candle). Default 6. The backfill is the only layer that
   * retries (the REST client sends each call once), so these are HTTP requests: a gap whose first
   * call keeps failing costs 6. Warm-up and reconnect runs never give up on transient failures (a
   * 418 ban included): their series' candles wait in the gate meanwhile, and a series that started
   * without its history would stay cold for 51 candles.
   */
  readonly maxAttempts?: number;
}

interface Slot {
  running: boolean;
  pending?: BackfillRequest;
  /** A `begin` for the pending warm-up went out on arrival. */
  announced: boolean;
}

/**
 * REST backfill feeding the series gate: for each request it emits (warm-up) the stored history,
 * then the closed candles REST has for the planned range, then a `settled` notice — or `failed`
 * after retries. Requests for a series coalesce while one waits or runs (one run per series at a
 * time); at most `concurrency` series are fetched at once. The server time is read at the start of
 * each run, so a reconnect request issued after the socket opened covers everything up to it.
 * Issue warm-up requests before the sockets of those series open: their `begin` goes out at once.
 */
export function backfill(requests$: Observable<BackfillRequest>, deps: BackfillDeps): Observable<GateInput> {
  const concurrency = deps.concurrency ?? 5;
  return defer(() => {
    const log = deps.logger.child({ component: 'backfill' });
    const slots = new Map<string, Slot>();
    const ready$ = new Subject<string>();
    let requestsDone = false;
    const completeWhenIdle = () => {
      if (requestsDone && slots.size === 0) ready$.complete();
    };

    const arrivals$ = requests$.pipe(
      mergeMap((req) => {
        const key = seriesKey(req.symbol, req.interval);
        const slot = slots.get(key);
        if (slot) {
          slot.pending = slot.pending ? mergeBackfillRequests(slot.pending, req) : req;
          return EMPTY;
        }
        const fresh: Slot = { running: false, pending: req, announced: req.reason === 'warmup' };
        slots.set(key, fresh);
        const begin: GateInput[] = fresh.announced ? [beginNotice(req)] : [];
        return concat(from(begin), defer(() => (ready$.next(key), EMPTY)));
      }),
      finalize(() => {
        requestsDone = true;
        completeWhenIdle();
      }),
    );

    const runs$ = ready$.pipe(
      mergeMap((key) => {
        const slot = slots.get(key)!;
        const req = slot.pending!;
        const announced = slot.announced;
        slot.pending = undefined;
        slot.announced = false;
        slot.running = true;
        const begin: GateInput[] = req.reason === 'warmup' && !announced ? [beginNotice(req)] : [];
        return concat(from(begin), runRequest(req, deps, log)).pipe(
          finalize(() => {
            slot.running = false;
            if (slot.pending) ready$.next(key);
            else slots.delete(key);
            completeWhenIdle();
          }),
        );
      }, concurrency),
    );
    return merge(runs$, arrivals$);
  });
}

function beginNotice(req: BackfillRequest): SeriesNotice {
  return { kind: 'begin', symbol: req.symbol, interval: req.interval };
}

/** One run: server time, plan, replay, REST pages, settled — or failed. Never errors. */
function runRequest(req: BackfillRequest, deps: BackfillDeps, log: Logger): Observable<GateInput> {
  const { symbol, interval } = req;
  const catchUpFrom$: Observable<number | undefined> = deps.catchUpFromMs$?.pipe(take(1)) ?? of(undefined);
  return catchUpFrom$.pipe(
    mergeMap((catchUpFromMs) => call(() => deps.rest.serverTimeMs(), deps, log, req).pipe(map((nowMs) => ({ nowMs, catchUpFromMs })))),
    mergeMap(({ nowMs, catchUpFromMs }) => {
      const windowCandles = deps.windowCandles ?? WINDOW_CANDLES;
      const plan = planFetch({
        request: req,
        nowMs,
        windowCandles,
        catchUpFromMs,
        stored: req.reason === 'warmup' ? deps.store.recent(symbol, interval, windowCandles) : [],
        lastStoredOpenTimeMs: req.reason === 'reconnect' ? deps.store.lastOpenTimeMs(symbol, interval) : undefined,
      });
      // Told once for the whole bot by the restart (closeLongStop); per series only at debug.
      if (plan.skippedFromOpenTimeMs !== undefined) {
        log.debug({ symbol, interval, fromOpenTimeMs: plan.skippedFromOpenTimeMs, throughOpenTimeMs: plan.skippedThroughOpenTimeMs }, 'candles beyond the catch-up horizon not fetched');
      }
      const settled: SeriesNotice = {
        kind: 'settled', symbol, interval, fromOpenTimeMs: plan.fromOpenTimeMs, throughOpenTimeMs: plan.throughOpenTimeMs,
      };
      return concat(from(plan.replay.filter((k) => k.closed)), pages(req, plan, nowMs, deps, log), of(settled));
    }),
    catchError((err: unknown) => {
      const last = err instanceof BackfillExhaustedError ? err.lastError : err;
      // An invalid symbol is told once, as a warning naming it, by whoever drops it (backfillRest's onInvalid).
      if (err instanceof BinanceApiError && err.binanceCode === INVALID_SYMBOL_CODE) log.debug({ symbol, interval }, 'backfill of an invalid symbol dropped');
      // The gap left is news; the outage that caused it is told by the OutageLog: no stack for it.
      else if (toldAsOutage(last)) {
        const attempts = err instanceof BackfillExhaustedError ? err.attempts : 1;
        log.error({ symbol, interval, reason: req.reason, attempts, lastError: (last as Error).message }, 'backfill gave up');
      } else log.error({ err, symbol, interval, reason: req.reason }, 'backfill gave up');
      return of<SeriesNotice>({ kind: 'failed', symbol, interval });
    }),
  );
}

/** Pages forward from the plan's start while full pages come back; only closed rows in range pass. */
function pages(req: BackfillRequest, plan: FetchPlan, nowMs: number, deps: BackfillDeps, log: Logger): Observable<Kline> {
  const { symbol, interval } = req;
  const step = INTERVAL_MS[interval];
  const through = plan.throughOpenTimeMs;
  const maxLimit = deps.maxPageLimit ?? 499;
  const page = (startTimeMs: number) => {
    const limit = pageLimit(startTimeMs, through, interval, maxLimit);
    return call(() => deps.rest.klines(symbol, interval, { startTimeMs, limit, nowMs }), deps, log, req).pipe(
      map((rows) => ({ rows, limit })),
    );
  };
  if (plan.fromOpenTimeMs > through) return EMPTY;
  return page(plan.fromOpenTimeMs).pipe(
    expand(({ rows, limit }) => {
      const newest = rows.at(-1);
      if (newest === undefined || rows.length < limit || newest.openTimeMs + step > through) return EMPTY;
      return page(newest.openTimeMs + step);
    }),
    mergeMap(({ rows }) =>
      rows.filter((k) => k.closed && k.openTimeMs >= plan.fromOpenTimeMs && k.openTimeMs <= through),
    ),
  );
}

/** One REST call, retried with backoff on transient failures (gap runs: at most `maxAttempts` times). */
function call<T>(fn: () => Promise<T>, deps: BackfillDeps, log: Logger, req: BackfillRequest): Observable<T> {
  const maxAttempts = req.reason === 'gap' ? (deps.maxAttempts ?? 6) : Infinity;
  return defer(() => {
    let attempts = 0;
    return defer(() => {
      attempts += 1;
      return fn();
    }).pipe(
      catchError((err: unknown) => {
        if (attempts >= maxAttempts) throw new BackfillExhaustedError(attempts, err);
        throw err;
      }),
      retryTransient({
        initialMs: deps.retryInitialMs ?? 1000,
        maxMs: deps.retryMaxMs ?? 30_000,
        scheduler: deps.scheduler,
        // An unreachable or refusing Binance is told once by the REST client's OutageLog, not per series and retry.
        onRetry: (err, attempt, delayMs) =>
          log[toldAsOutage(err) ? 'debug' : 'warn']({ err, symbol: req.symbol, interval: req.interval, attempt, delayMs }, 'backfill retrying'),
      }),
    );
  });
}

/**
 * Retries ran out. Not a TransientError, and the last failure is kept as `lastError` rather than
 * `cause`, because retryTransient also retries errors whose cause is transient.
 */
class BackfillExhaustedError extends Error {
  constructor(readonly attempts: number, readonly lastError: unknown) {
    super(`backfill gave up after ${attempts} attempts`);
    this.name = 'BackfillExhaustedError';
  }
}

import { INTERVAL_MS, INTERVALS, type Interval, type Kline } from '../../domain/kline.js';

/**
 * Why a series needs REST candles:
 * - `warmup`: at start or when a symbol enters the universe — replay the stored history, then fetch
 *   everything after it (a full window when the store is empty, or ends beyond the catch-up horizon);
 * - `reconnect`: a socket (re)opened — fetch from the last stored candle to now;
 * - `gap`: the series gate holds candles behind a hole — fetch exactly that range.
 */
export type BackfillReason = 'warmup' | 'reconnect' | 'gap';

export interface BackfillRequest {
  readonly symbol: string;
  readonly interval: Interval;
  readonly reason: BackfillReason;
  /** Only for `gap`: first and last open time wanted, inclusive. */
  readonly fromOpenTimeMs?: number;
  readonly toOpenTimeMs?: number;
}

/** Requests for every interval of each symbol, e.g. warm-up at start or reconnect of a shard. */
export function seriesRequests(symbols: Iterable<string>, reason: 'warmup' | 'reconnect'): BackfillRequest[] {
  const out: BackfillRequest[] = [];
  for (const symbol of symbols) for (const interval of INTERVALS) out.push({ symbol, interval, reason });
  return out;
}

const RANK: Readonly<Record<BackfillReason, number>> = { gap: 0, reconnect: 1, warmup: 2 };

/**
 * One request that covers both: a warm-up covers everything, a reconnect covers any gap (it fetches
 * from the last stored candle, which is never after a hole the gate holds), two gaps become their
 * union. Used to coalesce requests for a series that wait behind a running fetch.
 */
export function mergeBackfillRequests(a: BackfillRequest, b: BackfillRequest): BackfillRequest {
  if (RANK[a.reason] !== RANK[b.reason]) return RANK[a.reason] > RANK[b.reason] ? a : b;
  if (a.reason !== 'gap') return a;
  return {
    ...a,
    fromOpenTimeMs: Math.min(a.fromOpenTimeMs ?? Infinity, b.fromOpenTimeMs ?? Infinity),
    toOpenTimeMs: Math.max(a.toOpenTimeMs ?? -Infinity, b.toOpenTimeMs ?? -Infinity),
  };
}

/**
 * Open time of the newest candle closed at `nowMs` (its end `open + interval <= nowMs`); the
 * candle containing `nowMs` is still forming. Intervals are aligned on UTC epoch multiples.
 */
export function lastClosedOpenTimeMs(nowMs: number, interval: Interval): number {
  const step = INTERVAL_MS[interval];
  return Math.floor(nowMs / step) * step - step;
}

/** What one backfill run replays from the store and asks REST for. */
export interface FetchPlan {
  /** Stored candles to replay first (warm-up only), oldest first. */
  readonly replay: readonly Kline[];
  /** REST range, inclusive; empty when from > through. */
  readonly fromOpenTimeMs: number;
  readonly throughOpenTimeMs: number;
  /**
   * Warm-up beyond the catch-up horizon: the open times (inclusive) of the candles between the last
   * stored one and the window that are deliberately not fetched. Absent when nothing is skipped.
   */
  readonly skippedFromOpenTimeMs?: number;
  readonly skippedThroughOpenTimeMs?: number;
}

export interface PlanInput {
  readonly request: BackfillRequest;
  readonly nowMs: number;
  /** Warm-up: `store.recent(…, windowCandles)`; otherwise unused. */
  readonly stored: readonly Kline[];
  /** Reconnect: `store.lastOpenTimeMs(…)`. */
  readonly lastStoredOpenTimeMs: number | undefined;
  /** Closed candles a full window holds (500). */
  readonly windowCandles: number;
  /**
   * Warm-up: a stored history ending at or after this (give or take one candle of the interval) is
   * caught up candle by candle (CatchUpHorizon.catchUpFromMs: the restart's time less
   * CATCH_UP_MAX_DAYS). Undefined: a store that does not reach the window is not caught up.
   */
  readonly catchUpFromMs?: number | undefined;
}

/**
 * Plans a run against the server time. Warm-up replays the store and fetches everything after its
 * last candle when the store reaches into the last window or ends within the catch-up horizon (a
 * restart after a stop longer than the window leaves no hole); an empty store gets the full window,
 * and so does one ending beyond the horizon, with the span it skips named in the plan.
 * Reconnect fetches everything after the last stored candle (never skipped: a missed candle is a
 * defect), or the full window when nothing is stored.
 */
export function planFetch({ request, nowMs, stored, lastStoredOpenTimeMs, windowCandles, catchUpFromMs }: PlanInput): FetchPlan {
  const step = INTERVAL_MS[request.interval];
  const through = lastClosedOpenTimeMs(nowMs, request.interval);
  const windowStart = through - (windowCandles - 1) * step;
  if (request.reason === 'gap') {
    return {
      replay: [],
      fromOpenTimeMs: request.fromOpenTimeMs ?? windowStart,
      throughOpenTimeMs: Math.min(request.toOpenTimeMs ?? through, through),
    };
  }
  if (request.reason === 'reconnect') {
    const from = lastStoredOpenTimeMs === undefined ? windowStart : lastStoredOpenTimeMs + step;
    return { replay: [], fromOpenTimeMs: from, throughOpenTimeMs: through };
  }
  const newest = stored.at(-1);
  if (newest === undefined) return { replay: [], fromOpenTimeMs: windowStart, throughOpenTimeMs: through };
  const after = newest.openTimeMs + step;
  // One candle of slack: a symbol resumes when its 30m cursor is within the horizon, and its 4h or
  // 1d series may end up to one candle before that cursor.
  const withinHorizon = catchUpFromMs !== undefined && after + step >= catchUpFromMs;
  if (after < windowStart && !withinHorizon) {
    return {
      replay: [], fromOpenTimeMs: windowStart, throughOpenTimeMs: through,
      skippedFromOpenTimeMs: after, skippedThroughOpenTimeMs: windowStart - step,
    };
  }
  return { replay: stored, fromOpenTimeMs: after, throughOpenTimeMs: through };
}

/** Binance weight of `GET /fapi/v1/klines` by limit: pages of ≤ 499 cost 2, ≤ 99 cost 1. */
export function pageLimit(fromOpenTimeMs: number, throughOpenTimeMs: number, interval: Interval, maxLimit: number): number {
  const wanted = Math.floor((throughOpenTimeMs - fromOpenTimeMs) / INTERVAL_MS[interval]) + 1;
  return Math.max(1, Math.min(maxLimit, wanted));
}

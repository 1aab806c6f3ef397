import type { ReasonCode } from '../../domain/reason.js';
/** Milliseconds in a UTC day (UTC has no daylight saving; leap seconds do not exist in epoch ms). */
export const DAY_MS = 86_400_000;

/** Reason code when the effective daily maximum is reached. */
export const DAILY_LIMIT_REASON_CODE = 'daily_limit' satisfies ReasonCode;

/** Days kept before the newest one seen, so a late candle (a backfill) still finds its day. */
const RETAINED_PAST_DAYS = 2;

/**
 * UTC day number (days since 1970-01-01) a signal counts for: the day of its candle's Binance
 * `close_time`, which is end − 1 (MODELS.md reading 1). So the 23:30 candle, ending at 00:00,
 * counts for the day it opened in.
 */
export function utcDayOfSignal(endMs: number): number {
  return Math.floor((endMs - 1) / DAY_MS);
}

/** Sent signals per UTC day number. */
export type DailyCounts = ReadonlyMap<number, number>;

/** Counts sent signals by their candle end times, e.g. the signals table at start. */
export function countSentByDay(sentEndTimesMs: Iterable<number>): DailyCounts {
  const counts = new Map<number, number>();
  for (const endMs of sentEndTimesMs) {
    const day = utcDayOfSignal(endMs);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

export interface DailyAdmission {
  /** Whether one more signal fits: sent that day < effective maximum. */
  readonly allowed: boolean;
  readonly day: number;
  /** Signals already sent that day before this one. */
  readonly sentBefore: number;
  /** The counts after this decision (incremented only when allowed). */
  readonly counts: DailyCounts;
}

/**
 * Decides one signal against the daily maximum and counts it when it fits. Pure: returns new
 * counts and prunes days older than the newest day seen − {@link RETAINED_PAST_DAYS}.
 */
export function admitSignal(counts: DailyCounts, endMs: number, dailyMax: number): DailyAdmission {
  const day = utcDayOfSignal(endMs);
  const sentBefore = counts.get(day) ?? 0;
  const allowed = sentBefore < dailyMax;
  if (!allowed) return { allowed, day, sentBefore, counts };
  const newestDay = Math.max(day, ...counts.keys());
  const next = new Map<number, number>();
  for (const [d, n] of counts) if (d >= newestDay - RETAINED_PAST_DAYS) next.set(d, n);
  next.set(day, sentBefore + 1);
  return { allowed, day, sentBefore, counts: next };
}

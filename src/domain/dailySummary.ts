import type { Interval } from './kline.js';
import type { StoredReason } from './reason.js';

/** Trading figures over a span of event time: trades closed in it, signals decided in it, equity after. */
export interface PeriodFigures {
  readonly trades: number;
  readonly wins: number;
  readonly totalR: number;
  readonly equity: number;
  readonly signalsSent: number;
  readonly signalsBlocked: number;
}

/**
 * Blocked candidates of one symbol and interval over a day, grouped by what blocked them (the
 * reason codes): how many, and the reasons of the latest of them (with its numbers).
 */
export interface BlockedGroup {
  readonly symbol: string;
  readonly interval: Interval;
  readonly count: number;
  readonly reasons: readonly StoredReason[];
}

/** The figures of one UTC day: computed from the tables (sinks/sqlite/dailyStats), worded by the templates. */
export interface DailySummary extends PeriodFigures {
  /** 00:00 UTC of the day summarized. */
  readonly dayStartMs: number;
  /** The day's blocked candidates, most frequent first; absent in summaries built before they were listed. */
  readonly blocked?: readonly BlockedGroup[];
}

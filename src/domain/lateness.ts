/**
 * How late a signal is: committed more than one 30m period after its candle closed (downtime, a
 * long backfill, a symbol declared late by the watermark). The trader gets the candle's close
 * time and the latest price with it, since the entry may be stale.
 */
export interface Lateness {
  /** Market time between the candle's end and the commit. */
  readonly lateByMs: number;
  /** The candle's end. */
  readonly closedAtMs: number;
  /** The newest close of the symbol's 30m series known at the commit. */
  readonly lastPrice: number;
}

/** A signal is late when it is committed more than one 30m period after its candle ended. */
export const LATE_AFTER_MS = 30 * 60_000;

/** Whether late signals go to Telegram with a late notice, or are only recorded (LATE_SIGNALS). */
export type LateSignalPolicy = 'send' | 'skip';

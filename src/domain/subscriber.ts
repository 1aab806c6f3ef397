import type { Interval } from './kline.js';
import type { ModelName } from './signal.js';

/**
 * A read-only chat (TELEGRAM_SUBSCRIBERS): it receives the signals that pass its filters, in its
 * language, and the results of the signals it received; it never commands the bot. Unset filters
 * let everything through.
 */
export interface Subscriber {
  /** An integer chat id or `@channelname`. */
  readonly chat: string;
  /** A forum topic of the chat (Telegram's message_thread_id). */
  readonly thread?: number;
  readonly language: 'vi' | 'en';
  readonly symbols?: readonly string[];
  readonly intervals?: readonly Interval[];
  readonly models?: readonly ModelName[];
  /** Signals scoring below it are not sent to this chat. */
  readonly minScore?: number;
  /**
   * `[startHour, endHour)` in UTC: no signal is sent to this chat while the hour of the signal's
   * candle close is inside (wrapping midnight when start > end; equal hours mean none); what still
   * goes there in those hours (a result, a halt notice, the daily summary) arrives without sound.
   */
  readonly quietHoursUtc?: readonly [number, number];
}

/** What a subscriber filters on: a signal's fields and the event time it is written at. */
export interface SignalFacts {
  readonly symbol: string;
  readonly interval: Interval;
  readonly model: ModelName;
  readonly score: number;
}

const HOUR_MS = 3_600_000;

/** Whether `atMs` (event time) falls in the subscriber's quiet hours. */
export function inQuietHours(subscriber: Subscriber, atMs: number): boolean {
  const quiet = subscriber.quietHoursUtc;
  if (quiet === undefined) return false;
  const [start, end] = quiet;
  const hour = Math.floor(atMs / HOUR_MS) % 24;
  if (start === end) return false;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

/** Whether the symbol passes the subscriber's symbol filter (halt notices follow it). */
export function watchesSymbol(subscriber: Subscriber, symbol: string): boolean {
  return subscriber.symbols === undefined || subscriber.symbols.includes(symbol);
}

/** Whether a signal written at `atMs` goes to this subscriber: every filter passes and it is not quiet time. */
export function admitsSignal(subscriber: Subscriber, signal: SignalFacts, atMs: number): boolean {
  if (!watchesSymbol(subscriber, signal.symbol)) return false;
  if (subscriber.intervals !== undefined && !subscriber.intervals.includes(signal.interval)) return false;
  if (subscriber.models !== undefined && !subscriber.models.includes(signal.model)) return false;
  if (subscriber.minScore !== undefined && signal.score < subscriber.minScore) return false;
  return !inQuietHours(subscriber, atMs);
}

/**
 * The outbox key of a message to a subscriber: the admin chat's key with the chat (and topic)
 * after `@`, so each chat gets its own row, idempotent like the admin's, and a result finds the
 * signal it answers in the same chat (`signal:42@-1001234/5`).
 */
export function subscriberKey(baseKey: string, subscriber: Subscriber): string {
  return `${baseKey}@${subscriber.chat}${subscriber.thread === undefined ? '' : `/${subscriber.thread}`}`;
}

import { STATUS_CODES } from 'node:http';
import { clockOf, durationOf, waitOf } from './timeWords.js';

/**
 * An HTTP answer that refuses requests for a while rather than says one is wrong: a 5xx (Binance's
 * side fails), 429 (the request weight limit was hit), 418 (this IP is banned for ignoring 429s) or
 * 403 (Binance's web application firewall blocks this IP).
 */
export interface HttpRefusal {
  readonly status: number;
  /** A 429's Retry-After: how long the client pauses every request. */
  readonly retryAfterMs?: number | undefined;
  /** When a 418 ban ends (the client sends nothing before). */
  readonly bannedUntilMs?: number | undefined;
}

/** Refusals of one kind make one outage; a change of kind (503s turn into 429s) is told as it comes. */
export type RefusalKind = 'serverError' | 'rateLimited' | 'banned' | 'blocked';

/** The kind of an HTTP status, or undefined when it is no refusal (a 400 says a request is wrong). */
export function refusalKind(status: number): RefusalKind | undefined {
  if (status === 418) return 'banned';
  if (status === 429) return 'rateLimited';
  if (status === 403) return 'blocked';
  return status >= 500 && status <= 599 ? 'serverError' : undefined;
}

/** `503 Service Unavailable`. */
function statusWords(status: number): string {
  const reason = STATUS_CODES[status];
  return reason === undefined ? `HTTP ${status}` : `${status} ${reason}`;
}

/** `1 failed request`, `3 failed requests`. */
function failedRequests(count: number): string {
  return `${count} failed request${count === 1 ? '' : 's'}`;
}

function waitWords(refusal: HttpRefusal): string {
  return refusal.retryAfterMs === undefined
    ? 'waiting for the next minute of the weight window'
    : `waiting ${waitOf(refusal.retryAfterMs)} as it asks`;
}

function banEndWords(refusal: HttpRefusal, nowMs: number): string {
  return refusal.bannedUntilMs === undefined ? 'for a while' : `until ${clockOf(refusal.bannedUntilMs, nowMs)}`;
}

/** The line that says an outage started. */
export function refusalStartLine(refusal: HttpRefusal, nowMs: number, retryAtLeastEveryMs: number): string {
  switch (refusalKind(refusal.status)) {
    case 'banned':
      return `Binance banned this IP ${banEndWords(refusal, nowMs)} (418, too many requests after a 429): no request is sent before then`;
    case 'rateLimited':
      return `Binance says the request weight limit was hit (429 Too Many Requests): ${waitWords(refusal)} before the next request`;
    case 'blocked':
      return "Binance's web firewall refuses requests from this IP (403 Forbidden)";
    default:
      return `Binance answers ${statusWords(refusal.status)}: retrying at least every ${Math.round(retryAtLeastEveryMs / 1000)} s`;
  }
}

/** The summary of a lasting outage: `failed` requests since `sinceMs`. */
export function refusalSummaryLine(refusal: HttpRefusal, failed: number, sinceMs: number, nowMs: number): string {
  const count = `${failedRequests(failed)} since ${clockOf(sinceMs, nowMs)}`;
  switch (refusalKind(refusal.status)) {
    case 'banned':
      return `this IP is still banned by Binance ${banEndWords(refusal, nowMs)} (${count})`;
    case 'rateLimited':
      return `Binance still says the request weight limit was hit (${count}); ${waitWords(refusal)}`;
    case 'blocked':
      return `Binance's web firewall still refuses requests from this IP (${count})`;
    default:
      return `Binance still answers ${statusWords(refusal.status)} (${count})`;
  }
}

/** The line that ends an outage. */
export function refusalEndLine(failed: number, sinceMs: number, nowMs: number): string {
  return `Binance answers normally again after ${durationOf(nowMs - sinceMs)} (${failedRequests(failed)} since ${clockOf(sinceMs, nowMs)})`;
}

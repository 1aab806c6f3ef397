import { evaluateHealth, type ShardHealth } from './health.js';
import type { DashboardLanguage } from './dashboard/labels.js';
import type { HttpSources, BotStatus, OpenTradeView } from './sources.js';
import { healthProblems } from './healthWords.js';
import { profileText, wordMemory, wordSignals, wordTrades } from './worded.js';

/** Rows an `?limit=` may ask for, and the count given when it is absent. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** Thrown for a bad query value; the server answers 400 with its message. */
export class BadRequestError extends Error {
  readonly code = 'BAD_REQUEST';
}

/** Reads `limit` from a query: absent → {@link DEFAULT_LIMIT}; an integer 1–{@link MAX_LIMIT}, else 400. */
export function parseLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new BadRequestError(`limit must be an integer 1–${MAX_LIMIT}`);
  return n;
}

/** The `/api/status` body: what the dashboard's header and status panel show. */
export interface StatusReport extends BotStatus {
  readonly ok: boolean;
  readonly uptimeS: number;
  readonly staleAfterMs: number;
  readonly shards: readonly ShardHealth[];
  readonly openTradeCount: number;
  readonly openTrades: readonly OpenTradeView[];
  readonly heldChats: readonly string[];
  /** Symbols declared late by the event-time watermark. */
  readonly lateSymbols: readonly string[];
  /** MODEL_PROFILE in words (the `profile` key stays for scripts). */
  readonly profileText: string;
  /** Why health fails, worded for people (the codes are in `/health`); empty when healthy. */
  readonly problems: readonly string[];
}

/** Combines the bot's status with shard freshness (judged like `/health`) and the open trades. */
export function buildStatus(sources: HttpSources, nowMs: number, language: DashboardLanguage = 'vi'): StatusReport {
  const health = evaluateHealth(sources, nowMs);
  const openTrades = wordTrades(sources.openTrades(), language);
  const status = sources.status();
  return {
    ...status,
    profileText: profileText(status.profile, language),
    problems: healthProblems(health.reasons, language),
    ok: health.ok,
    uptimeS: health.uptimeS,
    staleAfterMs: health.staleAfterMs,
    shards: health.shards,
    openTradeCount: openTrades.length,
    openTrades,
    heldChats: health.heldChats,
    lateSymbols: health.eventTime.lateSymbols,
  };
}

/**
 * JSON routes under `/api/`, by path: each reads the sources on every request. Signals and memory
 * verdicts carry their reasons worded in `language` (see worded.ts) beside the machine codes.
 */
export function apiRoutes(sources: HttpSources, nowMs: () => number, language: DashboardLanguage = 'vi'): ReadonlyMap<string, (query: URLSearchParams) => unknown> {
  return new Map<string, (query: URLSearchParams) => unknown>([
    ['/api/status', () => buildStatus(sources, nowMs(), language)],
    ['/api/signals', (q) => ({ signals: wordSignals(sources.recentSignals(parseLimit(q)), language, sources.rules) })],
    ['/api/trades', (q) => ({ open: wordTrades(sources.openTrades(), language), closed: wordTrades(sources.recentTrades(parseLimit(q)), language) })],
    ['/api/memory', () => wordMemory(sources.memory(), language, sources.rules)],
    ['/api/equity', () => ({ points: sources.equity() })],
  ]);
}

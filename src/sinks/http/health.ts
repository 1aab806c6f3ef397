import type { EventTimeView, HttpSources, ShardFreshness } from './sources.js';

/** Why `/health` answers 503: a stable `code` for alerting, a sentence for people. */
export interface HealthReason {
  readonly code: 'shard_stale' | 'shard_silent' | 'db_down';
  readonly detail: string;
  readonly shard?: string;
}

export interface ShardHealth extends ShardFreshness {
  readonly stale: boolean;
}

/** The `/health` body. `ok` is false exactly when `reasons` is non-empty. */
export interface HealthReport {
  readonly ok: boolean;
  readonly reasons: readonly HealthReason[];
  readonly uptimeS: number;
  readonly staleAfterMs: number;
  readonly db: boolean;
  readonly shards: readonly ShardHealth[];
  readonly heldChats: readonly string[];
  /** The event-time watermark and the symbols declared late: shown, they do not fail health. */
  readonly eventTime: EventTimeView;
}

/**
 * A shard is stale when its last frame is `staleAfterMs` old or older: a half-open socket sends
 * nothing. A shard that never had a frame is stale only once it has existed that long, so a
 * fresh start is not reported as an outage.
 */
export function isShardStale(shard: ShardFreshness, staleAfterMs: number, uptimeMs: number): boolean {
  if (shard.lastFrameAgeMs !== null) return shard.lastFrameAgeMs >= staleAfterMs;
  return (shard.ageMs ?? uptimeMs) >= staleAfterMs;
}

function dbAnswers(sources: HttpSources): boolean {
  try {
    return sources.dbOk() === true;
  } catch {
    return false;
  }
}

/** Reads the sources once and judges them. Held Telegram chats and late symbols are reported but do not fail health. */
export function evaluateHealth(sources: HttpSources, nowMs: number): HealthReport {
  const { staleAfterMs } = sources;
  const uptimeMs = Math.max(0, nowMs - sources.startedAtMs);
  const shards = sources.shards().map((s) => ({ ...s, stale: isShardStale(s, staleAfterMs, uptimeMs) }));
  const reasons: HealthReason[] = [];
  for (const s of shards) {
    if (!s.stale) continue;
    reasons.push(
      s.lastFrameAgeMs === null
        ? { code: 'shard_silent', shard: s.id, detail: `shard ${s.id} has had no frame in ${s.ageMs ?? uptimeMs} ms (limit ${staleAfterMs} ms)` }
        : { code: 'shard_stale', shard: s.id, detail: `shard ${s.id} last frame ${s.lastFrameAgeMs} ms ago (limit ${staleAfterMs} ms)` },
    );
  }
  const db = dbAnswers(sources);
  if (!db) reasons.push({ code: 'db_down', detail: 'SQLite did not answer SELECT 1' });
  return {
    ok: reasons.length === 0,
    reasons,
    uptimeS: Math.floor(uptimeMs / 1000),
    staleAfterMs,
    db,
    shards,
    heldChats: sources.heldChats(),
    eventTime: sources.eventTime(),
  };
}

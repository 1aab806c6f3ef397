import { normaliseVerdict, parseVerdictDetail, type LockVerdict, type MemoryEvent, type Scope, type Verdict } from '../../domain/memory.js';
import { lockRowKey, type MemorySnapshot } from '../../core/memory/snapshot.js';
import { parseScopeKey, scopeKey } from '../../core/memory/verdictKeys.js';
import type { Db } from './db.js';

interface LockRow {
  key: string;
  rule: string;
  scope: string;
  start_ms: number;
  until_ms: number;
  /** The lock's detail as JSON; rows written before details existed hold an English sentence (read as no detail). */
  reason: string;
  updated_ms: number;
}

/**
 * The memory's persisted side: `memory_state` holds the locks active as of the latest candle
 * (one row per rule and scope, with its `until`), `memory_events` every start and end. Rule locks
 * can be rebuilt from the trades; the rows let a restart check that, keep the operator's manual
 * pause, and let /status and reports read the memory from SQLite alone.
 */
export class MemoryRepo {
  private readonly upsertLock;
  private readonly deleteLock;
  private readonly allLocks;
  private readonly insertEvent;
  private readonly recentEvents;
  private readonly maxUpdated;
  private readonly newestOfRule;

  constructor(db: Db) {
    this.upsertLock = db.prepare(
      `INSERT INTO memory_state (key, rule, scope, start_ms, until_ms, reason, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET rule = excluded.rule, scope = excluded.scope, start_ms = excluded.start_ms,
         until_ms = excluded.until_ms, reason = excluded.reason, updated_ms = excluded.updated_ms`,
    );
    this.deleteLock = db.prepare(`DELETE FROM memory_state WHERE key = ?`);
    this.allLocks = db.prepare(`SELECT * FROM memory_state ORDER BY key`);
    this.insertEvent = db.prepare(
      `INSERT INTO memory_events (at_ms, kind, rule, type, scope, reason, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.recentEvents = db.prepare(`SELECT verdict, kind, at_ms FROM memory_events ORDER BY at_ms DESC, id DESC LIMIT ?`);
    this.maxUpdated = db.prepare(`SELECT MAX(updated_ms) AS t FROM memory_state`);
    // SQLite takes the bare columns of a MAX() aggregate from the row holding the maximum.
    this.newestOfRule = db.prepare(`SELECT kind, verdict, MAX(id) AS id FROM memory_events WHERE rule = ? GROUP BY scope ORDER BY scope`);
  }

  /** Makes memory_state hold exactly `snapshot`'s locks (call inside the candle's transaction). */
  saveSnapshot(snapshot: MemorySnapshot): void {
    const keep = new Set<string>();
    for (const lock of snapshot.locks) {
      const key = lockRowKey(lock);
      keep.add(key);
      this.upsertLock.run(key, lock.rule, scopeKey(lock.scope), lock.startMs, lock.untilMs, JSON.stringify(lock.detail), snapshot.asOfMs);
    }
    for (const row of this.allLocks.all() as LockRow[]) if (!keep.has(row.key)) this.deleteLock.run(row.key);
  }

  loadSnapshot(): MemorySnapshot {
    const rows = this.allLocks.all() as LockRow[];
    const locks: LockVerdict[] = rows.map((r) => ({
      type: 'lock', rule: r.rule, scope: parseScopeKey(r.scope) as Scope, startMs: r.start_ms, untilMs: r.until_ms, detail: parseVerdictDetail(r.reason),
    }));
    const asOf = (this.maxUpdated.get() as { t: number | null }).t ?? 0;
    return { asOfMs: asOf, locks };
  }

  appendEvents(events: readonly MemoryEvent[]): void {
    for (const e of events) {
      this.insertEvent.run(e.atMs, e.kind, e.verdict.rule, e.verdict.type, scopeKey(e.verdict.scope), JSON.stringify(e.verdict.detail), JSON.stringify(e.verdict));
    }
  }

  /**
   * The verdicts of these rules that were active after their last event (a start with no end
   * after it), one per scope: what the market rules had reported before a restart.
   */
  activeVerdicts(ruleIds: readonly string[]): Verdict[] {
    const active: Verdict[] = [];
    for (const rule of ruleIds) {
      for (const row of this.newestOfRule.all(rule) as { kind: 'start' | 'end'; verdict: string }[]) {
        if (row.kind === 'start') active.push(normaliseVerdict(JSON.parse(row.verdict) as Verdict));
      }
    }
    return active;
  }

  /** Newest first. */
  recent(limit: number): MemoryEvent[] {
    return (this.recentEvents.all(limit) as { verdict: string; kind: 'start' | 'end'; at_ms: number }[]).map((r) => ({
      kind: r.kind,
      atMs: r.at_ms,
      verdict: normaliseVerdict(JSON.parse(r.verdict) as Verdict),
    }));
  }
}

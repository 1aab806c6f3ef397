import type Database from 'better-sqlite3';

/** Memory rules whose verdict is a lock (pause, cooldown, model off) — MODELS.md rules 2, 5, 7. */
export const LOCK_RULES = ['globalLossStreak', 'symbolLossStreak', 'reversalWinRate'] as const;

/** What the signal path left in SQLite, read in one go. */
export interface SignalRows {
  readonly sent: number;
  readonly blocked: number;
  readonly closedTrades: number;
  readonly outcomes: Record<string, number>;
  /** Lock rules with a start and a later end of the same scope. */
  readonly locksStartedAndEnded: Array<{ rule: string; scope: string; startMs: number; endMs: number }>;
}

interface EventRow { at_ms: number; kind: 'start' | 'end'; rule: string; scope: string }

/** Counts signals and closed trades, and pairs lock starts with their ends. */
export function readSignalRows(db: Database.Database): SignalRows {
  const byStatus = db.prepare('SELECT status, COUNT(*) AS n FROM signals GROUP BY status').all() as Array<{ status: string; n: number }>;
  const outcomes = db.prepare("SELECT outcome, COUNT(*) AS n FROM trades WHERE status = 'closed' GROUP BY outcome").all() as Array<{ outcome: string; n: number }>;
  const events = db.prepare('SELECT at_ms, kind, rule, scope FROM memory_events ORDER BY id').all() as EventRow[];
  const open = new Map<string, number>();
  const locks: SignalRows['locksStartedAndEnded'] = [];
  for (const e of events) {
    if (!(LOCK_RULES as readonly string[]).includes(e.rule)) continue;
    const key = `${e.rule}|${e.scope}`;
    if (e.kind === 'start') open.set(key, e.at_ms);
    else if (open.has(key)) {
      locks.push({ rule: e.rule, scope: e.scope, startMs: open.get(key)!, endMs: e.at_ms });
      open.delete(key);
    }
  }
  return {
    sent: byStatus.find((r) => r.status === 'sent')?.n ?? 0,
    blocked: byStatus.find((r) => r.status === 'blocked')?.n ?? 0,
    closedTrades: outcomes.reduce((n, r) => n + r.n, 0),
    outcomes: Object.fromEntries(outcomes.map((r) => [r.outcome, r.n])),
    locksStartedAndEnded: locks,
  };
}

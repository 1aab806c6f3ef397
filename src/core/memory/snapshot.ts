import type { LockVerdict } from '../../domain/memory.js';
import { scopeKey } from './verdictKeys.js';

/** The rule name of the operator's `/pause`: a global lock that no trade can derive. */
export const MANUAL_PAUSE_RULE = 'manualPause';

/**
 * What memory persists (the memory_state table): the locks active at `asOfMs`, the manual pause
 * among them. Rule locks are derivable from the trades table; they are stored so a restart can be
 * checked against them and so `/status` can be answered from SQLite alone.
 */
export interface MemorySnapshot {
  readonly asOfMs: number;
  readonly locks: readonly LockVerdict[];
}

/** How a persisted snapshot compares with the state rebuilt from the trades. */
export interface SnapshotCheck {
  readonly agrees: boolean;
  /** Persisted and active at `asOfMs`, but not derived from the trades. */
  readonly missing: readonly LockVerdict[];
  /** Derived from the trades, but not persisted. */
  readonly unexpected: readonly LockVerdict[];
}

/** Row key of a lock in memory_state: `<rule>|<scope>`. */
export function lockRowKey(lock: LockVerdict): string {
  return `${lock.rule}|${scopeKey(lock.scope)}`;
}

function identity(lock: LockVerdict): string {
  return `${lockRowKey(lock)}|${lock.startMs}|${lock.untilMs}`;
}

function activeAt(locks: readonly LockVerdict[], nowMs: number): LockVerdict[] {
  return locks.filter((lock) => lock.startMs <= nowMs && nowMs < lock.untilMs);
}

/**
 * Compares the locks active at `asOfMs` in a persisted snapshot with derived ones (rule, scope,
 * start and until; reasons may differ). The manual pause is persisted only, so it is left out.
 */
export function compareLocks(persisted: MemorySnapshot, derived: readonly LockVerdict[]): SnapshotCheck {
  const ruleLocks = (locks: readonly LockVerdict[]) =>
    activeAt(locks, persisted.asOfMs).filter((lock) => lock.rule !== MANUAL_PAUSE_RULE);
  const stored = ruleLocks(persisted.locks);
  const rebuilt = ruleLocks(derived);
  const storedIds = new Set(stored.map(identity));
  const rebuiltIds = new Set(rebuilt.map(identity));
  const missing = stored.filter((lock) => !rebuiltIds.has(identity(lock)));
  const unexpected = rebuilt.filter((lock) => !storedIds.has(identity(lock)));
  return { agrees: missing.length === 0 && unexpected.length === 0, missing, unexpected };
}

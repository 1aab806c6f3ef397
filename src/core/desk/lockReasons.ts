import type { LockVerdict } from '../../domain/memory.js';
import type { Reason } from '../../domain/signal.js';

/** Reason codes of the locks, by the rule that set them. */
const LOCK_CODES: Readonly<Record<string, string>> = {
  globalLossStreak: 'pause',
  manualPause: 'pause',
  symbolLossStreak: 'symbol_cooldown',
  reversalWinRate: 'model_disabled',
};

/** A blocking lock as the reason recorded with the candidate it blocked. */
export function lockReason(lock: LockVerdict): Reason {
  return { code: LOCK_CODES[lock.rule] ?? 'lock', detail: `${lock.reason} until ${new Date(lock.untilMs).toISOString()}`, rule: lock.rule };
}

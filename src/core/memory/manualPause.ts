import { NO_DETAIL, type LockVerdict } from '../../domain/memory.js';
import type { RuleTracker } from './rule.js';
import { MANUAL_PAUSE_RULE } from './snapshot.js';

/** The operator's pause (`/pause` in Telegram): a global lock set by hand, not derived from trades. */
export interface ManualPauseTracker extends RuleTracker {
  readonly lock: LockVerdict | null;
  set(lock: LockVerdict | null): void;
}

export function manualPauseLock(startMs: number, untilMs: number): LockVerdict {
  return {
    type: 'lock',
    rule: MANUAL_PAUSE_RULE,
    scope: { kind: 'global' },
    startMs,
    untilMs,
    detail: NO_DETAIL,
  };
}

export function manualPauseTracker(): ManualPauseTracker {
  let lock: LockVerdict | null = null;
  return {
    get lock() {
      return lock;
    },
    set(next) {
      lock = next;
    },
    add() {},
    verdict(nowMs) {
      return lock !== null && lock.startMs <= nowMs && nowMs < lock.untilMs ? lock : null;
    },
  };
}

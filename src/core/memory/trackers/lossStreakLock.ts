import type { LockVerdict, Scope, VerdictDetail } from '../../../domain/memory.js';
import { isWin, type ClosedTrade } from '../../../domain/trade.js';
import type { RuleTracker } from '../rule.js';

export interface LossStreakLockParams {
  readonly rule: string;
  readonly minLosses: number;
  readonly lockMs: number;
  readonly scopeOf: (trade: ClosedTrade) => Scope;
  readonly detail: (losses: number) => VerdictDetail;
}

/**
 * Tracker for streak locks (rules 2 and 5, MODELS.md reading 8): the `minLosses`-th loss in a row
 * locks [its exit, exit + lockMs). The streak restarts at the trip; trades closed while the lock
 * holds are ignored, one closed exactly at `until` counts. A win (net R > 0) breaks the streak.
 */
export function lossStreakLockTracker(params: LossStreakLockParams): RuleTracker {
  let losses = 0;
  let lock: LockVerdict | null = null;
  return {
    add(trade) {
      if (lock !== null && trade.exitTimeMs < lock.untilMs) return;
      if (isWin(trade)) {
        losses = 0;
        return;
      }
      losses += 1;
      if (losses < params.minLosses) return;
      lock = {
        type: 'lock',
        rule: params.rule,
        scope: params.scopeOf(trade),
        startMs: trade.exitTimeMs,
        untilMs: trade.exitTimeMs + params.lockMs,
        detail: params.detail(losses),
      };
      losses = 0;
    },
    verdict(nowMs) {
      return lock !== null && lock.startMs <= nowMs && nowMs < lock.untilMs ? lock : null;
    },
  };
}

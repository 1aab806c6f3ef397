import type { LockVerdict, Scope, VerdictDetail } from '../../../domain/memory.js';
import { isWin, type ClosedTrade } from '../../../domain/trade.js';
import type { RuleTracker } from '../rule.js';
import { WinWindow } from './winWindow.js';

export interface WinRateLockParams {
  readonly rule: string;
  readonly scopeOf: (trade: ClosedTrade) => Scope;
  readonly windowTrades: number;
  readonly minTrades: number;
  readonly belowPct: number;
  readonly lockMs: number;
  readonly detail: (wins: number, count: number) => VerdictDetail;
}

/**
 * Tracker for a win-rate lock (the winRateLock kind, rule 7, MODELS.md reading 8): when at least `minTrades` of the last
 * `windowTrades` are in and the rate falls under `belowPct`, it locks [exit, exit + lockMs) and
 * empties the window. Trades closed while the lock holds are ignored; one closed at `until` counts.
 */
export function winRateLockTracker(params: WinRateLockParams): RuleTracker {
  const window = new WinWindow(params.windowTrades);
  let lock: LockVerdict | null = null;
  return {
    add(trade) {
      if (lock !== null && trade.exitTimeMs < lock.untilMs) return;
      window.push(isWin(trade));
      if (window.count < params.minTrades || !window.below(params.belowPct)) return;
      lock = {
        type: 'lock',
        rule: params.rule,
        scope: params.scopeOf(trade),
        startMs: trade.exitTimeMs,
        untilMs: trade.exitTimeMs + params.lockMs,
        detail: params.detail(window.wins, window.count),
      };
      window.clear();
    },
    verdict(nowMs) {
      return lock !== null && lock.startMs <= nowMs && nowMs < lock.untilMs ? lock : null;
    },
  };
}

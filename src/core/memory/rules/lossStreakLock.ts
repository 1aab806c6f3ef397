import { closedObject, integer, numberAbove, oneOf, optional } from '../../validate/index.js';
import { defineKind, HOUR_MS, lockCodeOfScope, scopeOfTrade, titleOfScope } from '../rule.js';
import { lossStreakLockTracker } from '../trackers/lossStreakLock.js';

/**
 * Loss-streak lock (rules 2 and 5): the `minLosses`-th loss in a row of its slice locks that slice
 * (all signals, a symbol, a model) for `lockHours` from that loss's exit; the streak restarts after.
 */
export const kind = defineKind(
  'lossStreakLock',
  ['global', 'symbol', 'model'],
  closedObject({
    model: optional(oneOf(['continuation', 'reversal'])),
    minLosses: integer(1, 50),
    lockHours: numberAbove(0, 720),
  }),
  {
    facts: (c, scope) => ({
      title: titleOfScope('lossStreak', scope), announce: true, lockCode: lockCodeOfScope(scope),
      terms: { effect: 'lossStreakLock', minLosses: c.minLosses, lockHours: c.lockHours },
    }),
    summary: () => 'new signals of its slice locked after a losing streak; the streak restarts after the lock',
    tracker: (id, scope, c) => () =>
      lossStreakLockTracker({
        rule: id,
        minLosses: c.minLosses,
        lockMs: c.lockHours * HOUR_MS,
        scopeOf: (trade) => scopeOfTrade(scope, trade),
        detail: (losses) => ({ kind: 'lossStreak', losses }),
      }),
  },
);

import { closedObject, number, numberAbove, optional, refine } from '../../validate/index.js';
import { defineKind, HOUR_MS, lockCodeOfScope, minFitsWindow, scopeOfTrade, titleOfScope, windowParams, type RuleTracker } from '../rule.js';
import { winRateLockTracker } from '../trackers/winRateLock.js';
import { windowRateTracker } from '../trackers/windowRate.js';

/**
 * Win-rate lock / notice (rules 7 and 8), on the last `windowTrades` trades of its slice, at least
 * `minTrades` of them in. With `belowWinRatePct` and `lockHours`: a win rate under the line locks
 * the slice (a model: switched off) for `lockHours` from the tripping trade's exit and empties the
 * window (MODELS.md reading 8). With `aboveWinRatePct`: a notice while the rate is over the line,
 * reported once per crossing; signals unchanged.
 */
export const kind = defineKind(
  'winRateLock',
  ['global', 'symbol', 'model'],
  refine(
    closedObject({
      ...windowParams,
      belowWinRatePct: optional(number(0, 100)),
      lockHours: optional(numberAbove(0, 720)),
      aboveWinRatePct: optional(number(0, 100)),
    }),
    minFitsWindow,
    {
      test: (c) => (c.belowWinRatePct === undefined) !== (c.aboveWinRatePct === undefined),
      allowed: 'exactly one of belowWinRatePct (a lock) and aboveWinRatePct (a notice)',
      path: ['belowWinRatePct'],
    },
    {
      test: (c) => (c.belowWinRatePct === undefined) === (c.lockHours === undefined),
      allowed: 'lockHours with belowWinRatePct, and only with it',
      path: ['lockHours'],
    },
  ),
  {
    facts: (c, scope) => {
      const window = { windowTrades: c.windowTrades, minTrades: c.minTrades };
      return c.aboveWinRatePct === undefined
        ? {
            title: titleOfScope('lowWinRate', scope), announce: true, lockCode: lockCodeOfScope(scope),
            terms: { effect: 'winRateLock', ...window, belowWinRatePct: c.belowWinRatePct ?? 0, lockHours: c.lockHours ?? 0 },
          }
        : { title: titleOfScope('goodRun', scope), announce: true, terms: { effect: 'winRateNotice', ...window, aboveWinRatePct: c.aboveWinRatePct } };
    },
    summary: (c) =>
      c.aboveWinRatePct === undefined
        ? 'its slice is locked (a model switched off) while its recent win rate is below the line; its window empties at the trip'
        : "a notice while the slice's recent win rate is above the line; signals unchanged",
    tracker: (id, scope, c) => (): RuleTracker => {
      const { aboveWinRatePct: above, belowWinRatePct: below, lockHours } = c;
      if (above !== undefined) {
        return windowRateTracker({
          windowTrades: c.windowTrades,
          minTrades: c.minTrades,
          direction: 'above',
          pct: above,
          scopeOf: (trade) => scopeOfTrade(scope, trade),
          verdict: (verdictScope, wins, count) => ({
            type: 'notice',
            rule: id,
            scope: verdictScope,
            detail: { kind: 'winRateAbove', wins, trades: count, linePct: above },
          }),
        });
      }
      const line = below ?? 0;
      return winRateLockTracker({
        rule: id,
        scopeOf: (trade) => scopeOfTrade(scope, trade),
        windowTrades: c.windowTrades,
        minTrades: c.minTrades,
        belowPct: line,
        lockMs: (lockHours ?? 0) * HOUR_MS,
        detail: (wins, trades) => ({ kind: 'winRateBelow', wins, trades, linePct: line }),
      });
    },
  },
);

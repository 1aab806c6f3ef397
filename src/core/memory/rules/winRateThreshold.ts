import { closedObject, integer, number, refine } from '../../validate/index.js';
import { defineKind, minFitsWindow, scopeOfTrade, titleOfScope, windowParams } from '../rule.js';
import { windowRateTracker } from '../trackers/windowRate.js';

/**
 * Win-rate threshold (rules 1 and 6): while fewer than `belowWinRatePct` % of the last
 * `windowTrades` trades of its slice (global, per symbol or one model's) are wins, at least
 * `minTrades` of them in, candidates of that slice need `thresholdAdd` more score points.
 * Quiet on Telegram: it toggles often and changes only thresholds.
 */
export const kind = defineKind(
  'winRateThreshold',
  ['global', 'symbol', 'model'],
  refine(closedObject({ ...windowParams, belowWinRatePct: number(0, 100), thresholdAdd: integer(0, 45) }), minFitsWindow),
  {
    facts: (c, scope) => ({
      title: titleOfScope('lowWinRate', scope), announce: false,
      terms: { effect: 'thresholdRaise', windowTrades: c.windowTrades, minTrades: c.minTrades, belowWinRatePct: c.belowWinRatePct, thresholdAdd: c.thresholdAdd },
    }),
    summary: () => 'score threshold raised while the win rate of the last trades is below the line',
    tracker: (id, scope, c) => () =>
      windowRateTracker({
        windowTrades: c.windowTrades,
        minTrades: c.minTrades,
        direction: 'below',
        pct: c.belowWinRatePct,
        scopeOf: (trade) => scopeOfTrade(scope, trade),
        verdict: (verdictScope, wins, count) => ({
          type: 'threshold',
          rule: id,
          scope: verdictScope,
          add: c.thresholdAdd,
          detail: { kind: 'winRateBelow', wins, trades: count, linePct: c.belowWinRatePct },
        }),
      }),
  },
);

import type { AdjustmentVerdict, VerdictDetail } from '../../../domain/memory.js';
import { closedObject, integer, number, numberAbove, optional, refine, withDefault } from '../../validate/index.js';
import { defineKind } from '../rule.js';
import { drawdownTracker } from '../trackers/drawdown.js';

/**
 * Drawdown cap (rules 3 and 4): while closed-trade paper equity is more than `aboveDrawdownPct` %
 * below its peak (the starting balance included), either signals per UTC day are capped at
 * `maxSignalsPerDay` or the risk per trade at `maxRiskPct` (exactly one of the two). Global only:
 * there is one equity curve. `startingEquity` is ACCOUNT_BALANCE unless given.
 */
export const kind = defineKind(
  'drawdownCap',
  ['global'],
  refine(
    closedObject({
      startingEquity: withDefault(number(10, 1e9), 1000),
      aboveDrawdownPct: numberAbove(0, 100),
      maxSignalsPerDay: optional(integer(0, 20)),
      maxRiskPct: optional(number(0.01, 5)),
    }),
    {
      test: (c) => (c.maxSignalsPerDay === undefined) !== (c.maxRiskPct === undefined),
      allowed: 'exactly one of maxSignalsPerDay and maxRiskPct',
      path: ['maxSignalsPerDay'],
    },
  ),
  {
    facts: (c) =>
      c.maxSignalsPerDay === undefined
        ? { title: 'drawdownRiskCap', announce: true, terms: { effect: 'drawdownRiskCap', aboveDrawdownPct: c.aboveDrawdownPct, maxRiskPct: c.maxRiskPct ?? 0 } }
        : { title: 'drawdownDailyCap', announce: true, terms: { effect: 'drawdownDailyCap', aboveDrawdownPct: c.aboveDrawdownPct, maxSignalsPerDay: c.maxSignalsPerDay } },
    summary: (c) =>
      `${c.maxSignalsPerDay === undefined ? 'risk per trade' : 'signals per day'} capped while closed-trade equity is too far below its peak`,
    tracker: (id, _, c) => () =>
      drawdownTracker({
        startingEquity: c.startingEquity,
        abovePct: c.aboveDrawdownPct,
        verdict: (drawdownPct): AdjustmentVerdict => {
          const detail: VerdictDetail = { kind: 'drawdown', drawdownPct, linePct: c.aboveDrawdownPct };
          return c.maxSignalsPerDay === undefined
            ? { type: 'riskCap', rule: id, scope: { kind: 'global' }, maxRiskPct: c.maxRiskPct ?? 0, detail }
            : { type: 'dailyCap', rule: id, scope: { kind: 'global' }, maxSignals: c.maxSignalsPerDay, detail };
        },
      }),
  },
);

import { z } from 'zod';
import { parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { windowRateTracker } from '../trackers/windowRate.js';

/** Rule 1: a weak overall run (win rate < 55 % of the last 20 trades, min 10) raises the score threshold by 5. */
export const name = 'globalWinRate';
export const scope = 'global';
export const configSchema = z
  .strictObject({
    windowTrades: z.int().min(1).max(500).default(20),
    minTrades: z.int().min(1).max(500).default(10),
    belowWinRatePct: z.number().min(0).max(100).default(55),
    thresholdAdd: z.int().min(0).max(45).default(5),
  })
  .refine((c) => c.minTrades <= c.windowTrades, { message: 'minTrades ≤ windowTrades', path: ['minTrades'] });
export type GlobalWinRateConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    config: c,
    summary: 'score threshold raised while the win rate of the last trades is below the line',
    tracker: () =>
      windowRateTracker({
        windowTrades: c.windowTrades,
        minTrades: c.minTrades,
        direction: 'below',
        pct: c.belowWinRatePct,
        scopeOf: () => ({ kind: 'global' }),
        verdict: (verdictScope, wins, count) => ({
          type: 'threshold',
          rule: name,
          scope: verdictScope,
          add: c.thresholdAdd,
          detail: { kind: 'winRateBelow', wins, trades: count, linePct: c.belowWinRatePct },
        }),
      }),
  });
}

import { z } from 'zod';
import { parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { windowRateTracker } from '../trackers/windowRate.js';

/**
 * Rule 8: a good run of the continuation model (win rate > 65 % of its last 20, min 10) is noticed
 * and reported once per crossing; it changes no signal.
 */
export const name = 'continuationWinRate';
export const scope = 'model';
export const configSchema = z
  .strictObject({
    model: z.enum(['continuation', 'reversal']).default('continuation'),
    windowTrades: z.int().min(1).max(500).default(20),
    minTrades: z.int().min(1).max(500).default(10),
    aboveWinRatePct: z.number().min(0).max(100).default(65),
  })
  .refine((c) => c.minTrades <= c.windowTrades, { message: 'minTrades ≤ windowTrades', path: ['minTrades'] });
export type ContinuationWinRateConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    model: c.model,
    config: c,
    summary: "a notice while the model's recent win rate is above the line; signals unchanged",
    tracker: () =>
      windowRateTracker({
        windowTrades: c.windowTrades,
        minTrades: c.minTrades,
        direction: 'above',
        pct: c.aboveWinRatePct,
        scopeOf: () => ({ kind: 'model', model: c.model }),
        verdict: (verdictScope, wins, count) => ({
          type: 'notice',
          rule: name,
          scope: verdictScope,
          detail: { kind: 'winRateAbove', wins, trades: count, linePct: c.aboveWinRatePct },
        }),
      }),
  });
}

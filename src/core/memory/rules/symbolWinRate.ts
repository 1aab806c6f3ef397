import { z } from 'zod';
import { parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { windowRateTracker } from '../trackers/windowRate.js';

/** Rule 6: a symbol that keeps failing (win rate < 50 % of its last 20, min 4) needs 5 more score points. */
export const name = 'symbolWinRate';
export const scope = 'symbol';
export const configSchema = z
  .strictObject({
    windowTrades: z.int().min(1).max(500).default(20),
    minTrades: z.int().min(1).max(500).default(4),
    belowWinRatePct: z.number().min(0).max(100).default(50),
    thresholdAdd: z.int().min(0).max(45).default(5),
  })
  .refine((c) => c.minTrades <= c.windowTrades, { message: 'minTrades ≤ windowTrades', path: ['minTrades'] });
export type SymbolWinRateConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    config: c,
    summary: "a symbol's score threshold raised while its own recent win rate is below the line",
    tracker: () =>
      windowRateTracker({
        windowTrades: c.windowTrades,
        minTrades: c.minTrades,
        direction: 'below',
        pct: c.belowWinRatePct,
        scopeOf: (trade) => ({ kind: 'symbol', symbol: trade.symbol }),
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

import { z } from 'zod';
import { parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { drawdownTracker } from '../trackers/drawdown.js';

/** Rule 3: a paper-equity drawdown above 5 % caps signals at 2 per UTC day. */
export const name = 'drawdownDailyCap';
export const scope = 'global';
export const configSchema = z.strictObject({
  startingEquity: z.number().min(10).max(1e9).default(1000),
  aboveDrawdownPct: z.number().positive().max(100).default(5),
  maxSignalsPerDay: z.int().min(0).max(20).default(2),
});
export type DrawdownDailyCapConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    config: c,
    summary: 'signals per day capped while closed-trade equity is too far below its peak',
    tracker: () =>
      drawdownTracker({
        startingEquity: c.startingEquity,
        abovePct: c.aboveDrawdownPct,
        verdict: (drawdownPct) => ({
          type: 'dailyCap',
          rule: name,
          scope: { kind: 'global' },
          maxSignals: c.maxSignalsPerDay,
          detail: { kind: 'drawdown', drawdownPct, linePct: c.aboveDrawdownPct },
        }),
      }),
  });
}

import { z } from 'zod';
import { parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { drawdownTracker } from '../trackers/drawdown.js';

/** Rule 4: a paper-equity drawdown above 8 % caps the risk per trade at 0.5 %. */
export const name = 'drawdownRiskCap';
export const scope = 'global';
export const configSchema = z.strictObject({
  startingEquity: z.number().min(10).max(1e9).default(1000),
  aboveDrawdownPct: z.number().positive().max(100).default(8),
  maxRiskPct: z.number().min(0.01).max(5).default(0.5),
});
export type DrawdownRiskCapConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    config: c,
    summary: 'risk per trade capped while closed-trade equity is too far below its peak',
    tracker: () =>
      drawdownTracker({
        startingEquity: c.startingEquity,
        abovePct: c.aboveDrawdownPct,
        verdict: (drawdownPct) => ({
          type: 'riskCap',
          rule: name,
          scope: { kind: 'global' },
          maxRiskPct: c.maxRiskPct,
          detail: { kind: 'drawdown', drawdownPct, linePct: c.aboveDrawdownPct },
        }),
      }),
  });
}

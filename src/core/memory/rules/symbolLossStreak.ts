import { z } from 'zod';
import { HOUR_MS, parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { lossStreakLockTracker } from '../trackers/lossStreakLock.js';

/** Rule 5: two losses in a row on one symbol cool that symbol down for 24 h. */
export const name = 'symbolLossStreak';
export const scope = 'symbol';
export const configSchema = z.strictObject({
  minLosses: z.int().min(1).max(50).default(2),
  cooldownHours: z.number().positive().max(720).default(24),
});
export type SymbolLossStreakConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    config: c,
    summary: 'a symbol cools down after its own losing streak; its streak restarts after',
    tracker: () =>
      lossStreakLockTracker({
        rule: name,
        minLosses: c.minLosses,
        lockMs: c.cooldownHours * HOUR_MS,
        scopeOf: (trade) => ({ kind: 'symbol', symbol: trade.symbol }),
        detail: (losses) => ({ kind: 'lossStreak', losses }),
      }),
  });
}

import { z } from 'zod';
import { HOUR_MS, parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { lossStreakLockTracker } from '../trackers/lossStreakLock.js';

/** Rule 2: three losses in a row pause all new signals for 12 h from the third loss's exit. */
export const name = 'globalLossStreak';
export const scope = 'global';
export const configSchema = z.strictObject({
  minLosses: z.int().min(1).max(50).default(3),
  pauseHours: z.number().positive().max(720).default(12),
});
export type GlobalLossStreakConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    config: c,
    summary: 'all new signals paused after a losing streak; the streak restarts after the pause',
    tracker: () =>
      lossStreakLockTracker({
        rule: name,
        minLosses: c.minLosses,
        lockMs: c.pauseHours * HOUR_MS,
        scopeOf: () => ({ kind: 'global' }),
        detail: (losses) => ({ kind: 'lossStreak', losses }),
      }),
  });
}

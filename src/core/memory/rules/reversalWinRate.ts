import { z } from 'zod';
import { HOUR_MS, parseRuleConfig, ruleFromTracker, type MemoryRule } from '../rule.js';
import { winRateLockTracker } from '../trackers/winRateLock.js';

/**
 * Rule 7: the reversal model is switched off for 48 h when it wins < 45 % of its last 20 trades
 * (min 10); after the lock only trades closed from its end on count.
 */
export const name = 'reversalWinRate';
export const scope = 'model';
export const configSchema = z
  .strictObject({
    model: z.enum(['continuation', 'reversal']).default('reversal'),
    windowTrades: z.int().min(1).max(500).default(20),
    minTrades: z.int().min(1).max(500).default(10),
    belowWinRatePct: z.number().min(0).max(100).default(45),
    disableHours: z.number().positive().max(720).default(48),
  })
  .refine((c) => c.minTrades <= c.windowTrades, { message: 'minTrades ≤ windowTrades', path: ['minTrades'] });
export type ReversalWinRateConfig = z.output<typeof configSchema>;

export function create(config: z.input<typeof configSchema> = {}): MemoryRule {
  const c = parseRuleConfig(name, configSchema, config);
  return ruleFromTracker({
    name,
    scope,
    model: c.model,
    config: c,
    summary: 'the model is switched off while its recent win rate is below the line; its window empties at the trip',
    tracker: () =>
      winRateLockTracker({
        rule: name,
        scope: { kind: 'model', model: c.model },
        windowTrades: c.windowTrades,
        minTrades: c.minTrades,
        belowPct: c.belowWinRatePct,
        lockMs: c.disableHours * HOUR_MS,
        detail: (wins, trades) => ({ kind: 'winRateBelow', wins, trades, linePct: c.belowWinRatePct }),
      }),
  });
}

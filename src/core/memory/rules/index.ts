import type { MemoryRule, MemoryRulePlugin } from '../rule.js';
import * as continuationWinRate from './continuationWinRate.js';
import * as drawdownDailyCap from './drawdownDailyCap.js';
import * as drawdownRiskCap from './drawdownRiskCap.js';
import * as globalLossStreak from './globalLossStreak.js';
import * as globalWinRate from './globalWinRate.js';
import * as reversalWinRate from './reversalWinRate.js';
import * as symbolLossStreak from './symbolLossStreak.js';
import * as symbolWinRate from './symbolWinRate.js';

export {
  continuationWinRate,
  drawdownDailyCap,
  drawdownRiskCap,
  globalLossStreak,
  globalWinRate,
  reversalWinRate,
  symbolLossStreak,
  symbolWinRate,
};

/** The 8 memory rules of MODELS.md, in its numbering (1 → 8). */
export const MEMORY_RULE_PLUGINS: readonly MemoryRulePlugin[] = [
  globalWinRate,
  globalLossStreak,
  drawdownDailyCap,
  drawdownRiskCap,
  symbolLossStreak,
  symbolWinRate,
  reversalWinRate,
  continuationWinRate,
];

export interface DefaultRulesOptions {
  /** ACCOUNT_BALANCE: where the drawdown rules (3, 4) start their equity curve. */
  readonly startingEquity: number;
  /** Per-rule config overrides by rule name; anything missing takes MODELS.md defaults. */
  readonly overrides?: Readonly<Record<string, Record<string, unknown>>>;
}

/** The 8 rules with MODELS.md defaults, the drawdown rules on the given starting equity. */
export function createDefaultMemoryRules({ startingEquity, overrides = {} }: DefaultRulesOptions): MemoryRule[] {
  return MEMORY_RULE_PLUGINS.map((plugin) => {
    const equity = plugin.name === drawdownDailyCap.name || plugin.name === drawdownRiskCap.name ? { startingEquity } : {};
    return plugin.create({ ...equity, ...overrides[plugin.name] });
  });
}

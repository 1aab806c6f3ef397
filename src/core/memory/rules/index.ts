import { ConfigError } from '../../../domain/errors.js';
import type { MemoryRule, MemoryRuleKind, RuleKindName, RuleSpec } from '../rule.js';
import { kind as chopThreshold } from './chopThreshold.js';
import { kind as drawdownCap } from './drawdownCap.js';
import { kind as lossStreakLock } from './lossStreakLock.js';
import { kind as winRateLock } from './winRateLock.js';
import { kind as winRateThreshold } from './winRateThreshold.js';

export { chopThreshold, drawdownCap, lossStreakLock, winRateLock, winRateThreshold };

/** The kinds, by name. */
export const MEMORY_RULE_KINDS: Readonly<Record<RuleKindName, MemoryRuleKind>> = { winRateThreshold, lossStreakLock, drawdownCap, winRateLock, chopThreshold };

/**
 * The 8 seed rules of MODELS.md as instances of the kinds, in its numbering (1 → 8). Their ids are
 * those stored in memory_state / memory_events rows, outbox keys and reasons: never rename one.
 * The drawdown instances take ACCOUNT_BALANCE as their starting equity (see {@link createMemoryRules}).
 */
export const SEED_RULES: readonly RuleSpec[] = [
  { id: 'globalWinRate', kind: 'winRateThreshold', scope: 'global', params: { windowTrades: 20, minTrades: 10, belowWinRatePct: 55, thresholdAdd: 5 } },
  { id: 'globalLossStreak', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 3, lockHours: 12 } },
  { id: 'drawdownDailyCap', kind: 'drawdownCap', scope: 'global', params: { aboveDrawdownPct: 5, maxSignalsPerDay: 2 } },
  { id: 'drawdownRiskCap', kind: 'drawdownCap', scope: 'global', params: { aboveDrawdownPct: 8, maxRiskPct: 0.5 } },
  { id: 'symbolLossStreak', kind: 'lossStreakLock', scope: 'symbol', params: { minLosses: 2, lockHours: 24 } },
  { id: 'symbolWinRate', kind: 'winRateThreshold', scope: 'symbol', params: { windowTrades: 20, minTrades: 4, belowWinRatePct: 50, thresholdAdd: 5 } },
  { id: 'reversalWinRate', kind: 'winRateLock', scope: 'model', params: { model: 'reversal', windowTrades: 20, minTrades: 10, belowWinRatePct: 45, lockHours: 48 } },
  { id: 'continuationWinRate', kind: 'winRateLock', scope: 'model', params: { model: 'continuation', windowTrades: 20, minTrades: 10, aboveWinRatePct: 65 } },
];

const SEED_IDS: ReadonlySet<string> = new Set(SEED_RULES.map((spec) => spec.id));

/**
 * One instance from its spec; a drawdown instance without `startingEquity` starts at `startingEquity`.
 * An instance with a seed id keeps the seed rules' short name; any other is named by what it does,
 * unless the spec gives it a title.
 */
export function createMemoryRule(spec: RuleSpec, startingEquity?: number): MemoryRule {
  const kind = MEMORY_RULE_KINDS[spec.kind];
  if (kind === undefined) throw new ConfigError(`memory.${spec.id}.kind`, String(spec.kind), Object.keys(MEMORY_RULE_KINDS).join(', '));
  const equity = spec.kind === 'drawdownCap' && startingEquity !== undefined && spec.params.startingEquity === undefined ? { startingEquity } : {};
  const naming = { ...(SEED_IDS.has(spec.id) ? { seed: true } : {}), ...(spec.title === undefined ? {} : { label: spec.title }) };
  return kind.create({ id: spec.id, scope: spec.scope, params: { ...spec.params, ...equity } }, naming);
}

export interface MemoryRulesOptions {
  /** ACCOUNT_BALANCE: where the drawdown instances start their equity curve. */
  readonly startingEquity: number;
  /** The configured instances (MEMORY_RULES_FILE); default the 8 seed rules. */
  readonly specs?: readonly RuleSpec[];
}

/** The configured rules, in their order; each id once. */
export function createMemoryRules({ startingEquity, specs = SEED_RULES }: MemoryRulesOptions): MemoryRule[] {
  const ids = new Set<string>();
  return specs.map((spec) => {
    if (ids.has(spec.id)) throw new ConfigError(`memory.${spec.id}.id`, spec.id, 'each id once');
    ids.add(spec.id);
    return createMemoryRule(spec, startingEquity);
  });
}

/** The 8 seed rules on the given starting equity. */
export function createDefaultMemoryRules({ startingEquity }: { readonly startingEquity: number }): MemoryRule[] {
  return createMemoryRules({ startingEquity });
}

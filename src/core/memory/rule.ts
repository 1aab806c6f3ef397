import type { z } from 'zod';
import { ConfigError } from '../../domain/errors.js';
import type { Verdict } from '../../domain/memory.js';
import type { ModelName } from '../../domain/signal.js';
import type { ClosedTrade } from '../../domain/trade.js';
import { historyAt } from './tradeOrder.js';

/**
 * How the engine slices the history for a rule: `global` rules read every closed trade, `symbol`
 * rules run once per symbol on that symbol's trades, `model` rules on their model's trades.
 */
export type RuleScopeKind = 'global' | 'symbol' | 'model';

/**
 * Incremental state of one rule over one slice of history: trades are added in memory order
 * (exit time, then symbol, then signal id: see compareTrades) and the verdict is read at an event time. The engine keeps one per
 * (rule, slice) so a closed trade costs O(1) per rule instead of a replay.
 */
export interface RuleTracker {
  add(trade: ClosedTrade): void;
  /**
   * The verdict at `nowMs`, given the trades added so far (all closed at or before `nowMs`).
   * Between two `add`s it may change with `nowMs` only where a lock it returns ends (a lock
   * starts at the exit of the trade that trips it): the engine caches verdicts on that promise.
   */
  verdict(nowMs: number): Verdict | null;
}

/** A configured memory rule: a pure function of the closed-trade history and event time. */
export interface MemoryRule {
  readonly name: string;
  readonly scope: RuleScopeKind;
  /** For `model` rules: the model whose trades the rule reads. */
  readonly model?: ModelName;
  /** Names the rule's parameters and values, for logs and `/status`. */
  describe(): string;
  /**
   * The rule's opinion at `nowMs` (`null` = none). `history` is the rule's slice, in any order;
   * trades closed after `nowMs` are ignored. Replays from scratch: locks rebuild after a restart.
   */
  evaluate(history: readonly ClosedTrade[], nowMs: number): Verdict | null;
  /** A fresh incremental tracker agreeing with `evaluate` trade by trade. */
  tracker(): RuleTracker;
}

/** What each file in `rules/` exports: a name, a scope, a zod config schema and a factory. */
export interface MemoryRulePlugin {
  readonly name: string;
  readonly scope: RuleScopeKind;
  readonly configSchema: z.ZodType<Record<string, unknown>>;
  create(config?: Record<string, unknown>): MemoryRule;
}

/** Parses a rule's config, defaults filled in; a bad value is a ConfigError naming `memory.<rule>.<field>`. */
export function parseRuleConfig<S extends z.ZodType>(ruleName: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const value = path === '' ? input : (input as Record<string, unknown> | undefined)?.[path];
  throw new ConfigError(
    `memory.${ruleName}${path === '' ? '' : `.${path}`}`,
    value === undefined ? undefined : JSON.stringify(value),
    issue?.message ?? 'a valid rule config',
  );
}

export interface RuleParts {
  readonly name: string;
  readonly scope: RuleScopeKind;
  readonly model?: ModelName;
  readonly config: Readonly<Record<string, unknown>>;
  /** One sentence on what the rule does, without the parameter values. */
  readonly summary: string;
  readonly tracker: () => RuleTracker;
}

/**
 * Builds a rule whose `evaluate` replays its own tracker, so the pure and the incremental
 * readings cannot drift apart.
 */
export function ruleFromTracker(parts: RuleParts): MemoryRule {
  const params = Object.entries(parts.config)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
  const { model } = parts;
  return {
    name: parts.name,
    scope: parts.scope,
    ...(model === undefined ? {} : { model }),
    describe: () => `${parts.name}(${params}): ${parts.summary}`,
    tracker: parts.tracker,
    evaluate(history, nowMs) {
      const tracker = parts.tracker();
      for (const trade of historyAt(history, nowMs)) {
        if (model === undefined || trade.model === model) tracker.add(trade);
      }
      return tracker.verdict(nowMs);
    },
  };
}

/** Hours in a config, as milliseconds of event time. */
export const HOUR_MS = 3_600_000;

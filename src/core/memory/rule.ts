import { ConfigError } from '../../domain/errors.js';
import type { DailyReading, Scope, Verdict } from '../../domain/memory.js';
import type { ModelName } from '../../domain/signal.js';
import type { ClosedTrade } from '../../domain/trade.js';
import { integer, oneOf, optional, type Rule, type Valid, type Validator } from '../validate/index.js';
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
  /**
   * For kinds that read the market (`reads: 'daily'`): the symbol's newest closed 1D candle, fed
   * once per new candle in event time. Like `add`, it may change the verdict.
   */
  observe?(reading: DailyReading): void;
  /**
   * For kinds that read the market: the verdict reported before a restart, held until the first
   * reading after it (the candles come back with the windows' warm-up, the verdict with the events).
   */
  resume?(verdict: Verdict): void;
}

/** The kinds of memory rule (freqtrade-style protections): each configured as instances with parameters. */
export const RULE_KIND_NAMES = ['winRateThreshold', 'lossStreakLock', 'drawdownCap', 'winRateLock', 'chopThreshold'] as const;
export type RuleKindName = (typeof RULE_KIND_NAMES)[number];

/** The reason code a rule's lock is recorded with on the candidate it blocks. */
export type LockCode = 'pause' | 'symbol_cooldown' | 'model_disabled';

/**
 * The human name of a rule, as a key the vi/en wording tables word (`ruleTitle`): chosen by the
 * rule's kind from its scope and effect, so a configured instance is named without a table of ids.
 */
export const RULE_TITLES = [
  'lowWinRateGlobal', 'lowWinRateSymbol', 'lowWinRateModel',
  'lossStreakGlobal', 'lossStreakSymbol', 'lossStreakModel',
  'drawdownDailyCap', 'drawdownRiskCap',
  'goodRunGlobal', 'goodRunSymbol', 'goodRunModel',
  'weakTrendSymbol',
  'manualPause',
] as const;
export type RuleTitle = (typeof RULE_TITLES)[number];

/**
 * What a rule does, with the numbers a trader tells two rules apart by: what a custom rule's name is
 * worded from (`ruleTerms` in the vi/en tables). Its effect, its scope (and model) and its parameters.
 */
export type RuleTerms = { readonly scope: RuleScopeKind; readonly model?: ModelName } & (
  | { readonly effect: 'thresholdRaise'; readonly windowTrades: number; readonly minTrades: number; readonly belowWinRatePct: number; readonly thresholdAdd: number }
  | { readonly effect: 'lossStreakLock'; readonly minLosses: number; readonly lockHours: number }
  | { readonly effect: 'drawdownDailyCap'; readonly aboveDrawdownPct: number; readonly maxSignalsPerDay: number }
  | { readonly effect: 'drawdownRiskCap'; readonly aboveDrawdownPct: number; readonly maxRiskPct: number }
  | { readonly effect: 'winRateLock'; readonly windowTrades: number; readonly minTrades: number; readonly belowWinRatePct: number; readonly lockHours: number }
  | { readonly effect: 'winRateNotice'; readonly windowTrades: number; readonly minTrades: number; readonly aboveWinRatePct: number }
  | { readonly effect: 'chopThreshold'; readonly belowTrendAtr: number; readonly thresholdAdd: number }
);
export type RuleEffect = RuleTerms['effect'];
export type RuleTermsOf<E extends RuleEffect> = Extract<RuleTerms, { readonly effect: E }>;

/**
 * A rule's own name from MEMORY_RULES_FILE (`title`), per language: it wins over every other name;
 * a language it leaves out gets the rule's usual name.
 */
export interface RuleLabel {
  readonly vi?: string;
  readonly en?: string;
}

/** What the readers outside the memory need to know of a rule, kept with the rule itself. */
export interface RuleFacts {
  /** The wording key of its short name by kind, scope and effect: the name of a seed rule. */
  readonly title: RuleTitle;
  /** What it does with its parameters: the name of a custom rule (absent for the manual pause). */
  readonly terms?: RuleTerms;
  /** A seed rule (its id is one of the 8 seed ids): named by its short `title`, as it always was. */
  readonly seed?: boolean;
  /** The operator's name for it (MEMORY_RULES_FILE `title`). */
  readonly label?: RuleLabel;
  /** Whether its starts and ends are sent on Telegram (otherwise only stored and logged). */
  readonly announce: boolean;
  /** For rules that lock: the reason code of the candidates they block. */
  readonly lockCode?: LockCode;
}

/**
 * What a rule reads: `trades` (the closed-trade history) or `daily` (each
 * symbol's newest closed 1D candle, a market regime; trades are ignored).
 */
export type RuleInput = 'trades' | 'daily';

/** A configured memory rule: a pure function of the closed-trade history (or the 1D readings) and event time. */
export interface MemoryRule {
  /** The instance id (`globalWinRate`): the `rule` of its verdicts, memory rows and reasons. */
  readonly name: string;
  readonly kind: RuleKindName;
  readonly reads: RuleInput;
  readonly scope: RuleScopeKind;
  /** The instance's parameters, defaults filled in. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly facts: RuleFacts;
  /** For `model` rules: the model whose trades the rule reads. */
  readonly model?: ModelName;
  /** Names the rule's parameters and values, for logs and `/status`. */
  describe(): string;
  /**
   * The rule's opinion at `nowMs` (`null` = none). `history` is the rule's slice, in any order;
   * trades closed after `nowMs` are ignored. Replays from scratch: locks rebuild after a restart.
   * `daily` are 1D readings for the kinds that read them, in any order; those ending after `nowMs`
   * are ignored, and of a symbol's others the newest counts.
   */
  evaluate(history: readonly ClosedTrade[], nowMs: number, daily?: readonly DailyReading[]): Verdict | null;
  /** A fresh incremental tracker agreeing with `evaluate` trade by trade. */
  tracker(): RuleTracker;
}

/** One configured instance of a kind: what a MEMORY_RULES_FILE entry holds. */
export interface RuleSpec {
  readonly id: string;
  readonly kind: RuleKindName;
  readonly scope: RuleScopeKind;
  readonly params: Readonly<Record<string, unknown>>;
  /** The operator's name for the rule, per language (a plain string in the file is both). */
  readonly title?: RuleLabel;
}

/** How an instance is named besides its terms: a seed rule, or the operator's title. */
export interface RuleNaming {
  readonly seed?: boolean;
  readonly label?: RuleLabel;
}

/**
 * What each file in `rules/` exports: a kind, the scopes it may run on, a validator of its
 * parameters and a factory of instances.
 */
export interface MemoryRuleKind {
  readonly name: RuleKindName;
  readonly scopes: readonly RuleScopeKind[];
  readonly paramsSchema: Validator<Record<string, unknown>>;
  /** An instance; a bad parameter is a ConfigError naming `memory.<id>.<field>`. */
  create(spec: Omit<RuleSpec, 'kind' | 'title'>, naming?: RuleNaming): MemoryRule;
}

/** Parses a rule's config, defaults filled in; a bad value is a ConfigError naming `memory.<rule>.<field>`. */
export function parseRuleConfig<V extends Validator<unknown>>(ruleName: string, params: V, input: unknown): Valid<V> {
  const checked = params.check(input ?? {});
  if (checked.ok) return checked.value as Valid<V>;
  const path = checked.problem.path.map(String).join('.');
  const value = path === '' ? input : (input as Record<string, unknown> | undefined)?.[path];
  throw new ConfigError(
    `memory.${ruleName}${path === '' ? '' : `.${path}`}`,
    value === undefined ? undefined : JSON.stringify(value),
    checked.problem.allowed,
  );
}

export interface RuleParts {
  readonly name: string;
  readonly kind: RuleKindName;
  readonly scope: RuleScopeKind;
  readonly facts: RuleFacts;
  readonly model?: ModelName;
  readonly config: Readonly<Record<string, unknown>>;
  /** One sentence on what the rule does, without the parameter values. */
  readonly summary: string;
  readonly tracker: () => RuleTracker;
  /** Default `trades`. */
  readonly reads?: RuleInput;
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
  const reads = parts.reads ?? 'trades';
  return {
    name: parts.name,
    kind: parts.kind,
    reads,
    scope: parts.scope,
    params: parts.config,
    facts: parts.facts,
    ...(model === undefined ? {} : { model }),
    describe: () => `${parts.name}(${params}): ${parts.summary}`,
    tracker: parts.tracker,
    evaluate(history, nowMs, daily = []) {
      if (reads === 'daily') return evaluateDaily(parts.tracker, daily, nowMs);
      const tracker = parts.tracker();
      for (const trade of historyAt(history, nowMs)) {
        if (model === undefined || trade.model === model) tracker.add(trade);
      }
      return tracker.verdict(nowMs);
    },
  };
}

/**
 * A market rule's verdict from 1D readings: the newest reading of each symbol ended by `nowMs`, one
 * tracker per symbol (the engine's slots); the first verdict in symbol order (a rule's `evaluate`
 * speaks for one slice, and tests read one symbol at a time).
 */
function evaluateDaily(tracker: () => RuleTracker, daily: readonly DailyReading[], nowMs: number): Verdict | null {
  const newest = new Map<string, DailyReading>();
  for (const reading of daily) {
    if (reading.endMs > nowMs) continue;
    const seen = newest.get(reading.symbol);
    if (seen === undefined || reading.endMs > seen.endMs) newest.set(reading.symbol, reading);
  }
  for (const symbol of [...newest.keys()].sort()) {
    const slot = tracker();
    slot.observe?.(newest.get(symbol)!);
    const verdict = slot.verdict(nowMs);
    if (verdict !== null) return verdict;
  }
  return null;
}

/**
 * The scope check every kind shares: a kind refuses a scope it cannot run on, and a `model` scope
 * needs `params.model`. Returns the model of a model-scoped instance.
 */
export function checkScope(id: string, kind: Pick<MemoryRuleKind, 'name' | 'scopes'>, scope: RuleScopeKind, model: ModelName | undefined): ModelName | undefined {
  if (!kind.scopes.includes(scope)) throw new ConfigError(`memory.${id}.scope`, scope, `for ${kind.name}: ${kind.scopes.join(', ')}`);
  if (scope === 'model' && model === undefined) throw new ConfigError(`memory.${id}.model`, undefined, 'continuation or reversal (a model-scoped rule names its model)');
  if (scope !== 'model' && model !== undefined) throw new ConfigError(`memory.${id}.model`, model, 'unset unless the scope is model');
  return scope === 'model' ? model : undefined;
}

/** The verdict scope of a trade in a rule's slice. */
export function scopeOfTrade(scope: RuleScopeKind, trade: Pick<ClosedTrade, 'symbol' | 'model'>): Scope {
  switch (scope) {
    case 'global':
      return { kind: 'global' };
    case 'symbol':
      return { kind: 'symbol', symbol: trade.symbol };
    case 'model':
      return { kind: 'model', model: trade.model };
  }
}

/** The reason code of a lock on a scope: a global lock is a pause, a symbol lock a cooldown, a model lock disables it. */
export function lockCodeOfScope(scope: RuleScopeKind): LockCode {
  return scope === 'global' ? 'pause' : scope === 'symbol' ? 'symbol_cooldown' : 'model_disabled';
}

/** A title key by scope: `lowWinRate` + `Global` / `Symbol` / `Model`. */
export function titleOfScope<P extends 'lowWinRate' | 'lossStreak' | 'goodRun'>(prefix: P, scope: RuleScopeKind): `${P}${'Global' | 'Symbol' | 'Model'}` {
  return `${prefix}${scope === 'global' ? 'Global' : scope === 'symbol' ? 'Symbol' : 'Model'}`;
}

/** What a kind makes of an instance's checked parameters. */
export interface KindParts<C> {
  /** Its short title, announcing and lock code, and its terms (the model of a model scope is added). */
  readonly facts: (config: C, scope: RuleScopeKind) => Omit<RuleFacts, 'terms' | 'seed' | 'label'> & { readonly terms: DistributiveOmit<RuleTerms, 'scope' | 'model'> };
  /** One sentence on what the rule does, without the parameter values. */
  readonly summary: (config: C) => string;
  readonly tracker: (id: string, scope: RuleScopeKind, config: C) => () => RuleTracker;
  /** Default `trades`. */
  readonly reads?: RuleInput;
}

/**
 * A kind from its parameters' validator and parts: `create` checks the scope and the parameters (a
 * ConfigError names `memory.<id>.<field>`) and builds the instance with {@link ruleFromTracker}.
 */
export function defineKind<S extends Validator<Record<string, unknown> & { model?: ModelName }>>(
  name: RuleKindName,
  scopes: readonly RuleScopeKind[],
  paramsSchema: S,
  parts: KindParts<Valid<S>>,
): MemoryRuleKind {
  const kind = { name, scopes };
  return {
    ...kind,
    paramsSchema,
    create({ id, scope, params }, naming = {}) {
      const config = parseRuleConfig(id, paramsSchema, params);
      const model = checkScope(id, kind, scope, config.model);
      const onModel = model === undefined ? {} : { model };
      const { terms, ...facts } = parts.facts(config, scope);
      return ruleFromTracker({
        name: id, kind: name, scope, ...onModel, config, summary: parts.summary(config), tracker: parts.tracker(id, scope, config), reads: parts.reads ?? 'trades',
        facts: {
          ...facts,
          terms: { ...terms, scope, ...onModel } as RuleTerms,
          ...(naming.seed === true ? { seed: true } : {}),
          ...(naming.label === undefined ? {} : { label: naming.label }),
        },
      });
    },
  };
}

/** Parameters every windowed win-rate kind shares: `minTrades` of the last `windowTrades`, and the model of a model scope. */
export const windowParams = {
  model: optional(oneOf(['continuation', 'reversal'])),
  windowTrades: integer(1, 500),
  minTrades: integer(1, 500),
};

/** The window's rule: the minimum fits in the window. */
export const minFitsWindow: Rule<{ readonly minTrades: number; readonly windowTrades: number }> = {
  test: (c) => c.minTrades <= c.windowTrades,
  allowed: 'minTrades ≤ windowTrades',
  path: ['minTrades'],
};

/** `Omit` over each member of a union, so the members stay apart. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Hours in a config, as milliseconds of event time. */
export const HOUR_MS = 3_600_000;

import type { RuleKindName, RuleSpec } from '../../core/memory/rule.js';
import { createMemoryRules, SEED_RULES } from '../../core/memory/rules/index.js';
import { ruleBook } from '../../core/memory/ruleBook.js';
import { EN } from '../../sinks/telegram/templates/strings.en.js';
import { ruleNameText } from '../../sinks/telegram/templates/reasonText.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../core/models/modelConfig.js';
import type { ModelProfile } from '../../domain/signal.js';
import type { BacktestSettings } from '../../backtest/runner.js';

/**
 * One tunable number: a stable key, what a reader calls it, and the values a search may pick
 * (a grid walks them all, a random search draws among them: both stay inside validated ranges).
 */
export interface ParamDef {
  /** `scoreThreshold`, `model.continuation.stopAtr`, `memory.<rule id>.<param>`. */
  readonly key: string;
  readonly label: string;
  readonly values: readonly number[];
}

/** A trial's choice: a value for some keys of the space; keys left out keep the base settings. */
export type ParamValues = Readonly<Record<string, number>>;

const THRESHOLD: ParamDef = { key: 'scoreThreshold', label: 'score threshold', values: [65, 70, 75, 80, 85] };

type ModelSection = 'continuation' | 'reversal' | 'seedContinuation' | 'seedReversal';

/** The ATR stop and target multiples of each model of a profile (MODELS.md), with the values searched. */
const MODEL_PARAMS: Readonly<Record<ModelProfile, ReadonlyArray<{ section: ModelSection; field: 'stopAtr' | 'targetAtr'; label: string; values: number[] }>>> = {
  seed: [
    { section: 'seedContinuation', field: 'stopAtr', label: 'continuation stop (ATR)', values: [1.5, 2, 2.5, 3] },
    { section: 'seedContinuation', field: 'targetAtr', label: 'continuation target (ATR)', values: [2, 3, 4, 5] },
    { section: 'seedReversal', field: 'stopAtr', label: 'reversal stop (ATR)', values: [1, 1.5, 2, 2.5] },
  ],
  confluence: [
    { section: 'continuation', field: 'stopAtr', label: 'continuation stop (ATR)', values: [2, 3, 4] },
    { section: 'continuation', field: 'targetAtr', label: 'continuation target (ATR)', values: [4, 6, 8] },
    { section: 'reversal', field: 'stopAtr', label: 'reversal stop (ATR)', values: [2, 3, 4] },
    { section: 'reversal', field: 'targetAtr', label: 'reversal target (ATR)', values: [3, 4, 6] },
  ],
};

/** The thresholds and durations of each memory rule kind searched, when a rule has that parameter. */
// Partial: a kind added later (a regime rule) runs with its parameters as configured until it is declared here.
const RULE_PARAMS: Readonly<Partial<Record<RuleKindName, Readonly<Record<string, { label: string; values: number[] }>>>>> = {
  winRateThreshold: { belowWinRatePct: { label: 'win rate below (%)', values: [40, 45, 50, 55, 60] }, thresholdAdd: { label: 'threshold raise', values: [0, 5, 10] } },
  lossStreakLock: { minLosses: { label: 'losses in a row', values: [2, 3, 4, 5] }, lockHours: { label: 'lock (hours)', values: [6, 12, 24, 48] } },
  drawdownCap: { aboveDrawdownPct: { label: 'drawdown above (%)', values: [3, 5, 8, 12] } },
  winRateLock: { belowWinRatePct: { label: 'win rate below (%)', values: [35, 40, 45, 50] }, lockHours: { label: 'lock (hours)', values: [24, 48, 96] } },
  chopThreshold: { belowTrendAtr: { label: 'daily trend below (ATR)', values: [0.5, 1, 1.5, 2, 3] }, thresholdAdd: { label: 'threshold raise', values: [5, 10, 15] } },
};

/**
 * The declared space of one search: the score threshold, the ATR multiples of the profile's models
 * and, with the memory on, the thresholds and durations of the configured rules (by kind, only the
 * parameters an instance has). Order is fixed: it is the order of a grid's digits and of the report.
 */
export function paramSpace(profile: ModelProfile, memory: boolean, rules: readonly RuleSpec[] = SEED_RULES): ParamDef[] {
  const space: ParamDef[] = [THRESHOLD];
  for (const p of MODEL_PARAMS[profile]) space.push({ key: `model.${p.section}.${p.field}`, label: p.label, values: p.values });
  if (!memory) return space;
  // Rules are named as every report names them (their title, or what they do), never by id.
  const book = ruleBook(createMemoryRules({ startingEquity: 1000, specs: rules }));
  for (const rule of rules) {
    for (const [param, def] of Object.entries(RULE_PARAMS[rule.kind] ?? {})) {
      if (typeof rule.params[param] === 'number') space.push({ key: `memory.${rule.id}.${param}`, label: `${ruleNameText(rule.id, EN, book)}: ${def.label}`, values: def.values });
    }
  }
  return space;
}

/** The base settings with a trial's values put in; the base's models default to MODELS.md's. */
export function applyParams(base: BacktestSettings, values: ParamValues): BacktestSettings {
  let models: ModelConfig = base.models ?? DEFAULT_MODEL_CONFIG;
  let rules: readonly RuleSpec[] = base.memoryRules ?? SEED_RULES;
  let scoreThreshold = base.scoreThreshold;
  for (const [key, value] of Object.entries(values)) {
    const [head, a, b] = key.split('.') as [string, string, string];
    if (head === 'scoreThreshold') scoreThreshold = value;
    else if (head === 'model') models = { ...models, [a]: { ...models[a as ModelSection], [b]: value } };
    else if (head === 'memory') rules = rules.map((r) => (r.id === a ? { ...r, params: { ...r.params, [b]: value } } : r));
    else throw new Error(`unknown parameter ${key}`);
  }
  return { ...base, scoreThreshold, models, memoryRules: rules };
}

/** The base settings' value of every key of the space: what trial 0 (the configuration as given) runs. */
export function baseValues(base: BacktestSettings, space: readonly ParamDef[]): Record<string, number> {
  const models = base.models ?? DEFAULT_MODEL_CONFIG;
  const rules = base.memoryRules ?? SEED_RULES;
  const out: Record<string, number> = {};
  for (const { key } of space) {
    const [head, a, b] = key.split('.') as [string, string, string];
    if (head === 'scoreThreshold') out[key] = base.scoreThreshold;
    else if (head === 'model') out[key] = (models[a as ModelSection] as unknown as Record<string, number>)[b]!;
    else out[key] = rules.find((r) => r.id === a)!.params[b] as number;
  }
  return out;
}

import type { RuleSpec } from '../../core/memory/rule.js';
import type { BacktestSettings } from '../../backtest/runner.js';
import { applyParams, baseValues, type ParamDef, type ParamValues } from './paramSpace.js';

export interface EnvFragment {
  readonly env: string;
  /** The memory rules file's JSON, when the choice tunes a rule. */
  readonly memoryRules?: string;
}

/**
 * A variant's recommendation as lines of a `.env` file: MODEL_PROFILE, MEMORY_ENABLED,
 * SCORE_THRESHOLD and, when a rule parameter differs from the rules as given, MEMORY_RULES_FILE naming `rulesPath` (whose
 * JSON is returned beside). The ATR multiples are not environment variables of the bot: they are
 * written as comments, to be set in the models' configuration by hand.
 */
export function envFragment(base: BacktestSettings, space: readonly ParamDef[], chosen: ParamValues, heading: string, rulesPath: string): EnvFragment {
  const settings = applyParams(base, chosen);
  const lines = [`# ${heading}`, `MODEL_PROFILE=${settings.profile}`, `MEMORY_ENABLED=${settings.memory}`, `SCORE_THRESHOLD=${settings.scoreThreshold}`];
  const given = baseValues(base, space);
  // A rules file only when a rule's parameter differs from the rules as given.
  const tunesRules = settings.memory && Object.keys(chosen).some((k) => k.startsWith('memory.') && chosen[k] !== given[k]);
  if (tunesRules) lines.push(`MEMORY_RULES_FILE=${rulesPath}`);
  const models = space.filter((p) => p.key.startsWith('model.'));
  if (models.length > 0) {
    lines.push('# The ATR multiples are not environment variables: the bot uses the defaults of docs/MODELS.md unless they are changed there.');
    for (const p of models) if (chosen[p.key] !== undefined) lines.push(`#   ${p.label}: ${chosen[p.key]}`);
  }
  const rules: readonly RuleSpec[] | undefined = tunesRules ? settings.memoryRules : undefined;
  return { env: `${lines.join('\n')}\n`, ...(rules === undefined ? {} : { memoryRules: `${JSON.stringify(rules, null, 2)}\n` }) };
}

import { readFileSync } from 'node:fs';
import { RULE_KIND_NAMES, type RuleLabel, type RuleSpec } from '../core/memory/rule.js';
import { createMemoryRule, SEED_RULES } from '../core/memory/rules/index.js';
import { closedObject, map, matching, oneOf, optional, plainObject, refine, string, union } from '../core/validate/index.js';
import { ConfigError } from '../domain/errors.js';

const VARIABLE = 'MEMORY_RULES_FILE';

/** No control character (a line break, a tab). */
const ONE_LINE = /^[^\p{Cc}]*$/u;

/** A rule's name as traders read it: one line of 1–80 characters, spaces around it dropped. */
const titleText = refine(map(string(), (text) => text.trim()), {
  test: (text) => text.length >= 1 && text.length <= 80 && ONE_LINE.test(text),
  allowed: 'a name of 1–80 characters on one line',
});

/** `title`: one name for both languages, or `{ "vi", "en" }` with at least one of them. */
const titleSchema = union(
  [
    map(titleText, (text): RuleLabel => ({ vi: text, en: text })),
    refine(closedObject({ vi: optional(titleText), en: optional(titleText) }), {
      test: (t) => t.vi !== undefined || t.en !== undefined,
      allowed: 'at least one of vi and en',
    }),
  ],
  'a name, or { vi, en }',
);

/** One entry of the file; its params are checked by its kind. */
const entrySchema = closedObject({
  id: matching(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
  kind: oneOf(RULE_KIND_NAMES),
  scope: oneOf(['global', 'symbol', 'model']),
  params: plainObject(),
  title: optional(titleSchema),
});

const ALLOWED: Record<string, string> = {
  id: 'a name of letters, digits and _ (1–64, a letter first)',
  kind: RULE_KIND_NAMES.join(', '),
  scope: 'global, symbol, model',
  params: "an object of the kind's parameters",
  title: 'a name of 1–80 characters on one line, or { "vi": …, "en": … } with at least one of them',
};

/** An entry as a spec, the `title` only when given; `undefined` when the entry does not fit the schema. */
function specOf(entry: unknown): RuleSpec | undefined {
  const checked = entrySchema.check(entry);
  if (!checked.ok) return undefined;
  const { title, ...spec } = checked.value;
  return title === undefined ? spec : { ...spec, title: dropUnset(title) };
}

function dropUnset(label: RuleLabel): RuleLabel {
  return { ...(label.vi === undefined ? {} : { vi: label.vi }), ...(label.en === undefined ? {} : { en: label.en }) };
}

/**
 * The rules a backtest report recorded (`config.MEMORY_RULES`: the file's entries), for naming them
 * when the report is rendered: entries that no longer fit the schema are left out (their rows then
 * read as the seed rules' or a generic memory rule).
 */
export function recordedRuleSpecs(recorded: unknown): RuleSpec[] {
  if (!Array.isArray(recorded)) return [];
  return recorded.map(specOf).filter((spec): spec is RuleSpec => spec !== undefined);
}

/** `MEMORY_RULES_FILE rule 2 (globalLossStreak) params.minLosses`: where in the file a bad value is. */
function where(index: number, id: unknown, field: string): string {
  const name = typeof id === 'string' && id !== '' ? ` (${id})` : '';
  return `${VARIABLE} rule ${index + 1}${name} ${field}`;
}

/**
 * The memory rules of MEMORY_RULES_FILE: a JSON array of `{ id, kind, scope, params, title? }`, each checked
 * by its kind with the starting equity (ACCOUNT_BALANCE) of the drawdown instances. Unset: the 8
 * seed rules. A bad file or entry is a ConfigError naming the rule (number and id) and the field.
 */
export function loadMemoryRuleSpecs(path: string | undefined, startingEquity: number): readonly RuleSpec[] {
  if (path === undefined) return SEED_RULES;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(VARIABLE, path, `a readable JSON file (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new ConfigError(VARIABLE, path, 'a JSON array of at least one { id, kind, scope, params }');
  const specs = raw.map((entry: unknown, index): RuleSpec => {
    const spec = specOf(entry);
    if (spec !== undefined) return spec;
    const checked = entrySchema.check(entry);
    const problem = checked.ok ? undefined : checked.problem;
    const field = problem?.path[0] === undefined ? (problem?.unknownKeys?.join(', ') ?? 'entry') : String(problem.path[0]);
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const value = record[field];
    throw new ConfigError(where(index, record.id, field), value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value), ALLOWED[field] ?? 'only id, kind, scope, params and title');
  });
  const seen = new Set<string>();
  specs.forEach((spec, index) => {
    if (seen.has(spec.id)) throw new ConfigError(where(index, spec.id, 'id'), spec.id, 'each id once');
    seen.add(spec.id);
    try {
      createMemoryRule(spec, startingEquity);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The kind names `memory.<id>.<field>`: the field is one of the params, or the scope.
      const field = error.variable.slice(`memory.${spec.id}.`.length);
      throw new ConfigError(where(index, spec.id, field === 'scope' ? field : `params${field === '' ? '' : `.${field}`}`), error.value, error.allowed);
    }
  });
  return specs;
}

import { recordedRuleSpecs } from '../../config/memoryRules.js';
import type { MemoryRule } from '../../core/memory/rule.js';
import { ruleBook, type RuleBook } from '../../core/memory/ruleBook.js';
import { createMemoryRule } from '../../core/memory/rules/index.js';
import type { ReportRun } from './types.js';

/**
 * The rule book of a reported run, from the rules it recorded (`config.MEMORY_RULES`: ids, kinds,
 * scopes, parameters and titles), so the report names a custom rule as the bot's messages do. A
 * recorded rule that no longer builds is left out; a report without the record names the seed rules.
 */
export function runRuleBook(run: Pick<ReportRun, 'config' | 'startingEquity'>): RuleBook {
  const rules: MemoryRule[] = [];
  for (const spec of recordedRuleSpecs(run.config.MEMORY_RULES)) {
    try {
      rules.push(createMemoryRule(spec, run.startingEquity));
    } catch {
      // A rule of an older or hand-edited report: its rows fall back to the generic names.
    }
  }
  return ruleBook(rules);
}

import type { RuleTerms } from '../../../core/memory/rule.js';
import { SEED_RULE_BOOK, type RuleBook } from '../../../core/memory/ruleBook.js';
import type { Verdict, VerdictDetail } from '../../../domain/memory.js';
import type { ReasonCode, ReasonDetails, StoredReason } from '../../../domain/reason.js';
import type { ScoreBreakdown } from '../../../domain/signal.js';
import { formatPoints, formatUtc } from './format.js';
import type { Strings } from './strings.js';

/**
 * Reasons, memory rules and score components in a trader's words: every reader (Telegram, the
 * console sink, the dashboard, the backtest report) words them here, so no machine code, rule id
 * or breakdown key reaches a person. All results are plain text: escape before putting in HTML.
 */

/**
 * A rule's human name: the one place every reader (Telegram messages and replies, the dashboard,
 * the backtest report) names a memory rule. `book` is the rule book of the run (the configured
 * rules); a seed id it does not hold (a row from before MEMORY_RULES_FILE) is looked up among the
 * seed rules. In order: the operator's own title in this language (MEMORY_RULES_FILE `title`); for
 * a seed rule and the manual pause, their short title; for a custom rule, what it does with its
 * parameters (`Loss streak lock (per symbol): 3 losses → pause 12 h`). A rule no book knows reads
 * as a generic memory rule. Never the id.
 */
export function ruleNameText(rule: string, s: Strings, book: RuleBook): string {
  const facts = book.facts(rule) ?? SEED_RULE_BOOK.facts(rule);
  if (facts === undefined) return s.unnamedRule;
  const own = facts.label?.[s.language];
  if (own !== undefined) return own;
  if (facts.seed === true || facts.terms === undefined) return s.ruleTitle[facts.title];
  return ruleTermsText(facts.terms, s);
}

/** A custom rule's name from its terms: kind, scope (a model by its name) and parameters. */
export function ruleTermsText(terms: RuleTerms, s: Strings): string {
  const scope = terms.scope === 'global' ? s.ruleScope.global : terms.scope === 'symbol' ? s.ruleScope.symbol : s.ruleScope.model(terms.model === undefined ? '' : s.model[terms.model]);
  return (s.ruleTerms[terms.effect] as (t: RuleTerms, scope: string) => string)(terms, scope);
}

/** A memory rule's facts (`''` when it has none). */
export function verdictDetailText(detail: VerdictDetail, s: Strings): string {
  return (s.verdictDetail[detail.kind] as (d: VerdictDetail) => string)(detail);
}

/** The detail of a reason (`''` for a reason stored before details existed). */
export function reasonDetailText(reason: StoredReason, s: Strings): string {
  if (reason.detail === undefined) return '';
  const d = reason.detail as ReasonDetails[ReasonCode] & { why?: VerdictDetail; untilMs?: number; model?: keyof Strings['model'] };
  const extras = {
    whyText: d.why === undefined ? '' : verdictDetailText(d.why, s),
    untilText: d.untilMs === undefined ? '' : formatUtc(d.untilMs),
    modelText: d.model === undefined ? '' : s.model[d.model],
  };
  return (s.reasonDetail[reason.code] as (x: typeof d & typeof extras) => string)({ ...d, ...extras });
}

/** A reason as one line: its label, the rule's name when a rule set it, and its detail. */
export function reasonText(reason: StoredReason, s: Strings, book: RuleBook): string {
  const rule = reason.rule === undefined ? '' : ` (${ruleNameText(reason.rule, s, book)})`;
  const detail = reasonDetailText(reason, s);
  return `${s.reasonLabel[reason.code]}${rule}${detail === '' ? '' : `: ${detail}`}`;
}

/** Score components as `1D trend: +25 points · 19-bar move: +6.3 points`, points signed, at most one decimal. */
export function breakdownText(breakdown: ScoreBreakdown, s: Strings, separator = ' · '): string {
  return Object.entries(breakdown)
    .map(([key, points = 0]) => `${s.breakdownLabel[key as keyof Strings['breakdownLabel']] ?? s.breakdown}: ${s.points(`${points < 0 ? '' : '+'}${formatPoints(points)}`)}`)
    .join(separator);
}

/** A verdict's effect and facts as the dashboard and report tables show them. */
export function verdictText(v: Verdict, s: Strings, book: RuleBook): { rule: string; type: string; detail: string } {
  return { rule: ruleNameText(v.rule, s, book), type: s.verdictType[v.type], detail: verdictDetailText(v.detail, s) };
}

import { SEED_RULE_BOOK, type RuleBook } from '../../../core/memory/ruleBook.js';
import type { Verdict, VerdictDetail } from '../../../domain/memory.js';
import type { ReasonCode, ReasonDetails, StoredReason } from '../../../domain/reason.js';
import type { ScoreBreakdown } from '../../../domain/signal.js';
import { formatScore, formatUtc } from './format.js';
import type { Strings } from './strings.js';

/**
 * Reasons, memory rules and score components in a trader's words: every reader (Telegram, the
 * console sink, the dashboard, the backtest report) words them here, so no machine code, rule id
 * or breakdown key reaches a person. All results are plain text: escape before putting in HTML.
 */

/**
 * A rule's human name, by the title its rule book gives it (default the seed rules'); a rule the
 * book does not know reads as a generic memory rule, never as its id.
 */
export function ruleNameText(rule: string, s: Strings, book: RuleBook = SEED_RULE_BOOK): string {
  const title = book.facts(rule)?.title;
  return title === undefined ? s.unnamedRule : s.ruleTitle[title];
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
export function reasonText(reason: StoredReason, s: Strings, book?: RuleBook): string {
  const rule = reason.rule === undefined ? '' : ` (${ruleNameText(reason.rule, s, book)})`;
  const detail = reasonDetailText(reason, s);
  return `${s.reasonLabel[reason.code]}${rule}${detail === '' ? '' : `: ${detail}`}`;
}

/** Score components as `1D trend 25 · 4H slope 20`, points to at most one decimal. */
export function breakdownText(breakdown: ScoreBreakdown, s: Strings, separator = ' · '): string {
  return Object.entries(breakdown)
    .map(([key, points]) => `${s.breakdownLabel[key as keyof Strings['breakdownLabel']] ?? s.breakdown} ${formatScore(points ?? 0)}`)
    .join(separator);
}

/** A verdict's effect and facts as the dashboard and report tables show them. */
export function verdictText(v: Verdict, s: Strings, book?: RuleBook): { rule: string; type: string; detail: string } {
  return { rule: ruleNameText(v.rule, s, book), type: s.verdictType[v.type], detail: verdictDetailText(v.detail, s) };
}

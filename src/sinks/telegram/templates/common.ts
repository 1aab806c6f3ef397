import { SEED_RULE_BOOK, type RuleBook } from '../../../core/memory/ruleBook.js';
import type { Scope } from '../../../domain/memory.js';
import { escapeHtml } from './html.js';
import { EN } from './strings.en.js';
import type { Language, Strings } from './strings.js';
import { VI } from './strings.vi.js';
import type { TickSizes } from './format.js';

/** What every template needs besides its data: the language and the symbols' tick sizes. */
export interface TemplateContext {
  readonly language: Language;
  /** Price tick per symbol; a symbol without one gets significant-digit formatting. */
  readonly tickSizes?: TickSizes;
  /** The configured memory rules' facts, for their names; default the seed rules'. */
  readonly rules?: RuleBook;
}

/** The rule book a template names rules by: the configured one, or the seed rules'. */
export function rulesOf(ctx: Pick<TemplateContext, 'rules'>): RuleBook {
  return ctx.rules ?? SEED_RULE_BOOK;
}

/** The string table of a language. */
export function stringsFor(language: Language): Strings {
  return language === 'en' ? EN : VI;
}

/** `Label: value` where the label is escaped here and `valueHtml` is already HTML. */
export function field(label: string, valueHtml: string): string {
  return `${escapeHtml(label)}: ${valueHtml}`;
}

/** A value in bold, escaped. */
export function bold(value: string | number): string {
  return `<b>${escapeHtml(value)}</b>`;
}

/** A value in monospace (prices, quantities, rule names), escaped. */
export function code(value: string | number): string {
  return `<code>${escapeHtml(value)}</code>`;
}

/** A scope in words: global, a symbol, or a model. Plain text (escape before use). */
export function scopeText(scope: Scope, s: Strings): string {
  switch (scope.kind) {
    case 'global':
      return s.scopeGlobal;
    case 'symbol':
      return scope.symbol;
    case 'model':
      return s.scopeModel(s.model[scope.model]);
  }
}

/** Joins message lines; templates keep each tag inside one line, so a split at a newline keeps the markup valid. */
export function lines(parts: readonly (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

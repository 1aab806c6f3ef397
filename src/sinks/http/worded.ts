import { SEED_RULE_BOOK, type RuleBook } from '../../core/memory/ruleBook.js';
import type { MemoryEvent, Verdict } from '../../domain/memory.js';
import { stringsFor } from '../telegram/templates/common.js';
import { reasonText, verdictText } from '../telegram/templates/reasonText.js';
import type { DashboardLanguage } from './dashboard/labels.js';
import type { MemoryView, SignalView } from './sources.js';

/**
 * The API's rows with their reasons and verdicts worded in the dashboard's language, beside the
 * machine fields (codes, rule ids) that stay for scripts: the browser shows only the worded text,
 * with the same templates as Telegram.
 */
export interface WordedSignal extends SignalView {
  readonly reasonTexts: readonly string[];
}

export type WordedVerdict = Verdict & { readonly text: { readonly rule: string; readonly type: string; readonly detail: string } };

export interface WordedMemory {
  readonly active: readonly WordedVerdict[];
  readonly events: readonly (MemoryEvent & { readonly verdict: WordedVerdict })[];
}

/** `rules`: the bot's configured rule book, which names the rules (default the seed rules'). */
export function wordSignals(signals: readonly SignalView[], language: DashboardLanguage, rules: RuleBook = SEED_RULE_BOOK): WordedSignal[] {
  const s = stringsFor(language);
  return signals.map((signal) => ({ ...signal, reasonTexts: signal.reasons.map((r) => reasonText(r, s, rules)) }));
}

export function wordMemory(memory: MemoryView, language: DashboardLanguage, rules: RuleBook = SEED_RULE_BOOK): WordedMemory {
  const s = stringsFor(language);
  const word = (v: Verdict): WordedVerdict => ({ ...v, text: verdictText(v, s, rules) });
  return { active: memory.active.map(word), events: memory.events.map((e) => ({ ...e, verdict: word(e.verdict) })) };
}

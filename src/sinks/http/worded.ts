import { SEED_RULE_BOOK, type RuleBook } from '../../core/memory/ruleBook.js';
import type { MemoryEvent, Verdict } from '../../domain/memory.js';
import type { ModelName, ModelProfile, Side } from '../../domain/signal.js';
import type { Outcome } from '../../domain/trade.js';
import { scopeText, stringsFor } from '../telegram/templates/common.js';
import { reasonText, verdictText } from '../telegram/templates/reasonText.js';
import type { DashboardLanguage } from './dashboard/labels.js';
import type { MemoryView, SignalView } from './sources.js';

/**
 * The API's rows with their reasons, verdicts, sides, models and outcomes worded in the dashboard's
 * language, beside the machine fields (codes, rule ids, `LONG`, `continuation`) that stay for
 * scripts: the browser shows only the worded text, with the same templates as Telegram.
 */
export interface WordedSignal extends SignalView {
  readonly reasonTexts: readonly string[];
  readonly sideText: string;
  readonly modelText: string;
}

export type WordedVerdict = Verdict & { readonly text: { readonly rule: string; readonly type: string; readonly detail: string; readonly scope: string } };

export interface WordedMemory extends MemoryView {
  readonly active: readonly WordedVerdict[];
  readonly events: readonly (MemoryEvent & { readonly verdict: WordedVerdict })[];
}

/** A trade row (open or closed) with its side, model and outcome in words. */
export type WordedTrade<T> = T & { readonly sideText: string; readonly modelText: string; readonly outcomeText?: string };

/** `rules`: the bot's configured rule book, which names the rules (default the seed rules'). */
export function wordSignals(signals: readonly SignalView[], language: DashboardLanguage, rules: RuleBook = SEED_RULE_BOOK): WordedSignal[] {
  const s = stringsFor(language);
  return signals.map((signal) => ({
    ...signal, reasonTexts: signal.reasons.map((r) => reasonText(r, s, rules)), sideText: s.side[signal.side], modelText: s.model[signal.model],
  }));
}

export function wordTrades<T extends { readonly side: Side; readonly model: ModelName; readonly outcome?: Outcome | null }>(
  trades: readonly T[], language: DashboardLanguage,
): WordedTrade<T>[] {
  const s = stringsFor(language);
  return trades.map((t) => ({
    ...t, sideText: s.side[t.side], modelText: s.model[t.model], ...(t.outcome ? { outcomeText: s.outcome[t.outcome] } : {}),
  }));
}

/** A model profile (MODEL_PROFILE) by its name for people. */
export function profileText(profile: ModelProfile, language: DashboardLanguage): string {
  return stringsFor(language).profile[profile];
}

export function wordMemory(memory: MemoryView, language: DashboardLanguage, rules: RuleBook = SEED_RULE_BOOK): WordedMemory {
  const s = stringsFor(language);
  const word = (v: Verdict): WordedVerdict => ({ ...v, text: { ...verdictText(v, s, rules), scope: scopeText(v.scope, s) } });
  return { ...memory, active: memory.active.map(word), events: memory.events.map((e) => ({ ...e, verdict: word(e.verdict) })) };
}

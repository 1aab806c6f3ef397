import { MANUAL_PAUSE_RULE } from '../../../src/core/memory/snapshot.js';
import { SEED_RULES } from '../../../src/core/memory/rules/index.js';
import { REASON_CODES } from '../../../src/domain/reason.js';
import { BREAKDOWN_KEYS, MODEL_NAMES, type ModelProfile } from '../../../src/domain/signal.js';

/** MODEL_PROFILE's values: settings, shown to traders by their names (`Cơ bản theo từng khung`). */
export const PROFILE_KEYS: readonly ModelProfile[] = ['seed', 'confluence'];
/** Sides and outcomes as the code spells them: English words, never what a Vietnamese trader reads (MUA/BÁN, Thắng/Thua/Hết hạn). */
const CODE_WORDS = ['LONG', 'SHORT', 'WIN', 'LOSS', 'EXPIRED'];

/** Every memory rule id a verdict can name: the registry's rules and the operator's pause. */
export const RULE_IDS: readonly string[] = [...SEED_RULES.map((s) => s.id), MANUAL_PAUSE_RULE];

/**
 * The program identifiers found in `text` that a trader must never read: a rule id, a reason code,
 * a camelCase or snake_case word; in Vietnamese text also any reason code or breakdown key (they
 * are English words there); in English text a breakdown key directly followed by its points
 * (`base 70`, `momentum 6.3`). Also a number with more than 4 decimals. In Vietnamese text also a
 * model key (`continuation`), a profile key (`seed`), a side or outcome as the code spells it
 * (`SHORT`, `EXPIRED`); in both a doubled colon after a label (`R:R: 1 : 2`).
 */
export function leaks(text: string, language: 'vi' | 'en'): string[] {
  const found = new Set<string>();
  for (const id of RULE_IDS) if (new RegExp(`\\b${id}\\b`).test(text)) found.add(id);
  for (const m of text.matchAll(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g)) found.add(m[0]);
  for (const m of text.matchAll(/\b[a-z]+_[a-z_]+\b/g)) found.add(m[0]);
  if (language === 'vi') {
    for (const w of [...REASON_CODES, ...BREAKDOWN_KEYS, ...MODEL_NAMES, ...PROFILE_KEYS, ...CODE_WORDS]) if (new RegExp(`\\b${w}\\b`).test(text)) found.add(w);
  } else {
    for (const w of BREAKDOWN_KEYS) if (new RegExp(`\\b${w} -?\\d`).test(text)) found.add(w);
  }
  for (const m of text.matchAll(/\d+\.\d{5,}/g)) found.add(m[0]);
  for (const m of text.matchAll(/\S+:\S*: /g)) if (!/^\d|https?:/.test(m[0])) found.add(m[0].trim());
  return [...found];
}

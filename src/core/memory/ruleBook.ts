import type { MemoryEvent } from '../../domain/memory.js';
import type { MemoryRule, RuleFacts } from './rule.js';
import { createMemoryRules } from './rules/index.js';
import { MANUAL_PAUSE_RULE } from './snapshot.js';

/**
 * The facts of the configured rules by id (title, announced or not, lock code), for the readers
 * outside the memory: the gate's lock reasons, the step writer's Telegram messages, the templates.
 * A rule the book does not know (a row of a rule no longer configured) gets the readers' fallbacks.
 */
export interface RuleBook {
  facts(ruleId: string): RuleFacts | undefined;
}

/** The operator's `/pause`: a global lock, announced, named as the operator's. */
const MANUAL_PAUSE_FACTS: RuleFacts = { title: 'manualPause', announce: true, lockCode: 'pause' };

/** The book of configured rules, the operator's pause included. */
export function ruleBook(rules: readonly Pick<MemoryRule, 'name' | 'facts'>[]): RuleBook {
  const byId = new Map<string, RuleFacts>(rules.map((rule) => [rule.name, rule.facts]));
  byId.set(MANUAL_PAUSE_RULE, MANUAL_PAUSE_FACTS);
  return { facts: (ruleId) => byId.get(ruleId) };
}

/** The book of the 8 seed rules: the default where no configured rules are at hand (old rows, reports, tests). */
export const SEED_RULE_BOOK: RuleBook = ruleBook(createMemoryRules({ startingEquity: 1000 }));

/** Whether a rule's starts and ends are sent on Telegram (an unknown rule is). */
export function announces(book: RuleBook, ruleId: string): boolean {
  return book.facts(ruleId)?.announce ?? true;
}

/**
 * Whether a memory event is sent on Telegram: its rule {@link announces}, except the operator's
 * pause set or lifted by command (`/pause`, `/resume`), which the command's reply already told: only
 * a timed pause running out by itself (its end at its own `until`) is announced.
 */
export function announcesEvent(book: RuleBook, event: MemoryEvent): boolean {
  const v = event.verdict;
  if (v.rule !== MANUAL_PAUSE_RULE) return announces(book, v.rule);
  return event.kind === 'end' && v.type === 'lock' && event.atMs >= v.untilMs;
}

import type { AdjustmentVerdict, LockVerdict } from '../../domain/memory.js';
import type { Reason } from '../../domain/reason.js';
import { lockCodeOfScope } from '../memory/rule.js';
import { SEED_RULE_BOOK, type RuleBook } from '../memory/ruleBook.js';

/**
 * A blocking lock as the reason recorded with the candidate it blocked, with the code its rule
 * carries (`lockCode`: `pause`, `symbol_cooldown`, `model_disabled`); a rule the book does not
 * know is worded by its lock's scope. The rule stays as its machine id; templates name it for people.
 */
export function lockReason(lock: LockVerdict, book: RuleBook = SEED_RULE_BOOK): Reason {
  const { untilMs, detail: why, rule, scope } = lock;
  const code = book.facts(rule)?.lockCode ?? lockCodeOfScope(scope.kind);
  if (code === 'symbol_cooldown' && scope.kind === 'symbol') return { code, detail: { symbol: scope.symbol, untilMs, why }, rule };
  if (code === 'model_disabled' && scope.kind === 'model') return { code, detail: { model: scope.model, untilMs, why }, rule };
  return { code: 'pause', detail: { untilMs, why }, rule };
}

/** A memory adjustment as the reason recorded with the signal it changed; notices change nothing and give none. */
export function adjustmentReason(v: AdjustmentVerdict): Reason | undefined {
  const { rule, detail: why } = v;
  switch (v.type) {
    case 'threshold':
      return { code: 'threshold_raised', detail: { add: v.add, why }, rule };
    case 'riskCap':
      return { code: 'risk_cap', detail: { maxRiskPct: v.maxRiskPct, why }, rule };
    case 'dailyCap':
      return { code: 'daily_cap', detail: { maxSignals: v.maxSignals, why }, rule };
    case 'notice':
      return undefined;
  }
}

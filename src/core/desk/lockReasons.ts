import type { AdjustmentVerdict, LockVerdict } from '../../domain/memory.js';
import type { Reason } from '../../domain/reason.js';

/**
 * A blocking lock as the reason recorded with the candidate it blocked, by the lock's scope: a
 * global lock is a `pause` (losing streak or the operator), a symbol lock a `symbol_cooldown`, a
 * model lock `model_disabled`. The rule stays as its machine id; templates name it for people.
 */
export function lockReason(lock: LockVerdict): Reason {
  const { untilMs, detail: why, rule } = lock;
  switch (lock.scope.kind) {
    case 'global':
      return { code: 'pause', detail: { untilMs, why }, rule };
    case 'symbol':
      return { code: 'symbol_cooldown', detail: { symbol: lock.scope.symbol, untilMs, why }, rule };
    case 'model':
      return { code: 'model_disabled', detail: { model: lock.scope.model, untilMs, why }, rule };
  }
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

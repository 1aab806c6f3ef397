import type { Scope, Verdict } from '../../domain/memory.js';
import type { ModelName } from '../../domain/signal.js';

/** A scope as text: `global`, `symbol:BTCUSDT`, `model:reversal` (the `scope` column of memory_state). */
export function scopeKey(scope: Scope): string {
  switch (scope.kind) {
    case 'global':
      return 'global';
    case 'symbol':
      return `symbol:${scope.symbol}`;
    case 'model':
      return `model:${scope.model}`;
  }
}

/** The inverse of {@link scopeKey}; undefined for text that is not a scope. */
export function parseScopeKey(text: string): Scope | undefined {
  if (text === 'global') return { kind: 'global' };
  if (text.startsWith('symbol:') && text.length > 7) return { kind: 'symbol', symbol: text.slice(7) };
  if (text === 'model:continuation' || text === 'model:reversal') {
    return { kind: 'model', model: text.slice(6) as ModelName };
  }
  return undefined;
}

/**
 * What makes two verdicts the same for start/end events: rule, scope, kind and effect (a lock's
 * start and until). The detail may change (a new win count) without a new event.
 */
export function verdictKey(verdict: Verdict): string {
  const head = `${verdict.rule}|${scopeKey(verdict.scope)}|${verdict.type}`;
  switch (verdict.type) {
    case 'lock':
      return `${head}|${verdict.startMs}|${verdict.untilMs}`;
    case 'threshold':
      return `${head}|${verdict.add}`;
    case 'riskCap':
      return `${head}|${verdict.maxRiskPct}`;
    case 'dailyCap':
      return `${head}|${verdict.maxSignals}`;
    case 'notice':
      return head;
  }
}

export function sameVerdict(a: Verdict | null, b: Verdict | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return verdictKey(a) === verdictKey(b);
}

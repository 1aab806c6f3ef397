import { parseScopeKey } from '../../core/memory/verdictKeys.js';
import { verdictDetailText } from '../../sinks/telegram/templates/reasonText.js';
import { EN } from '../../sinks/telegram/templates/strings.en.js';
import type { AffectedSignal, MemoryActivation } from './types.js';
import { canonical } from './numbers.js';
import type { MemoryEventRow, SignalBrief } from './readRows.js';

interface OpenSpan {
  readonly start: MemoryEventRow;
}

/** True when a signal falls inside a scope written as `global`, `symbol:X` or `model:m`. */
function inScope(scopeText: string, s: SignalBrief): boolean {
  const scope = parseScopeKey(scopeText);
  if (!scope) return false;
  switch (scope.kind) {
    case 'global':
      return true;
    case 'symbol':
      return scope.symbol === s.symbol;
    case 'model':
      return scope.model === s.model;
  }
}

/** First index whose signal ends at or after `atMs` (signals are sorted by end time). */
function firstAtOrAfter(signals: readonly SignalBrief[], atMs: number): number {
  let lo = 0;
  let hi = signals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((signals[mid]?.endMs ?? Number.POSITIVE_INFINITY) < atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function affected(start: MemoryEventRow, endMs: number | null, signals: readonly SignalBrief[]): AffectedSignal[] {
  const out: AffectedSignal[] = [];
  for (let i = firstAtOrAfter(signals, start.atMs); i < signals.length; i++) {
    const s = signals[i];
    if (!s || (endMs !== null && s.endMs >= endMs)) break;
    const codes = s.reasons.filter((r) => r.rule === start.rule).map((r) => r.code);
    if (codes.length === 0 || !inScope(start.scope, s)) continue;
    out.push({ signalId: s.id, symbol: s.symbol, interval: s.interval, model: s.model, endMs: s.endMs, status: s.status, codes });
  }
  return out;
}

function activation(start: MemoryEventRow, endMs: number | null, signals: readonly SignalBrief[]): MemoryActivation {
  const hit = affected(start, endMs, signals);
  return {
    rule: start.rule,
    type: start.type,
    scope: start.scope,
    startMs: start.atMs,
    endMs,
    reason: verdictDetailText(start.verdict.detail, EN),
    verdict: canonical(start.verdict),
    blocked: hit.filter((s) => s.status === 'blocked').length,
    shrunk: hit.filter((s) => s.status === 'sent').length,
    signals: hit,
  };
}

/**
 * Pairs `memory_events` into activations, one per start, keyed by rule and scope: the next end of
 * the same key closes it (a lock holds while start ≤ t < end). A second start before an end means
 * the verdict changed: the first span closes there. An end with no open start (a run resumed on
 * an old file) is skipped. A span still open at the end of the run has `endMs: null`.
 * Each activation lists the signals whose reasons name its rule, in its scope and span;
 * `signals` must be in end-time order (as `readSignals` returns them).
 * Sorted by start, then rule, then scope.
 */
export function memoryTimeline(events: readonly MemoryEventRow[], signals: readonly SignalBrief[]): MemoryActivation[] {
  const open = new Map<string, OpenSpan>();
  const done: MemoryActivation[] = [];
  for (const e of events) {
    const key = `${e.rule}|${e.scope}`;
    const current = open.get(key);
    if (current) {
      done.push(activation(current.start, e.atMs, signals));
      open.delete(key);
    }
    if (e.kind === 'start') open.set(key, { start: e });
  }
  for (const span of open.values()) done.push(activation(span.start, null, signals));
  return done.sort(
    (a, b) => a.startMs - b.startMs || compareText(a.rule, b.rule) || compareText(a.scope, b.scope),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

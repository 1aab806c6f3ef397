import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { Reason } from '../domain/reason.js';
import type { Signal } from '../domain/signal.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { admitSignal, DAILY_LIMIT_REASON_CODE } from '../core/risk/dailyCount.js';

export interface DailyLimitDeps {
  readonly desk: SignalDesk;
}

/**
 * Decides the scan's signals in order: once one is sent, the later ones of the same symbol are
 * blocked as `open_trade` (one trade per symbol, reading 6); a sent signal beyond the daily
 * maximum the memory gate set for it, in its UTC day (the day of its close time), is blocked as
 * `daily_limit`. Only
 * signals that stay sent are counted.
 */
export function dailyLimit(deps: DailyLimitDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(dailyLimitStage(deps));
}

/** The stage itself, as a function of one step (signalPipeline composes the stages). */
export function dailyLimitStage({ desk }: DailyLimitDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    if (step.decisions.length === 0) return step;
    let sentOne = false;
    const decisions = step.decisions.map((s): Signal => {
      if (s.status !== 'sent') return s;
      if (sentOne) return block(s, { code: 'open_trade', detail: { symbol: s.symbol } });
      const admission = admitSignal(desk.dailyCounts, s.endMs, s.effectiveDailyMax);
      if (!admission.allowed) return block(s, { code: DAILY_LIMIT_REASON_CODE, detail: { sentToday: admission.sentBefore, max: s.effectiveDailyMax } });
      desk.dailyCounts = admission.counts;
      sentOne = true;
      return s;
    });
    return { ...step, decisions };
  };
}

function block(s: Signal, reason: Reason): Signal {
  return { ...s, status: 'blocked', reasons: [...s.reasons, reason] };
}

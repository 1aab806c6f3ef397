import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { Reason, Signal } from '../domain/signal.js';
import type { AdjustmentVerdict, LockVerdict } from '../domain/memory.js';
import type { RuleBook } from '../core/memory/ruleBook.js';
import type { MemoryState } from '../core/memory/state.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { DeskConfig } from '../core/desk/deskConfig.js';
import { adjustmentReason, lockReason } from '../core/desk/lockReasons.js';
import { THRESHOLD_REASON_CODE } from '../core/risk/sizeCandidate.js';

export interface MemoryGateDeps {
  readonly config: Pick<DeskConfig, 'scoreThreshold' | 'enabledModels'>;
  /** The memory as of the step being decided (the desk's, refreshed by the earlier stages). */
  readonly memory: () => MemoryState;
}

/**
 * Turns the scan's candidates into decisions, the one place where memory acts on a candidate
 * (`MemoryState.limitsFor`): those under the unadjusted SCORE_THRESHOLD are not recorded
 * (reading 6); a lock (pause, symbol cooldown, model disabled), a model switched off in config or
 * a score under the effective threshold blocks with its reasons; the rest go on as provisional
 * `sent` signals. Each carries the limits that applied (threshold, risk %, daily maximum) and the
 * adjustments behind them, so risk sizing only sizes and the daily limit only counts.
 */
export function memoryGate({ config, memory }: MemoryGateDeps): MonoTypeOperatorFunction<CandleStep> {
  const stage = memoryGateStage({ config });
  return map((step) => stage(step, memory()));
}

/** The stage itself, as a function of one step and the memory as of it (signalPipeline composes the stages). */
export function memoryGateStage({ config }: Pick<MemoryGateDeps, 'config'>): (step: CandleStep, memory: MemoryState) => CandleStep {
  const reasons = verdictReasons();
  return (step, memory) => {
    if (step.candidates.length === 0) return step;
    const endMs = step.kline.closeTimeMs + 1;
    const decisions: Signal[] = [];
    for (const c of step.candidates) {
      if (c.score < config.scoreThreshold) continue;
      const limits = memory.limitsFor({ symbol: c.symbol, model: c.model }, endMs);
      const blocks: Reason[] = limits.locks.map((lock) => reasons.ofLock(lock, memory.rules));
      if (!config.enabledModels.has(c.model)) blocks.push({ code: 'model_off', detail: { model: c.model } });
      const adjustments = limits.adjustments.map(reasons.ofAdjustment).filter((r): r is Reason => r !== undefined);
      // Under the effective threshold: recorded after the adjustments that raised it.
      if (blocks.length === 0 && c.score < limits.threshold) adjustments.push({ code: THRESHOLD_REASON_CODE, detail: { score: c.score, threshold: limits.threshold } });
      decisions.push({
        // Copied field by field, not spread: spreading a candidate was a tenth of the CPU profile of a confluence
        // backtest. Typed as Signal, so a field added to Candidate fails the build until copied here.
        symbol: c.symbol, interval: c.interval, openTimeMs: c.openTimeMs, endMs: c.endMs, entry: c.entry, model: c.model, side: c.side,
        score: c.score, breakdown: c.breakdown, stopLoss: c.stopLoss, takeProfit: c.takeProfit,
        status: blocks.length > 0 || c.score < limits.threshold ? 'blocked' : 'sent',
        quantity: 0,
        riskPct: limits.riskPct,
        effectiveThreshold: limits.threshold,
        effectiveDailyMax: limits.dailyMax,
        reasons: [...blocks, ...adjustments],
      });
    }
    return { ...step, decisions };
  };
}

/**
 * The reason of each verdict, made once per verdict object: the memory keeps its active verdicts
 * between changes, so a lock or adjustment is the same object for every candidate it touches, and
 * so is its reason (one object to build, and one JSON text to write, see reasonsJson). Reasons are
 * immutable; sharing one among signals changes no value.
 */
function verdictReasons(): { ofLock: (lock: LockVerdict, book: RuleBook) => Reason; ofAdjustment: (v: AdjustmentVerdict) => Reason | undefined } {
  const locks = new WeakMap<LockVerdict, { book: RuleBook; reason: Reason }>();
  const adjustments = new WeakMap<AdjustmentVerdict, { reason: Reason | undefined }>();
  return {
    ofLock: (lock, book) => {
      const hit = locks.get(lock);
      if (hit !== undefined && hit.book === book) return hit.reason;
      const reason = lockReason(lock, book);
      locks.set(lock, { book, reason });
      return reason;
    },
    ofAdjustment: (v) => {
      let hit = adjustments.get(v);
      if (hit === undefined) adjustments.set(v, (hit = { reason: adjustmentReason(v) }));
      return hit.reason;
    },
  };
}

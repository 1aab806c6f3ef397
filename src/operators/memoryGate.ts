import { map, withLatestFrom, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import type { Reason, Signal } from '../domain/signal.js';
import type { MemoryState } from '../core/memory/state.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { DeskConfig } from '../core/desk/deskConfig.js';
import { adjustmentReason, lockReason } from '../core/desk/lockReasons.js';

export interface MemoryGateDeps {
  readonly config: Pick<DeskConfig, 'scoreThreshold' | 'enabledModels'>;
  /** The memory's current state (a BehaviorSubject the earlier stages update). */
  readonly memory$: Observable<MemoryState>;
}

/**
 * Turns the scan's candidates into decisions: those under the unadjusted SCORE_THRESHOLD are not
 * recorded (reading 6); a lock (pause, symbol cooldown, model disabled) or a model switched off in
 * config blocks with its reasons; the rest go on as provisional `sent` signals carrying the memory
 * adjustments that apply to them, for risk sizing and the daily limit to decide.
 */
export function memoryGate({ config, memory$ }: MemoryGateDeps): MonoTypeOperatorFunction<CandleStep> {
  const stage = memoryGateStage({ config });
  return (source) =>
    source.pipe(withLatestFrom(memory$), map(([step, memory]) => stage(step, memory)));
}

/** The stage itself, as a function of one step and the memory as of it (see signalPipeline's `fused`). */
export function memoryGateStage({ config }: Pick<MemoryGateDeps, 'config'>): (step: CandleStep, memory: MemoryState) => CandleStep {
  return (step, memory) => {
    if (step.candidates.length === 0) return step;
    const endMs = step.kline.closeTimeMs + 1;
    const decisions: Signal[] = [];
    for (const c of step.candidates) {
      if (c.score < config.scoreThreshold) continue;
      const target = { symbol: c.symbol, model: c.model };
      const blocks: Reason[] = memory.gate(target, endMs).map(lockReason);
      if (!config.enabledModels.has(c.model)) blocks.push({ code: 'model_off', detail: { model: c.model } });
      const adjustments = memory.adjustmentsFor(target).map(adjustmentReason).filter((r): r is Reason => r !== undefined);
      decisions.push({
        ...c,
        status: blocks.length > 0 ? 'blocked' : 'sent',
        quantity: 0,
        riskPct: memory.riskPerTradePct,
        effectiveThreshold: memory.scoreThreshold(c.symbol, c.model),
        reasons: [...blocks, ...adjustments],
      });
    }
    return { ...step, decisions };
  };
}

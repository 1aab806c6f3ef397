import { map, type MonoTypeOperatorFunction, type Observer } from 'rxjs';
import { klineEndMs } from '../domain/kline.js';
import type { MemoryState } from '../core/memory/state.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';

export interface ExpireLocksDeps {
  readonly desk: SignalDesk;
  /** Told the memory state after the locks due were lifted (feeds `memory$`). */
  readonly memory$: Observer<MemoryState>;
}

/**
 * First stage of a candle (reading 2): lock ends due at the candle's end are applied, in event
 * time, so a symbol whose cooldown ended at 12:00 is scanned on the candle ending at 12:00.
 */
export function expireLocks(deps: ExpireLocksDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(expireLocksStage(deps));
}

/** The stage itself, as a function of one step (see signalPipeline's `fused`). */
export function expireLocksStage({ desk, memory$ }: ExpireLocksDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    const endMs = klineEndMs(step.kline);
    const events = desk.memory.advanceTo(endMs);
    memory$.next(desk.refreshMemory(endMs));
    return events.length === 0 ? step : { ...step, memoryEvents: [...step.memoryEvents, ...events] };
  };
}

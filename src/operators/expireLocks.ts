import { map, type MonoTypeOperatorFunction } from 'rxjs';
import { klineEndMs } from '../domain/kline.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import { dailyReadingOf } from '../core/desk/dailyReading.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';

export interface ExpireLocksDeps {
  readonly desk: SignalDesk;
}

/**
 * First stage of a candle (reading 2): lock ends due at the candle's end are applied, in event
 * time, so a symbol whose cooldown ended at 12:00 is scanned on the candle ending at 12:00. The
 * market rules read the symbol's newest closed 1D candle first (a new one changes their verdict at
 * its end; without such a rule this costs nothing).
 */
export function expireLocks(deps: ExpireLocksDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(expireLocksStage(deps));
}

/** The stage itself, as a function of one step (signalPipeline composes the stages). */
export function expireLocksStage({ desk }: ExpireLocksDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    const endMs = klineEndMs(step.kline);
    if (desk.memory.readsDaily) {
      const reading = dailyReadingOf(step.features['1d']);
      if (reading !== undefined) desk.memory.onDailyReading(reading);
    }
    const events = desk.memory.advanceTo(endMs);
    desk.refreshMemory(endMs);
    return events.length === 0 ? step : { ...step, memoryEvents: [...step.memoryEvents, ...events] };
  };
}

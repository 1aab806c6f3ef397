import type { SymbolHalt } from '../../domain/halt.js';
import type { MemoryEvent } from '../../domain/memory.js';
import type { ClosedTrade } from '../../domain/trade.js';
import type { CandleStep } from './candleStep.js';

/**
 * What a symbol that stopped trading causes (closeHalted): its open trade closed, if it had one,
 * and the memory's events of that close. The SQLite sink commits it whole, with the notice that
 * tells the user (once: see StepWriter).
 */
export interface HaltStep {
  readonly kind: 'halt';
  readonly halt: SymbolHalt;
  readonly closedTrade: ClosedTrade | null;
  readonly memoryEvents: readonly MemoryEvent[];
}

/** One step of the live signal path: a closed 30m candle's, or a halt's. */
export type PipelineStep = CandleStep | HaltStep;

export function isHaltStep(step: PipelineStep): step is HaltStep {
  return (step as Partial<HaltStep>).kind === 'halt';
}

/** What the merge shows /health, /metrics and the dashboard; one object, updated in place. */
export interface WatermarkStats {
  /** End up to which every active symbol's candles went out; null before the first. */
  watermarkMs: number | null;
  /** Symbols declared late that have not caught up. */
  lateSymbols: readonly string[];
  /** Late declarations since start (one per symbol and period). */
  lateDeclarations: number;
  /** Candles waiting in the merge. */
  buffered: number;
  /**
   * How long the latest live 30m steps waited in the merge, in ms of the scheduler (most recent
   * {@link STEP_WAIT_SAMPLES}): the latency the watermark adds from arrival to processing.
   */
  readonly stepWaitsMs: number[];
}

/** Step waits kept for the latency figures. */
export const STEP_WAIT_SAMPLES = 1000;

export function createWatermarkStats(): WatermarkStats {
  return { watermarkMs: null, lateSymbols: [], lateDeclarations: 0, buffered: 0, stepWaitsMs: [] };
}

/** Keeps the wait of one live step, dropping the oldest beyond {@link STEP_WAIT_SAMPLES}. */
export function recordStepWait(stats: WatermarkStats, waitMs: number): void {
  if (stats.stepWaitsMs.length >= STEP_WAIT_SAMPLES) stats.stepWaitsMs.shift();
  stats.stepWaitsMs.push(waitMs);
}

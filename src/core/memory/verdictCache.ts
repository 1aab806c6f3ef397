import type { Verdict } from '../../domain/memory.js';

/**
 * The active verdicts read at one event time, kept until they can change: a trade fed, the manual
 * pause set, the engine restored (all {@link VerdictCache.invalidate}), or the clock reaching the
 * horizon given with them. Between two changes a tracker's verdict moves with time only where a
 * lock it returns starts or ends (the {@link RuleTracker} contract), so the memory's state is read
 * once per change instead of once per candle.
 */
export class VerdictCache {
  private verdicts: readonly Verdict[] | undefined;
  private fromMs = 0;
  private untilMs = 0;

  /** The verdicts if still valid at `nowMs` (not earlier than when they were read, before the horizon). */
  get(nowMs: number): readonly Verdict[] | undefined {
    return this.verdicts !== undefined && nowMs >= this.fromMs && nowMs < this.untilMs ? this.verdicts : undefined;
  }

  /** Keeps `verdicts` read at `nowMs`, valid until `horizonMs` (exclusive). */
  set(nowMs: number, verdicts: readonly Verdict[], horizonMs: number): void {
    this.verdicts = verdicts;
    this.fromMs = nowMs;
    this.untilMs = horizonMs;
  }

  invalidate(): void {
    this.verdicts = undefined;
  }
}

/**
 * When verdicts read at `nowMs` may next change with time alone: the earliest end of an active
 * lock, or the start of a lock not yet begun (a pause set ahead of the clock).
 */
export function verdictHorizonMs(nowMs: number, active: readonly Verdict[], notYetStarted: readonly number[]): number {
  let horizon = Infinity;
  for (const v of active) if (v.type === 'lock' && v.untilMs < horizon) horizon = v.untilMs;
  for (const startMs of notYetStarted) if (startMs > nowMs && startMs < horizon) horizon = startMs;
  return horizon;
}

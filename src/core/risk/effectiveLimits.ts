/**
 * What risk sizing and the daily limit need from the memory engine (src/core/memory), read at the
 * moment a candidate is decided. Kept minimal so that this module does not depend on how the
 * engine stores its state; the composition root adapts the engine's state to it.
 */
export interface EffectiveLimits {
  /** Score a candidate of `symbol` needs: clamp(SCORE_THRESHOLD + rule 1 + rule 6, 50, 95). */
  threshold(symbol: string): number;
  /** Percent of paper equity risked per signal: min(RISK_PER_TRADE, rule 4). */
  readonly riskPct: number;
  /** Signals allowed per UTC day: min(MAX_SIGNALS_PER_DAY, rule 3). */
  readonly dailyMax: number;
}

import type { OpenTrade } from '../../domain/trade.js';

export const DAY_MS = 86_400_000;

/**
 * What a restart catches up, decided once from the exchange's time when it starts. A stop shorter
 * than the horizon (CATCH_UP_MAX_DAYS) is caught up candle by candle, in event time, as an
 * uninterrupted run would have decided it; a longer one is not replayed: the bot goes on from the
 * restart, its history only warming the indicators.
 */
export interface CatchUpHorizon {
  /** The exchange's time at the restart. */
  readonly resumedAtMs: number;
  /** Stored histories and scan cursors ending at or after this are caught up; older ones are not. */
  readonly catchUpFromMs: number;
  /** End of the newest 30m candle committed before the restart (the scan cursors); undefined on a first start. */
  readonly stoppedAtMs: number | undefined;
}

export function catchUpHorizon(resumedAtMs: number, maxDays: number, stoppedAtMs: number | undefined): CatchUpHorizon {
  return { resumedAtMs, catchUpFromMs: resumedAtMs - maxDays * DAY_MS, stoppedAtMs };
}

/** Whether a symbol whose scan cursor is `cursorMs` resumes there (its missed candles are replayed). */
export function resumesAt(horizon: CatchUpHorizon, cursorMs: number | undefined): cursorMs is number {
  return cursorMs !== undefined && cursorMs >= horizon.catchUpFromMs;
}

/** The bot was stopped longer than the horizon: the candles it missed are not replayed. */
export function isLongStop(horizon: CatchUpHorizon): horizon is CatchUpHorizon & { readonly stoppedAtMs: number } {
  return horizon.stoppedAtMs !== undefined && horizon.stoppedAtMs < horizon.catchUpFromMs;
}

/**
 * The open trades no replay will track: their symbol's cursor is beyond the horizon, so the
 * candles after it are not processed. Each closes EXPIRED at its symbol's last stored 30m candle.
 */
export function tradesBeyondHorizon(
  horizon: CatchUpHorizon, openTrades: Iterable<OpenTrade>, cursorOf: (symbol: string) => number | undefined,
): OpenTrade[] {
  return [...openTrades].filter((t) => !resumesAt(horizon, cursorOf(t.symbol)));
}

import { DAY_MS } from '../core/candles/catchUpHorizon.js';
import type { CatchUpDone } from '../sinks/telegram/templates/catchUpMessage.js';

/**
 * A message that is stale when it is written must not ring a phone many times. While steps are
 * committed late (a restart's catch-up, a long outage), this tallies what was held back: daily
 * summaries of days that had ended more than 24 h before they were written, and signals whose
 * trade was over when committed. The first step on time after such a span gives one
 * {@link CatchUpDone} to send instead, with the trades closed in the span.
 */
export class CatchUpReport {
  private fromMs: number | undefined;
  private throughMs = 0;
  private days = 0;
  private signalsRecorded = 0;
  private tradesClosed = 0;

  /** Whether the summary of the day starting at `dayStartMs`, written at market time `nowMs`, is stale (counted if so). */
  staleDay(dayStartMs: number, nowMs: number | undefined): boolean {
    if (nowMs === undefined || nowMs - (dayStartMs + DAY_MS) <= DAY_MS) return false;
    this.days += 1;
    return true;
  }

  /** A late signal recorded, not sent: its trade was over before it was committed. */
  staleSignal(): void {
    this.signalsRecorded += 1;
  }

  /**
   * A committed 30m step ending at `endMs`, late or on time, and whether it closed a trade. Returns
   * the catch-up's summary on the first on-time step after a late span that held messages back.
   */
  step(endMs: number, late: boolean, closedTrade: boolean): CatchUpDone | undefined {
    if (late) {
      this.fromMs ??= endMs;
      this.throughMs = Math.max(this.throughMs, endMs);
      if (closedTrade) this.tradesClosed += 1;
      return undefined;
    }
    const fromMs = this.fromMs;
    const held = this.days + this.signalsRecorded > 0;
    const done: CatchUpDone | undefined = fromMs === undefined || !held ? undefined
      : { fromMs, throughMs: this.throughMs, days: this.days, signalsRecorded: this.signalsRecorded, tradesClosed: this.tradesClosed };
    if (fromMs !== undefined) this.reset();
    return done;
  }

  private reset(): void {
    this.fromMs = undefined;
    this.throughMs = 0;
    this.days = 0;
    this.signalsRecorded = 0;
    this.tradesClosed = 0;
  }
}

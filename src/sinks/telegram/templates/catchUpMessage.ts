import { lines, stringsFor, type TemplateContext } from './common.js';
import { formatDuration, formatUtc } from './format.js';
import { escapeHtml } from './html.js';

/** A restart after a stop longer than CATCH_UP_MAX_DAYS: what was not replayed. */
export interface LongStopNotice {
  /** End of the last 30m candle committed before the stop. */
  readonly stoppedAtMs: number;
  /** The exchange's time at the restart: decisions go on from here. */
  readonly resumedAtMs: number;
  readonly maxDays: number;
  /** Open trades closed EXPIRED at their last price before the stop. */
  readonly tradesClosed: number;
}

/** What a restart's catch-up did while its messages were too stale to send one by one. */
export interface CatchUpDone {
  /** Ends of the first and last 30m candles processed late. */
  readonly fromMs: number;
  readonly throughMs: number;
  /** Days whose summary was recorded, not sent. */
  readonly days: number;
  /** Signals whose trade was over before they were committed: recorded, not sent. */
  readonly signalsRecorded: number;
  /** Trades that closed on the late candles. */
  readonly tradesClosed: number;
}

export function renderLongStopNotice(n: LongStopNotice, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const t = s.catchUp;
  return lines([
    `⏸ <b>${escapeHtml(t.longStopTitle)}</b>`,
    escapeHtml(t.stoppedFor(formatDuration(n.resumedAtMs - n.stoppedAtMs, s.durationUnits), formatUtc(n.stoppedAtMs))),
    escapeHtml(t.notReplayed(formatUtc(n.resumedAtMs), n.maxDays)),
    escapeHtml(t.tradesClosed(n.tradesClosed)),
  ]);
}

export function renderCatchUpDone(n: CatchUpDone, ctx: TemplateContext): string {
  const t = stringsFor(ctx.language).catchUp;
  return lines([
    `⏩ <b>${escapeHtml(t.doneTitle)}</b>`,
    escapeHtml(t.span(formatUtc(n.fromMs), formatUtc(n.throughMs))),
    escapeHtml(t.daysCaughtUp(n.days)),
    escapeHtml(t.signalsRecorded(n.signalsRecorded)),
    escapeHtml(t.tradesClosedInSpan(n.tradesClosed)),
    escapeHtml(t.quietNote),
  ]);
}

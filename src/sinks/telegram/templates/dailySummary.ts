import { bold, field, lines, rulesOf, stringsFor, type TemplateContext } from './common.js';
import { reasonText } from './reasonText.js';
import { whyStringsFor } from './whyStrings.js';
import { formatPct, formatSigned, formatUsdt, formatUtcDay } from './format.js';
import { escapeHtml } from './html.js';

import type { DailySummary } from '../../../domain/dailySummary.js';

export type { DailySummary } from '../../../domain/dailySummary.js';

export const DAY_MS = 86_400_000;

/** The next 00:00 UTC strictly after `nowMs`: when the daily summary of the day just ended is due. */
export function nextUtcMidnightMs(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS + DAY_MS;
}

/** Win rate in percent, `–` with no trades. */
export function winRateText(wins: number, trades: number): string {
  return trades === 0 ? '–' : `${formatPct((wins * 100) / trades)}%`;
}

/** The daily summary sent at 00:00 UTC: trades, wins, win rate, total R, equity, signals sent and blocked. */
export function renderDailySummary(d: DailySummary, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const t = s.daily;
  return lines([
    `📊 <b>${escapeHtml(t.title(formatUtcDay(d.dayStartMs)))}</b>`,
    field(t.trades, bold(d.trades)),
    field(t.wins, bold(d.wins)),
    field(t.winRate, bold(winRateText(d.wins, d.trades))),
    field(t.totalR, bold(`${formatSigned(d.totalR)} R`)),
    field(s.equity, bold(`${formatUsdt(d.equity)} USDT`)),
    field(t.signalsSent, bold(d.signalsSent)),
    field(t.signalsBlocked, bold(d.signalsBlocked)),
    ...blockedLines(d, ctx),
  ]);
}

/** At most this many groups of blocked candidates in a summary; the rest are counted. */
export const MAX_BLOCKED_GROUPS = 8;

/** The day's blocked candidates, one line per symbol, interval and cause, with the latest's reasons in words. */
function blockedLines(d: DailySummary, ctx: TemplateContext): string[] {
  const groups = d.blocked ?? [];
  if (groups.length === 0) return [];
  const s = stringsFor(ctx.language);
  const w = whyStringsFor(ctx.language);
  const shown = groups.slice(0, MAX_BLOCKED_GROUPS).map((g) => {
    const why = g.reasons.map((r) => reasonText(r, s, rulesOf(ctx))).join('; ');
    return `• ${bold(`${g.symbol} ${g.interval}`)} ${escapeHtml(w.times(String(g.count)))}: ${escapeHtml(why)}`;
  });
  const rest = groups.length - shown.length;
  return [`<b>${escapeHtml(w.blockedTitle)}</b>`, ...shown, ...(rest > 0 ? [escapeHtml(w.more(String(rest)))] : [])];
}

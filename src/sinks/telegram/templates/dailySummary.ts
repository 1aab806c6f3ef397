import { bold, field, lines, stringsFor, type TemplateContext } from './common.js';
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
  ]);
}

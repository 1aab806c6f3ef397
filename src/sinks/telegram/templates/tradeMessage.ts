import type { ClosedTrade, ExitReason } from '../../../domain/trade.js';
import type { Strings } from './strings.js';
import { bold, code, field, lines, stringsFor, type TemplateContext } from './common.js';
import { formatDuration, formatPct, formatPrice, formatSigned, formatUsdt, formatUtc } from './format.js';
import { escapeHtml } from './html.js';

/** What the trade itself does not know: the drawdown of paper equity after it closed. */
export interface TradeResultExtras {
  /** Peak-to-current drawdown of closed-trade equity, in percent (0 at a new peak). */
  readonly drawdownPct: number;
}

const ICON = { WIN: '✅', LOSS: '❌', EXPIRED: '⌛' } as const;

/**
 * A closed paper trade: WIN / LOSS / EXPIRED, why when it was not its levels or expiry (under the
 * title), R net of fees, the entry time of its signal (the message it replies to), how long it was
 * held, equity and drawdown.
 */
export function renderTradeResult(trade: ClosedTrade, extras: TradeResultExtras, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const tick = ctx.tickSizes?.[trade.symbol];
  const reason = trade.exitReason;
  return lines([
    `${ICON[trade.outcome]} <b>${escapeHtml(s.outcome[trade.outcome])} · ${escapeHtml(trade.symbol)} ${escapeHtml(s.side[trade.side])}</b>`,
    reason !== undefined && `<i>${escapeHtml(exitReasonText(s, reason))}</i>`,
    `${escapeHtml(s.model[trade.model])} · ${escapeHtml(s.interval)} ${escapeHtml(trade.interval)}`,
    field(s.result, bold(`${formatSigned(trade.rMultiple)} R`)),
    field(s.entry, code(formatPrice(trade.entry, tick))),
    field(s.exit, code(formatPrice(trade.exitPrice, tick))),
    field(s.signalAt, escapeHtml(formatUtc(trade.openedAtMs))),
    field(s.heldFor, escapeHtml(formatDuration(trade.exitTimeMs - trade.openedAtMs, s.durationUnits))),
    field(s.pnl, bold(`${formatSigned(trade.pnl)} USDT`)),
    field(s.equity, bold(`${formatUsdt(trade.equityAfter)} USDT`)),
    field(s.drawdown, bold(`${formatPct(extras.drawdownPct)}%`)),
    `<i>${escapeHtml(formatUtc(trade.exitTimeMs))}</i>`,
  ]);
}

/** Why a trade closed, in the language's words (plain text). */
export function exitReasonText(s: Strings, reason: ExitReason): string {
  switch (reason.code) {
    case 'symbol_halted':
      return s.exitReason.symbol_halted(reason.detail);
    case 'catch_up_skipped':
      return s.exitReason.catch_up_skipped(reason.detail);
  }
}

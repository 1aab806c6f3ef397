import type { Lateness } from '../../../domain/lateness.js';
import type { Signal } from '../../../domain/signal.js';
import { bold, code, field, lines, rulesOf, stringsFor, type TemplateContext } from './common.js';
import { baseAssetOf, formatDuration, formatPct, formatPoints, formatPrice, formatScore, formatSignificant, formatUsdt, formatUtc } from './format.js';
import { breakdownText, reasonText } from './reasonText.js';
import { escapeHtml } from './html.js';
import type { Strings } from './strings.js';

/** Risk to reward as `1 : 2.00`; `1 : –` when the stop distance is zero. */
export function riskRewardText(entry: number, stopLoss: number, takeProfit: number): string {
  const risk = Math.abs(entry - stopLoss);
  if (risk === 0) return '1 : –';
  return `1 : ${(Math.abs(takeProfit - entry) / risk).toFixed(2)}`;
}

function reasonLines(signal: Signal, s: Strings, ctx: TemplateContext): string[] {
  return signal.reasons.map((r) => `• ${escapeHtml(reasonText(r, s, rulesOf(ctx)))}`);
}

/** The line that marks a late signal: how late, when its candle closed, the latest price. Starts with ⏱. */
function lateLine(late: Lateness, s: Strings, price: (v: number) => string): string {
  const duration = escapeHtml(formatDuration(late.lateByMs, s.durationUnits));
  return `⏱ ${bold(s.late(duration))} · ${escapeHtml(s.candleClosed)} ${escapeHtml(formatUtc(late.closedAtMs))} · ${escapeHtml(s.lastPrice)} ${price(late.lastPrice)}`;
}

/** What the signal does not carry: the paper equity it was sized at (the desk's, after the candle's close). */
export interface SignalSizing {
  readonly equityUsdt: number;
}

/**
 * The risk line: the share of equity the rounded quantity loses at the stop, with the USDT, and the
 * risk aimed at when rounding the quantity down to the lot step cut it (0.58% instead of 1%).
 * Without the equity, the risk aimed at.
 */
function riskText(signal: Signal, s: Strings, sizing: SignalSizing | undefined): string {
  const target = `${formatPct(signal.riskPct)}%`;
  if (sizing === undefined || !(sizing.equityUsdt > 0)) return bold(`${target} ${s.ofEquity}`);
  const riskUsdt = signal.quantity * Math.abs(signal.entry - signal.stopLoss);
  const taken = `${formatPct((riskUsdt / sizing.equityUsdt) * 100)}%`;
  const amount = `${formatUsdt(riskUsdt)} USDT`;
  return `${bold(`${taken} ${s.ofEquity}`)} (${escapeHtml(taken === target ? amount : `${amount}, ${s.riskTarget(target)}`)})`;
}

/**
 * A signal as sent to the channel: side, symbol, model, interval, score with its breakdown and
 * the effective threshold, the levels, risk:reward, size, the risk the rounded size takes, and the
 * memory adjustments that applied.
 * A late signal (see {@link Lateness}) says so right under its title.
 */
export function renderSignal(signal: Signal, ctx: TemplateContext, late?: Lateness, sizing?: SignalSizing): string {
  const s = stringsFor(ctx.language);
  const tick = ctx.tickSizes?.[signal.symbol];
  const price = (v: number) => code(formatPrice(v, tick));
  const icon = signal.side === 'LONG' ? '🟢' : '🔴';
  const breakdown = escapeHtml(breakdownText(signal.breakdown, s));
  const reasons = reasonLines(signal, s, ctx);
  return lines([
    `${icon} <b>${escapeHtml(s.signalTitle(s.side[signal.side]))} · ${escapeHtml(signal.symbol)}</b>`,
    late !== undefined && lateLine(late, s, price),
    `${escapeHtml(s.model[signal.model])} · ${escapeHtml(s.interval)} ${escapeHtml(signal.interval)}`,
    field(s.score, `${bold(formatScore(signal.score))} (${escapeHtml(s.threshold)} ${escapeHtml(formatPoints(signal.effectiveThreshold))})`),
    breakdown !== '' && field(s.breakdown, breakdown),
    field(s.entry, price(signal.entry)),
    field(s.stopLoss, price(signal.stopLoss)),
    field(s.takeProfit, price(signal.takeProfit)),
    field(s.riskReward, bold(riskRewardText(signal.entry, signal.stopLoss, signal.takeProfit))),
    field(s.quantity, `${code(formatSignificant(signal.quantity))} ${escapeHtml(baseAssetOf(signal.symbol))}`),
    field(s.notional, bold(`${formatUsdt(signal.quantity * signal.entry)} USDT`)),
    field(s.risk, riskText(signal, s, sizing)),
    reasons.length > 0 && `${escapeHtml(s.adjustments)}:`,
    ...reasons,
    `<i>${escapeHtml(formatUtc(signal.endMs))}</i>`,
  ]);
}

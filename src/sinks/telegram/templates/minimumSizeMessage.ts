import type { MinimumSizeNotice } from '../../../app/minimumSizeWatch.js';
import { bold, lines, type TemplateContext } from './common.js';
import { baseAssetOf, formatPct, formatRounded, formatSignificant, formatUsdt } from './format.js';
import { escapeHtml } from './html.js';
import { whyStringsFor } from './whyStrings.js';

/** RISK_PER_TRADE's upper bound (envSpec): a fix above it is not offered. */
const MAX_RISK_PCT = 5;
/** At most this many symbols are listed; the rest are counted. */
const MAX_LINES = 20;

/**
 * The warning about watched symbols whose typical trade is below Binance's minimum quantity or
 * notional at the configured risk: how the typical stop is measured, each symbol with its numbers,
 * and the ACCOUNT_BALANCE or RISK_PER_TRADE that would clear it (rounded up), each named by what it is with its unit.
 */
export function renderMinimumSizeNotice(n: MinimumSizeNotice, ctx: TemplateContext): string {
  const w = whyStringsFor(ctx.language);
  const shown = n.items.slice(0, MAX_LINES).map((i) => {
    const s = i.shortfall;
    const asset = baseAssetOf(i.symbol);
    const balance = String(Math.ceil(s.neededEquityUsdt));
    const risk = Math.ceil(s.neededRiskPct * 100) / 100;
    const fix = risk <= MAX_RISK_PCT ? w.tooSmallFix(balance, formatRounded(risk)) : w.tooSmallRiskTooHigh(balance);
    const line = w.tooSmallLine({
      symbol: i.symbol, interval: i.interval, stopPct: formatPct(i.stopFraction * 100), qty: `${formatSignificant(s.quantity)} ${asset}`,
      minQty: `${formatSignificant(s.minQuantity)} ${asset}`, notional: formatUsdt(s.notionalUsdt), minNotional: formatUsdt(i.minNotional),
    });
    return `• ${escapeHtml(line)}; ${bold(fix)}`;
  });
  const rest = n.items.length - shown.length;
  return lines([
    `⚠️ <b>${escapeHtml(n.kind === 'new' ? w.tooSmallNewTitle : w.tooSmallTitle)}</b>`,
    escapeHtml(w.tooSmallHow(formatPct(n.riskPct), formatUsdt(n.equityUsdt))),
    ...shown,
    rest > 0 && escapeHtml(w.more(String(rest))),
  ]);
}

import type { Verdict } from '../../../domain/memory.js';
import type { PeriodFigures } from '../../../domain/dailySummary.js';
import type { StoredReason } from '../../../domain/reason.js';
import type { Signal } from '../../../domain/signal.js';
import type { ClosedTrade } from '../../../domain/trade.js';
import { bold, code, field, lines, rulesOf, scopeText, stringsFor, type TemplateContext } from './common.js';
import { commandStringsFor, COMMAND_NAMES } from './commandStrings.js';
import { winRateText } from './dailySummary.js';
import { formatPct, formatPrice, formatScore, formatSignificant, formatSigned, formatUsdt, formatUtc } from './format.js';
import { escapeHtml } from './html.js';
import { reasonText, ruleNameText, verdictDetailText } from './reasonText.js';

/** What /status shows. */
export interface StatusSnapshot {
  readonly startedAtMs: number;
  readonly symbolsWatched: number;
  readonly openTrades: number;
  readonly equity: number;
  readonly drawdownPct: number;
  readonly signalsToday: number;
  readonly maxSignalsToday: number;
  /** Set while signals are paused; `null` = until /resume. Undefined when not paused. */
  readonly pausedUntilMs?: number | null;
  readonly outboxDepth: number;
  readonly heldChats: readonly string[];
}

/** The fields of a signal /signals lists (a `Signal` or a stored signal row both fit); a blocked one names its reasons. */
export type SignalSummary = Pick<Signal, 'symbol' | 'interval' | 'model' | 'side' | 'status' | 'score' | 'entry' | 'endMs'> & {
  readonly reasons?: readonly StoredReason[];
};

/** What /stats shows over the last `days` UTC days. */
export interface StatsSnapshot extends PeriodFigures {
  readonly days: number;
}

export function renderHelp(ctx: TemplateContext): string {
  const c = commandStringsFor(ctx.language);
  return lines([`ℹ️ <b>${escapeHtml(c.helpTitle)}</b>`, ...COMMAND_NAMES.map((n) => `/${n} — ${escapeHtml(c.describe[n])}`)]);
}

export function renderStatus(st: StatusSnapshot, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const c = commandStringsFor(ctx.language);
  const paused = st.pausedUntilMs === undefined ? c.notPaused : st.pausedUntilMs === null ? c.pausedIndefinitely : formatUtc(st.pausedUntilMs);
  return lines([
    `📟 <b>${escapeHtml(c.statusTitle)}</b>`,
    field(c.since, escapeHtml(formatUtc(st.startedAtMs))),
    field(c.symbols, bold(st.symbolsWatched)),
    field(c.openTrades, bold(st.openTrades)),
    field(s.equity, `${bold(`${formatUsdt(st.equity)} USDT`)} (${escapeHtml(s.drawdown.toLowerCase())} ${escapeHtml(formatPct(st.drawdownPct))}%)`),
    field(c.signalsToday, bold(`${st.signalsToday}/${st.maxSignalsToday}`)),
    field(c.paused, bold(paused)),
    field(c.outbox, bold(st.outboxDepth)),
    field(c.heldChats, st.heldChats.length === 0 ? escapeHtml(c.none) : st.heldChats.map((id) => code(id)).join(', ')),
  ]);
}

export function renderSignalList(signals: readonly SignalSummary[], ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const c = commandStringsFor(ctx.language);
  if (signals.length === 0) return escapeHtml(c.noSignals);
  return lines([
    `📋 <b>${escapeHtml(c.signalsTitle(String(signals.length)))}</b>`,
    ...signals.map((x) => {
      const what = `${x.symbol} ${x.interval} ${s.side[x.side]} · ${s.model[x.model]} · ${formatScore(x.score)}`;
      const price = formatPrice(x.entry, ctx.tickSizes?.[x.symbol]);
      const why = x.status === 'blocked' && x.reasons !== undefined && x.reasons.length > 0
        ? `: ${x.reasons.map((r) => reasonText(r, s, rulesOf(ctx))).join('; ')}`
        : '';
      return `• ${escapeHtml(formatUtc(x.endMs))} ${bold(what)} @ ${code(price)} — ${escapeHtml(x.status === 'sent' ? c.sent : `${c.blocked}${why}`)}`;
    }),
  ]);
}

export function renderTradeList(trades: readonly ClosedTrade[], ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const c = commandStringsFor(ctx.language);
  if (trades.length === 0) return escapeHtml(c.noTrades);
  return lines([
    `📒 <b>${escapeHtml(c.tradesTitle(String(trades.length)))}</b>`,
    ...trades.map(
      (t) => {
        const price = (v: number) => code(formatPrice(v, ctx.tickSizes?.[t.symbol]));
        const result = `${bold(`${formatSigned(t.rMultiple)} R`)} · ${bold(`${formatSigned(t.pnl)} USDT`)}`;
        return `• ${escapeHtml(formatUtc(t.exitTimeMs))} ${bold(`${t.symbol} ${t.interval} ${s.side[t.side]}`)} ${escapeHtml(s.outcome[t.outcome])}: ${price(t.entry)} → ${price(t.exitPrice)} · ${result}`;
      },
    ),
  ]);
}

export function renderStats(st: StatsSnapshot, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const c = commandStringsFor(ctx.language);
  return lines([
    `📊 <b>${escapeHtml(c.statsTitle(String(st.days)))}</b>`,
    field(s.daily.trades, bold(st.trades)),
    field(s.daily.wins, bold(st.wins)),
    field(s.daily.winRate, bold(winRateText(st.wins, st.trades))),
    field(s.daily.totalR, bold(`${formatSigned(st.totalR)} R`)),
    field(s.equity, bold(`${formatUsdt(st.equity)} USDT`)),
    field(s.daily.signalsSent, bold(st.signalsSent)),
    field(s.daily.signalsBlocked, bold(st.signalsBlocked)),
  ]);
}

function effectText(v: Verdict, ctx: TemplateContext): string {
  const c = commandStringsFor(ctx.language);
  switch (v.type) {
    case 'lock':
      return c.lockUntil(formatUtc(v.untilMs));
    case 'threshold':
      return c.thresholdAdd(`+${formatSignificant(v.add)}`);
    case 'riskCap':
      return c.riskCap(formatPct(v.maxRiskPct));
    case 'dailyCap':
      return c.dailyCap(String(v.maxSignals));
    case 'notice':
      return c.notice;
  }
}

/** /memory: each verdict in effect with its rule's name, scope, effect and facts. */
export function renderMemory(active: readonly Verdict[], ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const c = commandStringsFor(ctx.language);
  return lines([
    `🧠 <b>${escapeHtml(c.memoryTitle)}</b>`,
    ...(active.length === 0
      ? [escapeHtml(c.noRules)]
      : active.map((v) => {
          const facts = verdictDetailText(v.detail, s);
          const effect = facts === '' ? effectText(v, ctx) : `${effectText(v, ctx)} (${facts})`;
          return `• ${bold(ruleNameText(v.rule, s, rulesOf(ctx)))} (${escapeHtml(scopeText(v.scope, s))}): ${escapeHtml(effect)}`;
        })),
  ]);
}

export function renderPaused(untilMs: number | undefined, ctx: TemplateContext): string {
  const c = commandStringsFor(ctx.language);
  return `⏸ ${escapeHtml(untilMs === undefined ? c.pausedUntilResume : c.pausedUntil(formatUtc(untilMs)))}`;
}

export function renderResumed(ctx: TemplateContext): string {
  return `▶️ ${escapeHtml(commandStringsFor(ctx.language).resumed)}`;
}

import { adjustmentReason, lockReason } from '../../../core/desk/lockReasons.js';
import type { AdjustmentVerdict, LockVerdict } from '../../../domain/memory.js';
import type { StoredReason } from '../../../domain/reason.js';
import type { Candidate, ModelName, ScoreBreakdown, Side, Signal } from '../../../domain/signal.js';
import { bold, lines, rulesOf, stringsFor, type TemplateContext } from './common.js';
import { baseAssetOf, formatPct, formatPoints, formatScore, formatSignificant, formatUsdt, formatUtc } from './format.js';
import { escapeHtml } from './html.js';
import { breakdownText, reasonText } from './reasonText.js';
import { whyStringsFor } from './whyStrings.js';

/** The memory's limits in force for one model of the symbol now. */
export interface WhyLimits {
  readonly threshold: number;
  readonly riskPct: number;
  readonly dailyMax: number;
  readonly locks: readonly LockVerdict[];
  readonly adjustments: readonly AdjustmentVerdict[];
}

/** One model's part of the last scan: its candidate (null: the model saw no setup) and the decision, if one was recorded. */
export interface WhyModel {
  readonly model: ModelName;
  readonly candidate: Pick<Candidate, 'interval' | 'side' | 'score' | 'breakdown' | 'entry' | 'stopLoss'> | null;
  readonly decision?: Pick<Signal, 'status' | 'quantity' | 'entry' | 'stopLoss'> & { readonly reasons: readonly StoredReason[] };
  readonly limits: WhyLimits;
}

/**
 * What `/why SYMBOL` shows: why the symbol was not scanned (not watched, not warm, an open trade,
 * nothing yet), or its last scan model by model; `stored` says it comes from the signals table
 * (the bot has not scanned the symbol since it started).
 */
export interface WhySnapshot {
  readonly symbol: string;
  readonly state: 'notWatched' | 'notScannedYet' | 'notWarm' | 'openTrade' | 'scanned';
  readonly scannedEndMs?: number;
  readonly stored?: boolean;
  readonly baseThreshold: number;
  readonly equityUsdt: number;
  readonly models: readonly WhyModel[];
}

/** `BTC`, `btcusdt`, `BTCUSDT` → `BTCUSDT`; undefined for anything that is not a symbol. */
export function symbolArg(payload: string): string | undefined {
  const word = payload.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  if (!/^[A-Z0-9]{2,20}$/.test(word)) return undefined;
  return word.endsWith('USDT') ? word : `${word}USDT`;
}

function candidateLine(m: WhyModel, base: number, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const w = whyStringsFor(ctx.language);
  const name = s.model[m.model];
  if (m.candidate === null) return `• ${bold(name)}: ${escapeHtml(w.noSetup)}`;
  const c = m.candidate;
  const head = `${name} ${c.interval} ${s.side[c.side as Side]} · ${w.score(formatScore(c.score))}`;
  const parts = breakdownText(c.breakdown as ScoreBreakdown, s);
  const below = m.decision === undefined && c.score < base ? ` (${w.belowBase(formatPoints(base))})` : '';
  // The parts on their own line: each already reads `label: +points`.
  return `• ${bold(head)}${escapeHtml(below)}${parts === '' ? '' : `\n   ${escapeHtml(parts)}`}`;
}

function limitLines(m: WhyModel, base: number, ctx: TemplateContext): string[] {
  const s = stringsFor(ctx.language);
  const w = whyStringsFor(ctx.language);
  const rules = rulesOf(ctx);
  const words = (r: StoredReason | undefined) => (r === undefined ? [] : [reasonText(r, s, rules)]);
  const raised = m.limits.adjustments.filter((a) => a.type === 'threshold').flatMap((a) => words(adjustmentReason(a)));
  const caps = m.limits.adjustments.filter((a) => a.type === 'riskCap' || a.type === 'dailyCap').flatMap((a) => words(adjustmentReason(a)));
  const locks = m.limits.locks.map((l) => reasonText(lockReason(l, rules), s, rules));
  const list = (items: string[]) => escapeHtml(items.length === 0 ? w.none : items.join('; '));
  return [
    `   ${escapeHtml(w.threshold(formatPoints(m.limits.threshold), formatPoints(base)))}${raised.length === 0 ? '' : ` · ${escapeHtml(w.raisedBy)}: ${list(raised)}`}`,
    `   ${escapeHtml(w.locks)}: ${list(locks)}`,
    `   ${escapeHtml(w.caps)}: ${list(caps)} · ${escapeHtml(w.riskAndMax(formatPct(m.limits.riskPct), String(m.limits.dailyMax)))}`,
  ];
}

function decisionLines(m: WhyModel, snap: WhySnapshot, ctx: TemplateContext): string[] {
  const d = m.decision;
  if (d === undefined) return [];
  const s = stringsFor(ctx.language);
  const w = whyStringsFor(ctx.language);
  const size = d.quantity > 0
    ? w.size(`${formatSignificant(d.quantity)} ${baseAssetOf(snap.symbol)}`, formatUsdt(d.quantity * d.entry), formatPct((d.quantity * Math.abs(d.entry - d.stopLoss) * 100) / snap.equityUsdt))
    : w.noSize;
  const verdict = d.status === 'sent'
    ? escapeHtml(w.sent)
    : `${escapeHtml(w.blockedBecause)}: ${escapeHtml(d.reasons.map((r) => reasonText(r, s, rulesOf(ctx))).join('; '))}`;
  return [`   ${escapeHtml(size)}`, `   ${verdict}`];
}

/** `/why SYMBOL`: the symbol's last scan in words, or why there is none. */
export function renderWhy(snap: WhySnapshot, ctx: TemplateContext): string {
  const w = whyStringsFor(ctx.language);
  const title = `🔎 <b>${escapeHtml(w.title(snap.symbol))}</b>`;
  switch (snap.state) {
    case 'notWatched':
      return lines([title, escapeHtml(w.notWatched(snap.symbol))]);
    case 'notScannedYet':
      return lines([title, escapeHtml(w.notScannedYet)]);
    case 'notWarm':
      return lines([title, escapeHtml(w.notWarm)]);
    case 'openTrade':
      return lines([title, snap.scannedEndMs === undefined ? undefined : escapeHtml(w.lastScan(formatUtc(snap.scannedEndMs))), escapeHtml(w.openTrade)]);
    case 'scanned':
      return lines([
        title,
        snap.stored === true && escapeHtml(w.storedOnly),
        snap.scannedEndMs !== undefined && escapeHtml(w.lastScan(formatUtc(snap.scannedEndMs))),
        // Limits for every model, a setup or not: the locks and caps in force say why it might stay quiet.
        ...snap.models.flatMap((m) => [candidateLine(m, snap.baseThreshold, ctx), ...limitLines(m, snap.baseThreshold, ctx), ...decisionLines(m, snap, ctx)]),
      ]);
  }
}

/** `/why` without a symbol. */
export function renderWhyUsage(ctx: TemplateContext): string {
  return escapeHtml(whyStringsFor(ctx.language).usage);
}

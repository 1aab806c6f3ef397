import type { RuleBook } from '../../../core/memory/ruleBook.js';
import type { GroupRow, MemoryActivation, ReportSummary, ReportTrade } from '../types.js';
import { escapeHtml, fmtHours, fmtNum, fmtPct, fmtPrice, fmtTime } from './format.js';
import { isReasonCode } from '../../../domain/reason.js';
import { parseScopeKey } from '../../../core/memory/verdictKeys.js';
import { scopeText } from '../../../sinks/telegram/templates/common.js';
import { breakdownText, reasonText, ruleNameText } from '../../../sinks/telegram/templates/reasonText.js';
import { EN } from '../../../sinks/telegram/templates/strings.en.js';

/** The report is in English; rules, reasons and score parts are worded like the English messages. */
const WORDS = EN;

/** A scope key (`symbol:BTCUSDT`) as people read it. */
export function scopeWords(key: string): string {
  const scope = parseScopeKey(key);
  return scope === undefined ? key : scopeText(scope, WORDS);
}

/** A verdict type as people read it. */
export function verdictTypeWords(type: string): string {
  return (WORDS.verdictType as Readonly<Record<string, string>>)[type] ?? type;
}

/** A table cell: text (escaped here) with an optional class (`num` aligns right). */
export type Cell = string | { readonly text: string; readonly cls: string };

/** An HTML table; every header and cell is escaped. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[], cls = ''): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => (typeof c === 'string' ? `<td>${escapeHtml(c)}</td>` : `<td class="${escapeHtml(c.cls)}">${escapeHtml(c.text)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table class="${escapeHtml(cls)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const num = (text: string): Cell => ({ text, cls: 'num' });

/** The summary figures as label/value rows, in report order, with units. */
export function summaryRows(s: ReportSummary): [string, string][] {
  return [
    ['Closed trades', String(s.trades)],
    ['Wins (net R > 0)', String(s.wins)],
    ['Losses (net R ≤ 0)', String(s.losses)],
    ['Expired', String(s.expired)],
    ['Open at the end', String(s.openTrades)],
    ['Win rate', fmtPct(s.winRatePct)],
    ['Expectancy (mean net R)', fmtNum(s.expectancyR, 3)],
    ['Profit factor', fmtNum(s.profitFactor, 3)],
    ['Total R', fmtNum(s.totalR, 3)],
    ['Total PnL (USDT)', fmtNum(s.totalPnl)],
    ['Starting equity (USDT)', fmtNum(s.startingEquity)],
    ['Final equity (USDT)', fmtNum(s.finalEquity)],
    ['Return', fmtPct(s.returnPct)],
    ['Max drawdown', fmtPct(s.maxDrawdownPct)],
    ['Longest losing streak', String(s.longestLosingStreak)],
    ['Average holding', fmtHours(s.avgHoldingMs)],
    ['Signals sent', String(s.sentSignals)],
    ['Signals per day (sent)', fmtNum(s.signalsPerDay, 3)],
    ['Blocked candidates', String(s.blockedCandidates)],
  ];
}

export function summaryTable(s: ReportSummary): string {
  return table(['Figure', 'Value'], summaryRows(s).map(([k, v]) => [k, num(v)]), 'summary');
}

export function groupTable(title: string, rows: readonly GroupRow[]): string {
  return table(
    [title, 'Trades', 'Wins', 'Losses', 'Win rate', 'Total R', 'Expectancy R', 'Profit factor', 'PnL'],
    rows.map((r) => [
      r.key, num(String(r.trades)), num(String(r.wins)), num(String(r.losses)), num(fmtPct(r.winRatePct)),
      num(fmtNum(r.totalR, 3)), num(fmtNum(r.expectancyR, 3)), num(fmtNum(r.profitFactor, 3)), num(fmtNum(r.pnl)),
    ]),
  );
}

/** Signals listed in a memory row; a long lock affects hundreds, and all of them stay in report.json. */
export const AFFECTED_LISTED = 4;

function affectedText(a: MemoryActivation): string {
  const listed = a.signals.slice(0, AFFECTED_LISTED).map((s) => {
    const why = s.codes.map((c) => (isReasonCode(c) ? WORDS.reasonLabel[c] : c)).join(', ');
    return `#${s.signalId} ${s.symbol} ${WORDS.model[s.model]} ${fmtTime(s.endMs)} ${s.status} (${why})`;
  });
  const more = a.signals.length - listed.length;
  return more > 0 ? `${listed.join('; ')}; … ${more} more in report.json` : listed.join('; ');
}

/** `rules`: the run's rule book (see runRuleBook), which names the rules. */
export function memoryTable(activations: readonly MemoryActivation[], rules: RuleBook): string {
  return table(
    ['Rule', 'Type', 'Scope', 'Start (UTC)', 'End (UTC)', 'Reason', 'Blocked', 'Shrunk', 'Signals affected'],
    activations.map((a) => [
      ruleNameText(a.rule, WORDS, rules), verdictTypeWords(a.type), scopeWords(a.scope), fmtTime(a.startMs), a.endMs === null ? 'still active' : fmtTime(a.endMs), a.reason,
      num(String(a.blocked)), num(String(a.shrunk)),
      affectedText(a),
    ]),
    'memory',
  );
}

/** `rules`: the run's rule book, which names the rule of a memory reason. */
export function tradesTable(trades: readonly ReportTrade[], rules: RuleBook): string {
  return table(
    ['#', 'Symbol', 'Model', 'Side', 'Int.', 'Score', 'Breakdown', 'Signal (UTC)', 'Entry', 'SL', 'TP', 'Qty', 'Risk %',
      'Exit (UTC)', 'Exit price', 'Outcome', 'R', 'Equity after', 'Reasons'],
    trades.map((t) => [
      num(String(t.tradeId)), t.symbol, WORDS.model[t.model], t.side, t.interval, num(fmtNum(t.score, 1)),
      breakdownText(t.breakdown, WORDS, ', '), fmtTime(t.signalTimeMs),
      num(fmtPrice(t.entry)), num(fmtPrice(t.stopLoss)), num(fmtPrice(t.takeProfit)), num(fmtPrice(t.quantity)),
      num(fmtNum(t.riskPct)), fmtTime(t.exitTimeMs), num(fmtPrice(t.exitPrice)), t.outcome ?? 'open',
      num(fmtNum(t.rMultiple, 3)), num(fmtNum(t.equityAfter)),
      t.reasons.map((r) => reasonText(r, WORDS, rules)).join('; '),
    ]),
    'trades',
  );
}

/** Flat key/value rows of a config record; nested values as JSON. */
export function configTable(config: Readonly<Record<string, unknown>>): string {
  return table(['Setting', 'Value'], Object.entries(config).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']));
}

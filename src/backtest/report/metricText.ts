import type { ReasonCode } from '../../domain/reason.js';
import type { ModelProfile } from '../../domain/signal.js';
import { EN } from '../../sinks/telegram/templates/strings.en.js';
import type { ReportMarket, ReportMetrics, SideFigures, SymbolR } from './metricsTypes.js';
import type { ReportSummary } from './types.js';

/**
 * The headline figures of a run in words and numbers for people, shared by the console table and
 * report.html: fixed decimals, signs on returns, `—` where a figure is undefined (a profit factor
 * with no loss, a Sharpe ratio over fewer than 2 days). English, like the report.
 */

export const UNDEFINED = '—';

const defined = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** `1.35`; `—` for null. */
export function fixed(v: number | null | undefined, decimals = 2): string {
  return defined(v) ? (v === 0 ? 0 : v).toFixed(decimals) : UNDEFINED;
}

/** `+1.35` / `-0.40` / `0.00`. */
export function signed(v: number | null | undefined, decimals = 2): string {
  if (!defined(v)) return UNDEFINED;
  const text = Math.abs(v).toFixed(decimals);
  return Number(text) === 0 ? text : `${v > 0 ? '+' : '-'}${text}`;
}

export const pct = (v: number | null | undefined, decimals = 1): string => (defined(v) ? `${fixed(v, decimals)} %` : UNDEFINED);
export const signedPct = (v: number | null | undefined, decimals = 1): string => (defined(v) ? `${signed(v, decimals)} %` : UNDEFINED);
export const rText = (v: number | null | undefined): string => (defined(v) ? `${signed(v, 2)} R` : UNDEFINED);

/** `2025-03-01` (UTC). */
export const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A run as people name it: `seed, memory on`. */
export function runTitle(profile: ModelProfile, memory: boolean): string {
  return `${profile}, memory ${memory ? 'on' : 'off'}`;
}

/** A reason code in the bot's English words (`Score below threshold`). */
export function reasonWords(code: ReasonCode): string {
  return EN.reasonLabel[code];
}

const symbolR = (s: SymbolR | null): string => (s === null ? UNDEFINED : `${s.symbol} ${rText(s.totalR)}`);
const sideText = (s: SideFigures): string => (s.trades === 0 ? 'no trade' : `${s.trades} · ${pct(s.winRatePct)} · ${rText(s.totalR)}`);

/** The metric rows of a run, label and value, in the order the console and the page show them. */
export function metricRows(s: ReportSummary, m: ReportMetrics): [string, string][] {
  return [
    ['Trades (closed)', s.openTrades > 0 ? `${s.trades} (+${s.openTrades} open)` : String(s.trades)],
    ['Win rate', pct(s.winRatePct)],
    ['Expectancy per trade', rText(s.expectancyR)],
    ['Profit factor', fixed(s.profitFactor)],
    ['Total R', rText(s.totalR)],
    ['Return', signedPct(s.returnPct, 2)],
    ['CAGR', signedPct(m.cagrPct, 1)],
    ['Max drawdown', pct(s.maxDrawdownPct, 2)],
    ['Sharpe (daily, ×√365)', fixed(m.sharpe)],
    ['Sortino (daily, ×√365)', fixed(m.sortino)],
    ['Calmar (CAGR / max DD)', fixed(m.calmar)],
    ['Longest losing streak', s.longestLosingStreak === 1 ? '1 trade' : `${s.longestLosingStreak} trades`],
    ['Best symbol', symbolR(m.bestSymbol)],
    ['Worst symbol', symbolR(m.worstSymbol)],
    ['Long: trades · win · R', sideText(m.long)],
    ['Short: trades · win · R', sideText(m.short)],
    ['Blocked candidates', String(s.blockedCandidates)],
  ];
}

/** Reason codes blocked in any of the runs, most frequent (summed) first. */
export function blockedReasonCodes(runs: readonly ReportMetrics[]): ReasonCode[] {
  const total = new Map<ReasonCode, number>();
  for (const m of runs) for (const r of m.blockedByReason) total.set(r.code, (total.get(r.code) ?? 0) + r.count);
  return [...total].sort((a, b) => b[1] - a[1]).map(([code]) => code);
}

/** A run's count for one reason (0 when it never blocked for it). */
export function blockedCount(m: ReportMetrics, code: ReasonCode): number {
  return m.blockedByReason.find((r) => r.code === code)?.count ?? 0;
}

/** `Buy and hold, first to last close: BTCUSDT +12.3 %, ETHUSDT -5.0 %`; '' without data. */
export function buyAndHoldSentence(market: ReportMarket): string {
  if (market.buyAndHold.length === 0) return '';
  return `Buy and hold over the range (first to last close): ${market.buyAndHold.map((b) => `${b.symbol} ${signedPct(b.returnPct)}`).join(', ')}.`;
}

/** One sentence on the warm-up before the first trade; '' when the report has no market data. */
export function warmUpSentence(market: ReportMarket): string {
  const w = market.warmUp;
  if (w === null) return '';
  const need = `The indicators need ${w.candles} closed candles of each interval (1d, 4h, 30m), so ${w.candles} days of data, before a symbol is scored`;
  if (w.readyMs === null) return `${need}: the data never got there, so no trade could be made.`;
  const last = Math.max(...w.bySymbol.flatMap((s) => (s.readyMs === null ? [] : [s.readyMs])));
  const lastText = last > w.readyMs ? ` (the last symbol on ${utcDate(last)})` : '';
  const first = w.firstTradeMs === null ? 'no trade was made' : `the first trade came on ${utcDate(w.firstTradeMs)}`;
  return `${need}: trading could begin on ${utcDate(w.readyMs)}${lastText}; ${first}.`;
}

import { drawdownCurve } from '../equityCurve.js';
import { runRuleBook } from '../runRules.js';
import type { BacktestReport, ComparisonReport, EquityPoint } from '../types.js';
import { escapeHtml, fmtDate, fmtNum, fmtPct } from './format.js';
import { comparisonFiltersBanner, exchangeFiltersHtml, filtersBanner, SIZING_STYLE, universeHtml } from './sizingHtml.js';
import { svgChart, type ChartSpan } from './svgChart.js';
import { configTable, groupTable, memoryTable, scopeWords, summaryRows, summaryTable, table, tradesTable, verdictTypeWords } from './tables.js';
import { ruleNameText } from '../../../sinks/telegram/templates/reasonText.js';
import { robustnessSection } from './robustnessSection.js';
import { EN } from '../../../sinks/telegram/templates/strings.en.js';
import { buyAndHoldSentence, runTitle, warmUpSentence } from '../metricText.js';
import { metricsTable } from './metricsTable.js';
import { robustnessNote } from '../robustnessRows.js';
import { PRICE_LEGEND, priceChart } from './priceChart.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top}
th{background:#f4f4f4;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
table.trades,table.memory{font-size:12px}table.trades,table.blocked-size{font-size:11px}table.trades th,table.trades td,table.blocked-size th,table.blocked-size td{padding:2px 4px}.chart{display:block;max-width:100%;height:auto;margin:8px 0}
.chart .grid{stroke:#eee}.chart .tick{font-size:11px;fill:#555}.chart .chart-title{font-size:13px;font-weight:600}
.meta{color:#555}.tables{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.price-charts{display:flex;flex-wrap:wrap;gap:8px 12px}.price-chart{display:block;max-width:100%;height:auto;margin:4px 0}.price-chart .grid{stroke:#eee}.price-chart .tick{font-size:11px;fill:#555}
.price-chart .chart-title{font-size:13px;font-weight:600}table.metrics td:first-child{white-space:nowrap}
${SIZING_STYLE}`;

/** How the risk ratios are computed, under every metrics table. */
const RATIOS_NOTE =
  'Sharpe and Sortino: daily returns of closed-trade equity (marked at each UTC day end), risk-free rate 0, annualised ×√365 as crypto trades every day. CAGR over 365-day years; Calmar: CAGR / max drawdown. — : undefined (no loss for a profit factor, fewer than 2 days for a ratio). A blocked candidate counts under each of its reasons.';

function contextParagraphs(sentences: readonly string[]): string {
  return sentences.filter((s) => s !== '').map((s) => `<p>${escapeHtml(s)}</p>`).join('\n');
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const equitySeries = (label: string, equity: readonly EquityPoint[]) => ({
  label,
  points: equity.map((p) => ({ x: p.atMs, y: p.equity })),
});

const drawdownSeries = (label: string, equity: readonly EquityPoint[]) => ({
  label,
  points: drawdownCurve(equity).map((p) => ({ x: p.atMs, y: p.drawdownPct })),
});

function renderBacktest(r: BacktestReport): string {
  const { run, summary } = r;
  const rules = runRuleBook(run);
  const spans: ChartSpan[] = r.memory.map((a) => {
    const name = ruleNameText(a.rule, EN, rules);
    return {
      lane: name,
      x0: a.startMs,
      x1: a.endMs ?? run.toMs,
      shade: a.type === 'lock',
      title: `${name} (${verdictTypeWords(a.type)}, ${scopeWords(a.scope)}): ${a.reason}; blocked ${a.blocked}, shrunk ${a.shrunk}`,
    };
  });
  const title = `Backtest ${run.profile}, memory ${run.memory ? 'on' : 'off'}: ${run.symbols.join(', ')}`;
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(`${fmtDate(run.fromMs)} → ${fmtDate(run.toMs)} UTC · ${run.candles} candles · data ${run.dataDir} · generated ${r.runtime.finishedAt} in ${r.runtime.wallMs} ms · schema v${r.schemaVersion}`)}</p>
${filtersBanner(r.exchangeFilters)}
<h2>Metrics and summary</h2>
<div class="tables">${metricsTable([runTitle(run.profile, run.memory)], [r])}${summaryTable(summary)}</div>
<p class="meta">${escapeHtml(RATIOS_NOTE)}</p>
${contextParagraphs([buyAndHoldSentence(r.market), warmUpSentence(r.market)])}
<h2>Equity and memory</h2>
<p class="meta">Closed-trade equity in USDT. Shaded spans: memory locks; lanes below: every memory activation.</p>
${svgChart({ title: 'Equity (USDT)', xMin: run.fromMs, xMax: run.toMs, series: [equitySeries('equity', r.equity)], spans, formatY: (y) => fmtNum(y) })}
${svgChart({ title: 'Drawdown (%)', xMin: run.fromMs, xMax: run.toMs, series: [{ label: 'drawdown', points: r.drawdown.map((p) => ({ x: p.atMs, y: p.drawdownPct })) }], formatY: (y) => fmtPct(y, 1), invertY: true })}
${r.market.prices.length === 0 ? '' : `<h2>Prices and trades</h2>
<p class="meta">${escapeHtml(PRICE_LEGEND)}</p>
<div class="price-charts">${r.market.prices.map((p) => priceChart(p, r.trades, run.fromMs, run.toMs, r.market.warmUp?.bySymbol.find((w) => w.symbol === p.symbol)?.readyMs ?? null)).join('\n')}</div>`}
<h2>Breakdown</h2>
<div class="tables">${groupTable('Symbol', r.tables.bySymbol)}${groupTable('Model', r.tables.byModel)}${groupTable('Exit', r.tables.byExit)}</div>
${groupTable('Month (UTC, by exit)', r.tables.byMonth)}
${robustnessSection(r.robustness)}
<h2>Memory timeline</h2>
${r.memory.length === 0 ? '<p>No memory activation in this run.</p>' : memoryTable(r.memory, rules)}
${exchangeFiltersHtml(r.exchangeFilters)}
${universeHtml(r.universe)}
<h2>Trades</h2>
<details open><summary>${escapeHtml(`Trades: ${r.trades.length}`)}</summary>${tradesTable(r.trades, rules)}</details>
<h2>Configuration</h2>
<details><summary>Settings of the run</summary>${configTable(run.config)}</details>`;
  return page(title, body);
}

function renderComparison(c: ComparisonReport): string {
  const xMin = c.runs.reduce((min, r) => Math.min(min, r.run.fromMs), Number.POSITIVE_INFINITY);
  const xMax = c.runs.reduce((max, r) => Math.max(max, r.run.toMs), Number.NEGATIVE_INFINITY);
  // Columns and legends in words ("seed, memory on"); the folder labels when two runs share them.
  const titles = c.runs.map((r) => runTitle(r.run.profile, r.run.memory));
  const labels = new Set(titles).size === titles.length ? titles : c.runs.map((r) => r.label);
  const figures = c.runs.map((r) => summaryRows(r.summary));
  const rows = (figures[0] ?? []).map(([name], i) => [name, ...figures.map((f) => ({ text: f[i]?.[1] ?? '—', cls: 'num' }))]);
  const runRows = c.runs.map((r) => [
    r.label, r.run.profile, r.run.memory ? 'on' : 'off', r.run.symbols.join(', '), `${fmtDate(r.run.fromMs)} → ${fmtDate(r.run.toMs)}`,
    String(r.run.candles),
  ]);
  const title = `Backtest comparison: ${labels.join(' vs ')}`;
  const body = `<h1>${escapeHtml(title)}</h1>
${comparisonFiltersBanner(c.runs)}
<h2>Runs</h2>
${table(['Folder', 'Profile', 'Memory', 'Symbols', 'Range (UTC)', 'Candles'], runRows)}
<h2>Metrics side by side</h2>
${metricsTable(labels, c.runs)}
<p class="meta">${escapeHtml(RATIOS_NOTE)}</p>
${contextParagraphs([robustnessNote(c.runs.map((r) => r.robustness))])}
<h2>Summaries side by side</h2>
${table(['Figure', ...labels], rows, 'summary')}
<h2>Equity and drawdown</h2>
${svgChart({ title: 'Equity (USDT)', xMin, xMax, series: c.runs.map((r, i) => equitySeries(labels[i] ?? r.label, r.equity)), formatY: (y) => fmtNum(y) })}
${svgChart({ title: 'Drawdown (%)', xMin, xMax, series: c.runs.map((r, i) => drawdownSeries(labels[i] ?? r.label, r.equity)), formatY: (y) => fmtPct(y, 1), invertY: true })}`;
  return page(title, body);
}

/**
 * One self-contained HTML page for a report or a comparison: inline CSS and inline SVG charts,
 * no script, no external URL, every text escaped. Opens from disk, mails as one file.
 */
export function renderReportHtml(report: BacktestReport | ComparisonReport): string {
  return report.kind === 'comparison' ? renderComparison(report) : renderBacktest(report);
}

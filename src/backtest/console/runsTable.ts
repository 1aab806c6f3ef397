import { blockedCount, blockedReasonCodes, buyAndHoldSentence, metricRows, reasonWords, runTitle, utcDate, warmUpSentence } from '../report/metricText.js';
import { robustnessNote, robustnessRows } from '../report/robustnessRows.js';
import type { BacktestReport } from '../report/types.js';

/** A finished run as the console shows it: its report and where its files went. */
export interface FinishedRun {
  readonly report: BacktestReport;
  readonly jsonPath: string;
  readonly htmlPath: string;
}

const DAY_MS = 86_400_000;

/** Prose lines wrap here: a terminal of 100 columns reads them without a break mid-word. */
const PROSE_COLUMNS = 100;

/**
 * `text` broken at spaces into lines of at most `columns` characters (a longer word stays whole);
 * a unit never starts a line ("-55.8 %" stays together).
 */
export function wrapWords(text: string, columns = PROSE_COLUMNS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ (?![%R](?:[ ,.;]|$))/)) {
    if (line !== '' && line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

const RATIOS_NOTE =
  'Sharpe and Sortino: daily returns of closed-trade equity marked at each UTC day end, risk-free rate 0, ×√365 as crypto trades every day. Calmar: CAGR / max drawdown. —: no value (no loss for a profit factor, under 2 days for a ratio). A blocked candidate counts under each of its reasons.';

/** Left-aligned first column, right-aligned value columns, two spaces between. */
function layout(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd(),
  );
}

/**
 * The end-of-run summary: what was replayed, one metrics column per run (side by side for
 * `--compare` / `--profile both`), blocked candidates by reason in words, the robustness rows
 * (drawdown and return bands, random entries), whether exchange filters
 * sized the trades, buy and hold and the warm-up for context, how the ratios are computed, and the paths of the report files.
 */
export function runsSummaryLines(runs: readonly FinishedRun[], comparison?: { jsonPath: string; htmlPath: string }): string[] {
  const first = runs[0]?.report;
  if (first === undefined) return [];
  const { run } = first;
  const days = Math.round((run.toMs - run.fromMs) / DAY_MS);
  const header = `Backtest of ${run.symbols.join(', ')} · ${utcDate(run.fromMs)} → ${utcDate(run.toMs)} UTC (${days} days) · starting equity ${run.startingEquity} USDT`;
  const columns = runs.map((r) => metricRows(r.report.summary, r.report.metrics));
  const rows: string[][] = [['', ...runs.map((r) => runTitle(r.report.run.profile, r.report.run.memory))]];
  (columns[0] ?? []).forEach(([label], i) => rows.push([label, ...columns.map((c) => c[i]?.[1] ?? '')]));
  for (const code of blockedReasonCodes(runs.map((r) => r.report.metrics))) {
    rows.push([`  ${reasonWords(code)}`, ...runs.map((r) => String(blockedCount(r.report.metrics, code)))]);
  }
  const robustness = runs.map((r) => r.report.robustness);
  rows.push(...robustnessRows(robustness));
  // Whether sizing matched live comes first: without filters every figure above is the formula's.
  const context = [first.exchangeFilters.note, buyAndHoldSentence(first.market), warmUpSentence(first.market), RATIOS_NOTE, robustnessNote(robustness)].filter((s) => s !== '').flatMap((s) => wrapWords(s));
  const fileRows = [
    ...runs.map((r) => [runTitle(r.report.run.profile, r.report.run.memory), r.htmlPath, r.jsonPath]),
    ...(comparison === undefined ? [] : [['comparison', comparison.htmlPath, comparison.jsonPath]]),
  ];
  const w0 = Math.max(...fileRows.map((r) => r[0]?.length ?? 0));
  const w1 = Math.max(...fileRows.map((r) => r[1]?.length ?? 0));
  const files = fileRows.map(([label = '', html = '', json = '']) => `  ${label.padEnd(w0)}  ${html.padEnd(w1)}  ${json}`);
  return [
    header,
    '',
    ...layout(rows),
    '',
    ...context,
    '',
    'Reports (HTML, JSON):',
    ...files,
  ];
}

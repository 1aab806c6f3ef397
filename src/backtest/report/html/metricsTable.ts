import { blockedCount, blockedReasonCodes, metricRows, reasonWords } from '../metricText.js';
import type { ReportMetrics } from '../metricsTypes.js';
import { robustnessRows } from '../robustnessRows.js';
import type { RobustnessReport } from '../../../research/robustness.js';
import type { ReportSummary } from '../types.js';
import { table } from './tables.js';

const num = (text: string) => ({ text, cls: 'num' });

/**
 * The metrics of one or more runs (columns headed by `labels`), the same rows as the console
 * table: trades to Calmar, streak, best and worst symbol, long and short, blocked by reason, then
 * the robustness rows of the runs that have them.
 */
export function metricsTable(labels: readonly string[], runs: readonly { summary: ReportSummary; metrics: ReportMetrics; robustness?: RobustnessReport }[]): string {
  const columns = runs.map((r) => metricRows(r.summary, r.metrics));
  const rows = (columns[0] ?? []).map(([label], i) => [label, ...columns.map((c) => num(c[i]?.[1] ?? ''))]);
  for (const code of blockedReasonCodes(runs.map((r) => r.metrics))) {
    rows.push([`· ${reasonWords(code)}`, ...runs.map((r) => num(String(blockedCount(r.metrics, code))))]);
  }
  for (const [label = '', ...values] of robustnessRows(runs.map((r) => r.robustness))) rows.push([label, ...values.map(num)]);
  return table(['Metric', ...labels], rows, 'metrics');
}

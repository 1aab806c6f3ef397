import { REPORT_SCHEMA_VERSION, type BacktestReport, type ComparisonReport } from './types.js';

/**
 * Puts several runs side by side (memory on vs off, seed vs confluence), in the order given.
 * At least one run; labels must be distinct: they head the columns of the HTML comparison.
 */
export function compareReports(runs: readonly { label: string; report: BacktestReport }[]): ComparisonReport {
  if (runs.length === 0) throw new RangeError('compareReports: no run to compare');
  const labels = new Set(runs.map((r) => r.label));
  if (labels.size !== runs.length) throw new RangeError('compareReports: labels must be distinct');
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: 'comparison',
    runs: runs.map(({ label, report }) => {
      const { config: _config, ...run } = report.run;
      const { applied, note } = report.exchangeFilters;
      return {
        label, run, summary: report.summary, metrics: report.metrics, equity: report.equity, exchangeFilters: { applied, note },
        ...(report.robustness === undefined ? {} : { robustness: report.robustness }),
      };
    }),
  };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportJson } from './buildReport.js';
import { renderReportHtml } from './html/renderReportHtml.js';
import type { BacktestReport, ComparisonReport } from './types.js';

/**
 * Writes `<name>.json` and `<name>.html` into `dir` (created if missing) and returns both paths.
 * The runner's one call after {@link buildReport} or {@link compareReports}.
 */
export function writeReportFiles(
  dir: string,
  report: BacktestReport | ComparisonReport,
  name = report.kind === 'comparison' ? 'comparison' : 'report',
): { jsonPath: string; htmlPath: string } {
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, `${name}.json`);
  const htmlPath = join(dir, `${name}.html`);
  writeFileSync(jsonPath, reportJson(report));
  writeFileSync(htmlPath, renderReportHtml(report));
  return { jsonPath, htmlPath };
}

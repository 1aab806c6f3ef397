export { buildReport, reportJson } from './buildReport.js';
export { compareReports } from './compareReports.js';
export { renderReportHtml } from './html/renderReportHtml.js';
export { writeReportFiles } from './writeReportFiles.js';
export * from './types.js';
export type { ExchangeFiltersSection, BlockedBySizeRow } from './exchangeFiltersSection.js';
export type { UniverseSection, VolumeSource } from './universeSection.js';

export { createHttpServer, type HttpServerDeps, type HttpServerHandle } from './server.js';
export type { HttpSources, ShardFreshness, MetricsCounters, BotStatus, SignalView, MemoryView, EquityPoint } from './sources.js';
export { evaluateHealth, isShardStale, type HealthReport, type HealthReason } from './health.js';
export { createMetrics, METRIC_PREFIX, type MetricsEndpoint } from './metrics.js';
export { renderDashboardHtml, type DashboardOptions, type DashboardLanguage } from './dashboard/page.js';
export { EQUITY_CHART_SCRIPT, EQUITY_CHART_FUNCTION } from './dashboard/equityChart.js';
export { escapeHtml, jsonForScript } from './dashboard/inline.js';

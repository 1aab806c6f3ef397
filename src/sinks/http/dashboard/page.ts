import { DASHBOARD_SCRIPT } from './clientScript.js';
import { EQUITY_CHART_SCRIPT } from './equityChart.js';
import { escapeHtml, jsonForScript } from './inline.js';
import { DASHBOARD_LABELS, type DashboardLanguage } from './labels.js';
import { DASHBOARD_CSS } from './styles.js';

export type { DashboardLanguage } from './labels.js';

export interface DashboardOptions {
  readonly language: DashboardLanguage;
  /** How often the page polls the API; a few seconds by default. */
  readonly refreshMs?: number;
  /** Rows asked of `/api/signals` and `/api/trades`. */
  readonly limit?: number;
}

/**
 * The live dashboard: one self-contained page (styles, chart code and client code inlined; no CDN,
 * no font, no external image), so it works on a machine without internet and under a strict
 * Content-Security-Policy. The markup is a static shell; the client fills it from `/api/*`.
 */
export function renderDashboardHtml({ language, refreshMs = 5000, limit = 50 }: DashboardOptions): string {
  const L = DASHBOARD_LABELS[language];
  // Tables get the full width (wide); the status and the chart share a row (grid-auto-flow: dense).
  const section = (id: string, title: string, wide = false): string =>
    `<section${wide ? ' class="wide"' : ''}><h2>${escapeHtml(title)}</h2><div id="${id}"></div></section>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(L.title)}</title>
<style>${DASHBOARD_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(L.title)}</h1><span id="ks-health"></span><span id="ks-updated"></span></header>
<div id="ks-banner" role="alert">${escapeHtml(L.disconnected)}</div>
<main>
${section('ks-status', L.status)}
${section('ks-open', L.openTrades, true)}
${section('ks-equity-chart', L.equityCurve)}
${section('ks-signals', L.signalsSent, true)}
${section('ks-blocked', L.blocked, true)}
<section class="wide"><h2>${escapeHtml(L.memory)}</h2><h3>${escapeHtml(L.activeRules)}</h3><div id="ks-memory-active"></div><h3>${escapeHtml(L.memoryEvents)}</h3><div id="ks-memory-events"></div></section>
${section('ks-trades', L.recentTrades, true)}
</main>
<script type="application/json" id="ks-labels">${jsonForScript(L)}</script>
<script type="application/json" id="ks-config">${jsonForScript({ refreshMs, limit })}</script>
<script>${EQUITY_CHART_SCRIPT}</script>
<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;
}

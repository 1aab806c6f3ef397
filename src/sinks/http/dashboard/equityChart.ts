/**
 * The name of the global function {@link EQUITY_CHART_SCRIPT} defines:
 * `drawEquityChart(container, points, options?)` where `points` are `{ tMs, equity, drawdownPct }`
 * oldest first and `options` is `{ width?, height?, labels?: { equity, drawdown, empty } }`.
 * It replaces the container's content with an SVG and returns
 * `{ points, lastEquity, maxDrawdownPct }` (0 points when it drew the empty message).
 */
export const EQUITY_CHART_FUNCTION = 'drawEquityChart';

/**
 * A self-contained SVG line chart of paper equity (top panel) and drawdown (bottom panel), written
 * with plain DOM APIs so the live dashboard and the backtest's report.html inline the very same
 * code, with no chart library and no network. All text goes through `textContent`, so data can
 * never become markup. Plain ES2017 in a string: the browser runs it as is.
 *
 * Usage in a page: `<script>${EQUITY_CHART_SCRIPT}</script>` then
 * `drawEquityChart(document.getElementById('equity'), points, { labels })`.
 */
export const EQUITY_CHART_SCRIPT = String.raw`
function drawEquityChart(container, points, options) {
  'use strict';
  var opts = options || {};
  var labels = opts.labels || {};
  var W = opts.width || 720, H = opts.height || 320;
  var doc = container.ownerDocument;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var left = 70, right = 12, top = 22, gap = 26, bottom = 24;
  var plotW = W - left - right;
  var eqH = Math.round((H - top - gap - bottom) * 0.65), ddH = H - top - gap - bottom - eqH;
  var eqTop = top, ddTop = top + eqH + gap;
  function node(tag, attrs, text) {
    var n = doc.createElementNS(SVG_NS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, String(attrs[k]));
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function round(v) { return Math.round(v * 10) / 10; }
  // Dates at both ends; with the time of day when the curve spans less than two days (else both ends read the same).
  function day(ms) { return new Date(ms).toISOString().slice(0, data.length > 0 && data[data.length - 1].tMs - data[0].tMs < 172800000 ? 16 : 10).replace('T', ' '); }
  container.textContent = '';
  var svg = node('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'class': 'equity-chart' });
  svg.appendChild(node('title', {}, (labels.equity || 'Equity') + ' / ' + (labels.drawdown || 'Drawdown')));
  container.appendChild(svg);
  var data = [];
  for (var i = 0; i < (points || []).length; i++) {
    var p = points[i];
    if (p && isFinite(p.tMs) && isFinite(p.equity) && isFinite(p.drawdownPct)) data.push(p);
  }
  if (data.length === 0) {
    svg.appendChild(node('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'chart-empty' }, labels.empty || 'No closed trades yet'));
    return { points: 0, lastEquity: null, maxDrawdownPct: 0 };
  }
  var t0 = data[0].tMs, t1 = data[data.length - 1].tMs;
  var eMin = Infinity, eMax = -Infinity, ddMax = 0;
  for (var j = 0; j < data.length; j++) {
    eMin = Math.min(eMin, data[j].equity);
    eMax = Math.max(eMax, data[j].equity);
    ddMax = Math.max(ddMax, data[j].drawdownPct);
  }
  if (eMax === eMin) { eMax += 1; eMin -= 1; }
  var ddScale = ddMax > 0 ? ddMax : 1;
  function x(t) { return t1 === t0 ? left + plotW / 2 : left + ((t - t0) / (t1 - t0)) * plotW; }
  function yEq(e) { return eqTop + (1 - (e - eMin) / (eMax - eMin)) * eqH; }
  function yDd(d) { return ddTop + (d / ddScale) * ddH; }
  for (var g = 0; g <= 4; g++) {
    var value = eMin + ((eMax - eMin) * g) / 4, gy = round(yEq(value));
    svg.appendChild(node('line', { x1: left, x2: W - right, y1: gy, y2: gy, 'class': 'chart-grid', stroke: '#d0d7de', 'stroke-width': 0.5 }));
    svg.appendChild(node('text', { x: left - 6, y: gy + 4, 'text-anchor': 'end', 'font-size': 11, 'class': 'chart-axis' }, value.toFixed(2)));
  }
  svg.appendChild(node('text', { x: left - 6, y: round(yDd(0)) + 4, 'text-anchor': 'end', 'font-size': 11, 'class': 'chart-axis' }, '0%'));
  svg.appendChild(node('text', { x: left - 6, y: round(yDd(ddScale)) + 4, 'text-anchor': 'end', 'font-size': 11, 'class': 'chart-axis' }, '-' + ddMax.toFixed(2) + '%'));
  var eqPts = [], ddPts = [round(x(t0)) + ',' + round(yDd(0))];
  for (var m = 0; m < data.length; m++) {
    var px = round(x(data[m].tMs));
    eqPts.push(px + ',' + round(yEq(data[m].equity)));
    ddPts.push(px + ',' + round(yDd(data[m].drawdownPct)));
  }
  ddPts.push(round(x(t1)) + ',' + round(yDd(0)));
  svg.appendChild(node('polygon', { points: ddPts.join(' '), 'class': 'chart-drawdown', fill: '#cf222e', 'fill-opacity': 0.35, stroke: '#cf222e', 'stroke-width': 1 }));
  svg.appendChild(node('polyline', { points: eqPts.join(' '), 'class': 'chart-equity', fill: 'none', stroke: '#0969da', 'stroke-width': 1.5 }));
  svg.appendChild(node('text', { x: left, y: eqTop - 8, 'font-size': 12, 'class': 'chart-legend', fill: '#0969da' }, labels.equity || 'Equity'));
  svg.appendChild(node('text', { x: left, y: ddTop - 8, 'font-size': 12, 'class': 'chart-legend', fill: '#cf222e' }, labels.drawdown || 'Drawdown'));
  svg.appendChild(node('text', { x: left, y: H - 6, 'font-size': 11, 'class': 'chart-axis' }, day(t0)));
  svg.appendChild(node('text', { x: W - right, y: H - 6, 'text-anchor': 'end', 'font-size': 11, 'class': 'chart-axis' }, day(t1)));
  return { points: data.length, lastEquity: data[data.length - 1].equity, maxDrawdownPct: ddMax };
}
`;

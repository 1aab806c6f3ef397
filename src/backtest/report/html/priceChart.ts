import type { PriceSeries } from '../metricsTypes.js';
import type { ReportTrade } from '../types.js';
import { escapeHtml, fmtDate, fmtNum, fmtPrice, fmtTime, svgCoord as f } from './format.js';

// Three charts side by side on a 1280 px page: a compact overview, hover a marker for the detail.
const WIDTH = 400;
const PLOT_HEIGHT = 150;
const LEFT = 56;
const RIGHT = 12;
const TOP = 24;
const AXIS = 22;
const LONG = '#1a7f37';
const SHORT = '#cf222e';
const WIN = '#1a7f37';
const LOSS = '#cf222e';

/** Round price levels (1, 2 or 5 × a power of ten apart), three to five across [min, max]. */
export function priceTicks(min: number, max: number): number[] {
  const raw = (max - min) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** A triangle pointing up (long) or down (short) centred on (x, y). */
function triangle(x: number, y: number, up: boolean): string {
  const h = 5;
  return up ? `${f(x)},${f(y - h)} ${f(x - h)},${f(y + h)} ${f(x + h)},${f(y + h)}` : `${f(x)},${f(y + h)} ${f(x - h)},${f(y - h)} ${f(x + h)},${f(y - h)}`;
}

function tradeTitle(t: ReportTrade): string {
  const exit = t.exitTimeMs === null ? 'still open' : `exit ${fmtTime(t.exitTimeMs)} at ${fmtPrice(t.exitPrice)} (${t.outcome ?? ''}, ${fmtNum(t.rMultiple, 2)} R)`;
  return `#${t.tradeId} ${t.side === 'LONG' ? 'long' : 'short'} ${fmtTime(t.signalTimeMs)} at ${fmtPrice(t.entry)}; ${exit}`;
}

/**
 * A symbol's price (30m closes, thinned) over the range with its trades: a triangle at each entry
 * (up green: long, down red: short), a dot at each exit (green: net R > 0, red: not), a dashed
 * line between them; the warm-up before `readyMs` shaded grey. Inline SVG, every text escaped, hover a marker for the trade.
 */
export function priceChart(series: PriceSeries, trades: readonly ReportTrade[], xMin: number, xMax: number, readyMs: number | null = null): string {
  const own = trades.filter((t) => t.symbol === series.symbol);
  const ys = [...series.points.map((p) => p.close), ...own.flatMap((t) => [t.entry, ...(t.exitPrice === null ? [] : [t.exitPrice])])];
  let yMin = ys.length > 0 ? Math.min(...ys) : 0;
  let yMax = ys.length > 0 ? Math.max(...ys) : 1;
  if (yMax === yMin) [yMin, yMax] = [yMin - 1, yMax + 1];
  const pad = (yMax - yMin) * 0.05;
  yMin -= pad;
  yMax += pad;
  const xSpan = xMax > xMin ? xMax - xMin : 1;
  const plotW = WIDTH - LEFT - RIGHT;
  const sx = (x: number) => LEFT + ((Math.min(Math.max(x, xMin), xMax) - xMin) / xSpan) * plotW;
  const sy = (y: number) => TOP + ((yMax - y) / (yMax - yMin)) * PLOT_HEIGHT;
  const height = TOP + PLOT_HEIGHT + AXIS;
  const title = `${series.symbol} price (30m close)`;
  const parts: string[] = [`<text x="${LEFT}" y="16" class="chart-title">${escapeHtml(title)}</text>`];
  for (const y of priceTicks(yMin, yMax)) {
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f(sy(y))}" y2="${f(sy(y))}" class="grid"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${f(sy(y) + 4)}" text-anchor="end" class="tick">${escapeHtml(fmtPrice(y))}</text>`);
  }
  for (let i = 0; i <= 2; i++) {
    const x = xMin + (xSpan * i) / 2;
    parts.push(`<text x="${f(sx(x))}" y="${TOP + PLOT_HEIGHT + 16}" text-anchor="${i === 2 ? 'end' : i === 0 ? 'start' : 'middle'}" class="tick">${escapeHtml(fmtDate(x))}</text>`);
  }
  if (readyMs !== null && readyMs > xMin) {
    // The warm-up: no signal can come before the indicators have their candles.
    const w = sx(readyMs) - LEFT;
    parts.push(`<rect x="${LEFT}" y="${TOP}" width="${f(w)}" height="${PLOT_HEIGHT}" fill="#000" fill-opacity="0.06" class="warm-up"><title>${escapeHtml(`warm-up until ${fmtTime(readyMs)} UTC: indicators not ready, no signal`)}</title></rect>`);
    if (w > 60) parts.push(`<text x="${LEFT + 4}" y="${TOP + 12}" class="tick">warm-up</text>`);
  }
  const d = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(sx(p.atMs))},${f(sy(p.close))}`).join(' ');
  if (d !== '') parts.push(`<path d="${d}" fill="none" stroke="#57606a" stroke-width="1" class="price"><title>${escapeHtml(title)}</title></path>`);
  for (const t of own) {
    const x0 = sx(t.signalTimeMs);
    const y0 = sy(t.entry);
    const tip = `<title>${escapeHtml(tradeTitle(t))}</title>`;
    if (t.exitTimeMs !== null && t.exitPrice !== null) {
      const won = (t.rMultiple ?? 0) > 0;
      parts.push(`<line x1="${f(x0)}" y1="${f(y0)}" x2="${f(sx(t.exitTimeMs))}" y2="${f(sy(t.exitPrice))}" stroke="${won ? WIN : LOSS}" stroke-dasharray="3,2" class="hold"/>`);
      parts.push(`<circle cx="${f(sx(t.exitTimeMs))}" cy="${f(sy(t.exitPrice))}" r="3" fill="${won ? WIN : LOSS}" class="exit">${tip}</circle>`);
    }
    parts.push(`<polygon points="${triangle(x0, y0, t.side === 'LONG')}" fill="${t.side === 'LONG' ? LONG : SHORT}" fill-opacity="0.85" class="entry">${tip}</polygon>`);
  }
  return `<svg class="price-chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}

/** The legend under the price charts, in words. */
export const PRICE_LEGEND =
  'Triangles: entries (▲ green long, ▼ red short) at the signal candle\'s end and entry price; dots: exits (green net R > 0, red otherwise); dashed line: the trade held; grey: the warm-up, before the indicators are ready. Hover a marker for the trade.';

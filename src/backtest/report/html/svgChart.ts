import { colorAt, escapeHtml, fmtDate, svgCoord as f } from './format.js';

/** One step line: the value holds from each point until the next (closed-trade equity moves at exits). */
export interface ChartSeries {
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** A time span drawn on the chart: `shade` spans cover the plot, every span gets a lane below it. */
export interface ChartSpan {
  readonly lane: string;
  readonly x0: number;
  readonly x1: number;
  readonly title: string;
  readonly shade: boolean;
}

export interface ChartOptions {
  readonly title: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly series: readonly ChartSeries[];
  readonly spans?: readonly ChartSpan[];
  readonly formatY: (y: number) => string;
  /** Draw the y axis downwards from 0 (a drawdown chart). */
  readonly invertY?: boolean;
}

const WIDTH = 960;
const PLOT_HEIGHT = 260;
const LANE_HEIGHT = 14;
const LEFT = 150;
/** Lane names up to this long fit left of the plot at the tick font (the seed rules' names do). */
const LANE_LABEL_CHARS = 24;
/** Height of the line a lane's name takes above its bars when some name is longer (a custom rule's). */
const LANE_LABEL_HEIGHT = 12;
const RIGHT = 20;
const TOP = 28;
const AXIS = 24;

/**
 * An inline SVG line chart built as text at render time (no chart library, nothing fetched).
 * Element text and `<title>` tooltips are escaped; every coordinate is a finite number.
 */
export function svgChart(o: ChartOptions): string {
  const spans = o.spans ?? [];
  const lanes = [...new Set(spans.map((s) => s.lane))].sort();
  // A long lane name (a custom rule named by its parameters) would be cut off left of the plot:
  // then every name gets its own line above its bars, across the plot's width.
  const namesAbove = lanes.some((lane) => lane.length > LANE_LABEL_CHARS);
  const laneHeight = LANE_HEIGHT + (namesAbove ? LANE_LABEL_HEIGHT : 0);
  const height = TOP + PLOT_HEIGHT + AXIS + lanes.length * laneHeight + 8;
  const ys = o.series.flatMap((s) => s.points.map((p) => p.y));
  let yMin = ys.length ? ys.reduce((a, b) => Math.min(a, b)) : 0;
  let yMax = ys.length ? ys.reduce((a, b) => Math.max(a, b)) : 1;
  if (o.invertY) yMin = Math.min(0, yMin);
  if (yMax === yMin) [yMin, yMax] = o.invertY ? [yMin, yMin + 1] : [yMin - 1, yMax + 1];
  const xSpan = o.xMax > o.xMin ? o.xMax - o.xMin : 1;
  const plotW = WIDTH - LEFT - RIGHT;
  const sx = (x: number) => LEFT + ((Math.min(Math.max(x, o.xMin), o.xMax) - o.xMin) / xSpan) * plotW;
  const sy = (y: number) => (o.invertY ? TOP + ((y - yMin) / (yMax - yMin)) * PLOT_HEIGHT : TOP + ((yMax - y) / (yMax - yMin)) * PLOT_HEIGHT);
  const parts: string[] = [];
  parts.push(`<text x="${LEFT}" y="16" class="chart-title">${escapeHtml(o.title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const y = yMin + ((yMax - yMin) * i) / 4;
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f(sy(y))}" y2="${f(sy(y))}" class="grid"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${f(sy(y) + 4)}" text-anchor="end" class="tick">${escapeHtml(o.formatY(y))}</text>`);
    const x = o.xMin + (xSpan * i) / 4;
    // The last date ends at the plot's right edge, so it is not cut off by the viewBox.
    parts.push(`<text x="${f(sx(x))}" y="${TOP + PLOT_HEIGHT + 16}" text-anchor="${i === 4 ? 'end' : 'middle'}" class="tick">${escapeHtml(fmtDate(x))}</text>`);
  }
  for (const s of spans.filter((s) => s.shade)) {
    const x0 = sx(s.x0);
    const color = colorAt(lanes.indexOf(s.lane));
    parts.push(
      `<rect x="${f(x0)}" y="${TOP}" width="${f(Math.max(1, sx(s.x1) - x0))}" height="${PLOT_HEIGHT}" fill="${color}" fill-opacity="0.15" class="span"><title>${escapeHtml(s.title)}</title></rect>`,
    );
  }
  o.series.forEach((s, i) => parts.push(stepPath(s, i, sx, sy, o.xMax)));
  lanes.forEach((lane, i) => {
    const top = TOP + PLOT_HEIGHT + AXIS + i * laneHeight;
    const y = namesAbove ? top + LANE_LABEL_HEIGHT : top;
    parts.push(
      namesAbove
        ? `<text x="${LEFT}" y="${top + 10}" class="tick">${escapeHtml(lane)}</text>`
        : `<text x="${LEFT - 6}" y="${y + 10}" text-anchor="end" class="tick">${escapeHtml(lane)}</text>`,
    );
    for (const s of spans.filter((s) => s.lane === lane)) {
      const x0 = sx(s.x0);
      parts.push(
        `<rect x="${f(x0)}" y="${y + 2}" width="${f(Math.max(1, sx(s.x1) - x0))}" height="${LANE_HEIGHT - 4}" fill="${colorAt(i)}"><title>${escapeHtml(s.title)}</title></rect>`,
      );
    }
  });
  if (o.series.length > 1) {
    o.series.forEach((s, i) => {
      // On the title row, right of the title: inside the plot it hid the lines it names.
      const x = LEFT + 150 + i * 165;
      parts.push(`<rect x="${x}" y="7" width="10" height="10" fill="${colorAt(i)}"/>`);
      parts.push(`<text x="${x + 14}" y="16" class="tick">${escapeHtml(s.label)}</text>`);
    });
  }
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(o.title)}">${parts.join('')}</svg>`;
}

function stepPath(
  s: ChartSeries,
  index: number,
  sx: (x: number) => number,
  sy: (y: number) => number,
  xMax: number,
): string {
  if (s.points.length === 0) return '';
  const [first, ...rest] = s.points;
  let d = first ? `M${f(sx(first.x))},${f(sy(first.y))}` : '';
  for (const p of rest) d += ` H${f(sx(p.x))} V${f(sy(p.y))}`;
  d += ` H${f(sx(xMax))}`;
  return `<path d="${d}" fill="none" stroke="${colorAt(index)}" stroke-width="1.5"><title>${escapeHtml(s.label)}</title></path>`;
}

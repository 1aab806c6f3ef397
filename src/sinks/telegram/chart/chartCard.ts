import type { Kline } from '../../../domain/kline.js';
import { Bollinger } from '../../../core/indicators/bollinger.js';
import { Sma } from '../../../core/indicators/sma.js';
import { stringsFor } from '../templates/common.js';
import { formatScore, formatSignificant, formatUtc } from '../templates/format.js';
import { escapeHtml } from '../templates/html.js';
import type { ChartSpec } from './chartSpec.js';

/** Candles a card shows: about a month of 4h candles, four months of 1d, two and a half days of 30m. */
export const CARD_CANDLES = 120;
/** Candles read before the first one shown, so SMA50 is defined from the card's left edge. */
export const CARD_WARMUP = 49;

export const CARD_WIDTH = 960;
export const CARD_HEIGHT = 540;
/** The plot's box; right of it the price gutter holds the axis and the level labels. */
export const PLOT = { left: 16, right: 852, top: 64, bottom: 500 } as const;

/** The card's colours; the pixel test reads the level lines by them. */
export const CARD_COLORS = {
  background: '#131722', grid: '#262b38', text: '#d1d4dc', muted: '#8a8f9c',
  up: '#26a69a', down: '#ef5350', sma20: '#f5a623', sma50: '#4a90e2', bands: '#b388ff',
  entry: '#e0e0e0', stopLoss: '#ff1744', takeProfit: '#00e676',
} as const;

/** Where a price lands: the y of a price on the card, and the range the axis spans. */
export interface CardLayout {
  readonly yMin: number;
  readonly yMax: number;
  /** Pixel row of a price (level lines are drawn on the rounded row). */
  y(price: number): number;
}

export interface ChartCard {
  readonly svg: string;
  readonly layout: CardLayout;
  /** Candles drawn (at most {@link CARD_CANDLES}). */
  readonly candles: number;
}

const FONT = `font-family="Roboto Mono"`;
const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** A 1-2-5 step giving about `count` ticks over `range`. */
function niceStep(range: number, count: number): number {
  const raw = range / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

interface Lines { readonly name: string; readonly color: string; readonly values: (number | undefined)[]; readonly dashed?: boolean }

/** The model's indicators over every candle read (warm-up included), with the project's own classes. */
function indicatorLines(spec: ChartSpec, candles: readonly Kline[]): Lines[] {
  if (spec.indicators === 'sma') {
    const fast = new Sma(20);
    const slow = new Sma(50);
    const a: (number | undefined)[] = [];
    const b: (number | undefined)[] = [];
    for (const k of candles) {
      fast.add(k.close);
      slow.add(k.close);
      a.push(fast.value);
      b.push(slow.value);
    }
    return [{ name: 'SMA20', color: CARD_COLORS.sma20, values: a }, { name: 'SMA50', color: CARD_COLORS.sma50, values: b }];
  }
  const bands = new Bollinger(20, 2);
  const upper: (number | undefined)[] = [];
  const middle: (number | undefined)[] = [];
  const lower: (number | undefined)[] = [];
  for (const k of candles) {
    bands.add(k.close);
    const v = bands.value;
    upper.push(v?.upper);
    middle.push(v?.middle);
    lower.push(v?.lower);
  }
  return [
    { name: 'BB20,2', color: CARD_COLORS.bands, values: upper },
    { name: '', color: CARD_COLORS.bands, values: middle, dashed: true },
    { name: '', color: CARD_COLORS.bands, values: lower },
  ];
}

function timeLabel(ms: number, daily: boolean): string {
  const iso = new Date(ms).toISOString();
  return daily ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/**
 * The card of one series as SVG text: candles, the model's indicators, and for a signal its
 * entry, stop-loss and take-profit lines with their prices, under a title with symbol, interval,
 * side, score and time (UTC). `candles` are closed candles oldest first, ending at the spec's
 * newest; the last {@link CARD_CANDLES} are drawn, the ones before only warm the indicators.
 * Pure and deterministic: the same input gives the same text.
 */
export function chartCardSvg(spec: ChartSpec, candles: readonly Kline[]): ChartCard {
  const lines = indicatorLines(spec, candles);
  const from = Math.max(0, candles.length - CARD_CANDLES);
  const shown = candles.slice(from);
  const sig = spec.signal;
  const levels = sig ? [sig.entry, sig.stopLoss, sig.takeProfit] : [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of shown) {
    lo = Math.min(lo, k.low);
    hi = Math.max(hi, k.high);
  }
  for (const l of lines) for (let i = from; i < candles.length; i += 1) {
    const v = l.values[i];
    if (v !== undefined) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  for (const p of levels) {
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (hi === lo) [lo, hi] = [lo - Math.abs(lo) * 0.01 - 1e-9, hi + Math.abs(hi) * 0.01 + 1e-9];
  const pad = (hi - lo) * 0.04;
  const yMin = lo - pad;
  const yMax = hi + pad;
  const plotH = PLOT.bottom - PLOT.top;
  const y = (p: number) => PLOT.top + ((yMax - p) / (yMax - yMin)) * plotH;
  const slot = (PLOT.right - PLOT.left) / CARD_CANDLES;
  // Right-aligned: the newest candle sits at the plot's right edge even when fewer are stored.
  const x = (i: number) => PLOT.right - (shown.length - i - 0.5) * slot;
  const price = (p: number) => (spec.priceDecimals === undefined ? formatSignificant(p) : p.toFixed(spec.priceDecimals));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`);
  out.push(`<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${CARD_COLORS.background}"/>`);
  // Price grid and axis.
  const step = niceStep(yMax - yMin, 6);
  for (let t = Math.ceil(yMin / step) * step; t <= yMax; t += step) {
    const ty = Math.round(y(t)) + 0.5;
    out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${ty}" y2="${ty}" stroke="${CARD_COLORS.grid}" stroke-width="1" shape-rendering="crispEdges"/>`);
    out.push(`<text x="${PLOT.right + 8}" y="${f1(ty + 4)}" ${FONT} font-size="11" fill="${CARD_COLORS.muted}">${escapeHtml(price(t))}</text>`);
  }
  // Time labels under five candles.
  const daily = spec.interval === '1d';
  for (let j = 0; j < 5 && shown.length > 0; j += 1) {
    const i = Math.round(((shown.length - 1) * j) / 4);
    const anchor = j === 0 ? 'start' : j === 4 ? 'end' : 'middle';
    const k = shown[i] as Kline;
    out.push(`<text x="${f1(x(i))}" y="${PLOT.bottom + 20}" text-anchor="${anchor}" ${FONT} font-size="11" fill="${CARD_COLORS.muted}">${timeLabel(k.openTimeMs, daily)}</text>`);
  }
  // Candles: a wick and a body each.
  const body = Math.max(1, slot * 0.7);
  shown.forEach((k, i) => {
    const color = k.close >= k.open ? CARD_COLORS.up : CARD_COLORS.down;
    const cx = f1(x(i));
    const top = y(Math.max(k.open, k.close));
    const h = Math.max(1, y(Math.min(k.open, k.close)) - top);
    out.push(`<line x1="${cx}" x2="${cx}" y1="${f1(y(k.high))}" y2="${f1(y(k.low))}" stroke="${color}" stroke-width="1"/>`);
    out.push(`<rect x="${f1(x(i) - body / 2)}" y="${f1(top)}" width="${f1(body)}" height="${f1(h)}" fill="${color}"/>`);
  });
  // Indicators: one polyline per defined run.
  for (const l of lines) {
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${l.color}" stroke-width="1.5"${l.dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
      run = [];
    };
    for (let i = from; i < candles.length; i += 1) {
      const v = l.values[i];
      if (v === undefined) flush();
      else run.push(`${f1(x(i - from))},${f1(y(v))}`);
    }
    flush();
  }
  const s = stringsFor(spec.language ?? 'vi');
  // Levels: across the plot into the gutter, on whole rows so they are crisp, each with its price.
  if (sig) {
    const levelLines: [string, number, string][] = [
      ['TP', sig.takeProfit, CARD_COLORS.takeProfit], [s.entry, sig.entry, CARD_COLORS.entry], ['SL', sig.stopLoss, CARD_COLORS.stopLoss],
    ];
    for (const [name, p, color] of levelLines) {
      const ly = Math.round(y(p));
      out.push(`<line x1="${PLOT.left}" x2="${PLOT.right + 6}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2" shape-rendering="crispEdges"${name === s.entry ? ' stroke-dasharray="6 4"' : ''}/>`);
      out.push(`<rect x="${PLOT.right + 6}" y="${ly - 8}" width="${CARD_WIDTH - PLOT.right - 8}" height="16" rx="2" fill="${color}"/>`);
      out.push(`<text x="${PLOT.right + 10}" y="${ly + 4}" ${FONT} font-size="11" font-weight="bold" fill="${CARD_COLORS.background}">${escapeHtml(price(p))}</text>`);
      out.push(`<text x="${PLOT.left + 4}" y="${ly - 4}" ${FONT} font-size="11" fill="${color}">${escapeHtml(name)}</text>`);
    }
  }
  // Title: symbol, interval, side and score; the time on the right; the legend below.
  const title = [spec.symbol, spec.interval, ...(sig ? [s.side[sig.side], `${s.score} ${formatScore(sig.score)}`] : [])].join(' · ');
  const sideColor = sig === undefined ? CARD_COLORS.text : sig.side === 'LONG' ? CARD_COLORS.up : CARD_COLORS.down;
  out.push(`<text x="${PLOT.left}" y="28" ${FONT} font-size="20" font-weight="bold" fill="${sideColor}">${escapeHtml(title)}</text>`);
  out.push(`<text x="${CARD_WIDTH - 16}" y="28" text-anchor="end" ${FONT} font-size="14" fill="${CARD_COLORS.text}">${escapeHtml(formatUtc(spec.atMs))}</text>`);
  const legend = lines.filter((l) => l.name !== '');
  let lx = PLOT.left;
  if (sig) {
    const model = s.model[sig.model];
    out.push(`<text x="${lx}" y="50" ${FONT} font-size="12" fill="${CARD_COLORS.muted}">${escapeHtml(model)}</text>`);
    lx += model.length * 7.3 + 16;
  }
  for (const l of legend) {
    out.push(`<line x1="${f1(lx)}" x2="${f1(lx + 14)}" y1="46" y2="46" stroke="${l.color}" stroke-width="2"/>`);
    out.push(`<text x="${f1(lx + 18)}" y="50" ${FONT} font-size="12" fill="${CARD_COLORS.text}">${l.name}</text>`);
    lx += 18 + l.name.length * 7.3 + 16;
  }
  out.push('</svg>');
  return { svg: out.join('\n'), layout: { yMin, yMax, y }, candles: shown.length };
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKlineCsvFile, tableKlines } from '../../../../src/csv/klineCsv.js';
import type { Kline } from '../../../../src/domain/kline.js';
import { CARD_CANDLES, CARD_COLORS, CARD_HEIGHT, CARD_WARMUP, CARD_WIDTH, chartCardSvg, PLOT } from '../../../../src/sinks/telegram/chart/chartCard.js';
import type { ChartSpec } from '../../../../src/sinks/telegram/chart/chartSpec.js';
import { chartRenderer, svgToPng } from '../../../../src/sinks/telegram/chart/renderChart.js';
import { screenshotPath, EXAMPLE_KLINES } from '../../../browser/support/screenshotDir.js';
import { decodePng, type DecodedPng } from '../../../support/decodePng.js';

const table = readKlineCsvFile(join(EXAMPLE_KLINES, 'BTCUSDT-4h.csv'));
/** 169 real BTCUSDT 4h candles: 120 drawn and SMA50's warm-up. */
const CANDLES: Kline[] = tableKlines(table, 1000, 1000 + CARD_CANDLES + CARD_WARMUP);
const LAST = CANDLES[CANDLES.length - 1]!;

function spec(overrides: Partial<ChartSpec> = {}): ChartSpec {
  const entry = LAST.close;
  return {
    symbol: 'BTCUSDT', interval: '4h', lastOpenTimeMs: LAST.openTimeMs, atMs: LAST.closeTimeMs + 1, indicators: 'sma', priceDecimals: 1,
    signal: { model: 'continuation', side: 'LONG', score: 82.5, entry, stopLoss: entry * 0.97, takeProfit: entry * 1.06 },
    ...overrides,
  };
}

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

/** Rows where a pixel of exactly `color` lies in the gutter between the plot and the price labels (only level lines cross it). */
function rowsOf(png: DecodedPng, color: string): number[] {
  const [r, g, b] = hex(color);
  const rows: number[] = [];
  for (let y = 0; y < png.height; y += 1) {
    for (let x = PLOT.right + 1; x < PLOT.right + 6; x += 1) {
      const [pr, pg, pb] = png.rgba(x, y);
      if (pr === r && pg === g && pb === b) {
        rows.push(y);
        break;
      }
    }
  }
  return rows;
}

describe('chart card', () => {
  const card = chartCardSvg(spec(), CANDLES);
  const png = svgToPng(card.svg);
  const image = decodePng(png);

  it('is a 960×540 PNG of the last 120 candles, small enough to upload quickly', () => {
    expect([image.width, image.height], 'a 16:9 card Telegram shows uncropped').toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(card.candles, 'the newest 120; the 49 before only warm SMA50').toBe(CARD_CANDLES);
    expect(png.length, 'well under Telegram’s 10 MB photo limit').toBeLessThan(300_000);
    writeFileSync(screenshotPath('chart-card.png'), png);
  });

  it('draws the SL, entry and TP lines at the rows their prices give', () => {
    const s = spec().signal!;
    const found = { sl: rowsOf(image, CARD_COLORS.stopLoss), entry: rowsOf(image, CARD_COLORS.entry), tp: rowsOf(image, CARD_COLORS.takeProfit) };
    for (const [name, price] of [['sl', s.stopLoss], ['entry', s.entry], ['tp', s.takeProfit]] as const) {
      const row = Math.round(card.layout.y(price));
      expect(found[name], `${name} is a 2-px line on rows ${row - 1} and ${row}`).toEqual([row - 1, row]);
    }
    // From the pixels alone: the axis is linear, so distances between the lines follow the prices.
    const mid = (rows: number[]) => (rows[0]! + rows[1]!) / 2;
    const ratio = (mid(found.sl) - mid(found.entry)) / (mid(found.tp) - mid(found.entry));
    expect(ratio, 'SL/TP distances from entry in price proportion (−3 % : +6 %)').toBeCloseTo((s.stopLoss - s.entry) / (s.takeProfit - s.entry), 1);
    expect(mid(found.sl), 'a LONG’s stop is below its entry').toBeGreaterThan(mid(found.entry));
    expect(mid(found.tp), 'and its target above').toBeLessThan(mid(found.entry));
  });

  it('renders its text with the bundled font (no system font needed)', () => {
    const [r, g, b] = hex(CARD_COLORS.up);
    let inked = 0;
    for (let y = 8; y < 34; y += 1) for (let x = PLOT.left; x < 420; x += 1) {
      const [pr, pg, pb] = image.rgba(x, y);
      if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) < 60) inked += 1;
    }
    expect(inked, 'the title (symbol · interval · LONG · score) is drawn in the LONG colour').toBeGreaterThan(400);
    expect(card.svg, 'the title names symbol, interval, side and score, in Vietnamese by default').toContain('BTCUSDT · 4h · MUA · Điểm 82.5');
  });

  it('words the side, the score, the model and the entry line in the chat’s language, never as program keys (regression: "SHORT · score 80.2", "continuation")', () => {
    const text = (language: 'vi' | 'en') => [...chartCardSvg(spec({ language, signal: { ...spec().signal!, side: 'SHORT', score: 80 } }), CANDLES).svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('\n');
    const vi = text('vi');
    const en = text('en');
    expect(vi, 'Vietnamese title, score with one decimal').toContain('BTCUSDT · 4h · BÁN · Điểm 80.0');
    expect(vi, 'the model by its Vietnamese name').toContain('Xu hướng tiếp diễn');
    expect(vi, 'the entry line').toContain('Điểm vào');
    expect(en, 'English title').toContain('BTCUSDT · 4h · SHORT · Score 80.0');
    expect(en, 'the model by its English name').toContain('Continuation');
    for (const key of ['continuation', 'reversal', 'score ', 'LONG', 'SHORT']) expect(vi, `no "${key}" on the Vietnamese card`).not.toContain(key);
    expect(en, 'no model key on the English card').not.toMatch(/\bcontinuation\b/);
  });

  it('draws the Vietnamese diacritics with the bundled font: each word inks as wide as its letters', () => {
    // A glyph the font lacks would be drawn as nothing (resvg skips it): compare the ink of "Đ" with "D" alone.
    const ink = (word: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#000"/><text x="4" y="30" font-family="Roboto Mono" font-size="24" fill="#fff">${word}</text></svg>`;
      const img = decodePng(svgToPng(svg));
      let n = 0;
      for (let y = 0; y < img.height; y += 1) for (let x = 0; x < img.width; x += 1) if (img.rgba(x, y)[0] > 128) n += 1;
      return n;
    };
    for (const [marked, plain] of [['Đ', 'D'], ['ể', 'e'], ['ướ', 'uo'], ['ễ', 'e'], ['Á', 'A']] as const) {
      expect(ink(marked), `"${marked}" carries more ink than "${plain}": its marks are drawn`).toBeGreaterThan(ink(plain));
    }
  });

  it('draws the model’s indicators computed over the stored candles', () => {
    const closes = CANDLES.map((k) => k.close);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const lastY = (color: string, svg: string) => {
      const points = new RegExp(`<polyline points="([^"]+)" fill="none" stroke="${color}"`).exec(svg)?.[1]?.split(' ') ?? [];
      return Number(points[points.length - 1]?.split(',')[1]);
    };
    expect(lastY(CARD_COLORS.sma20, card.svg), 'SMA20 ends at the mean of the last 20 closes').toBeCloseTo(card.layout.y(mean(closes.slice(-20))), 0);
    expect(lastY(CARD_COLORS.sma50, card.svg), 'SMA50 ends at the mean of the last 50 closes').toBeCloseTo(card.layout.y(mean(closes.slice(-50))), 0);
    const bands = chartCardSvg(spec({ indicators: 'bollinger' }), CANDLES);
    expect(bands.svg.match(new RegExp(`<polyline[^>]*stroke="${CARD_COLORS.bands}"`, 'g'))?.length, 'reversal: upper, middle and lower band').toBe(3);
    expect(bands.svg, 'and no SMA50').not.toContain(CARD_COLORS.sma50);
  });

  it('is drawn again identically from the stored candles (what a resend after a crash shows)', async () => {
    const store = { range: (_s: string, _i: string, fromMs: number, toMs: number) => CANDLES.filter((k) => k.openTimeMs >= fromMs && k.openTimeMs < toMs) };
    const render = chartRenderer(store);
    const again = await render(JSON.stringify(spec()));
    expect(Buffer.from(again!).equals(png), 'same spec, same candles, same bytes').toBe(true);
    expect(await render('{"symbol":"BTCUSDT"}'), 'an unreadable spec draws nothing (the text still goes)').toBeUndefined();
    expect(await chartRenderer({ range: () => [] })(JSON.stringify(spec())), 'no stored candles, no card').toBeUndefined();
  });

  it('shows a short history right-aligned, and a card without a signal has no level lines', () => {
    const few = chartCardSvg(spec({ signal: undefined }), CANDLES.slice(-30));
    expect(few.candles).toBe(30);
    const image = decodePng(svgToPng(few.svg));
    expect(rowsOf(image, CARD_COLORS.stopLoss), 'no SL line').toEqual([]);
    expect(few.svg, 'the title is symbol and interval').toContain('>BTCUSDT · 4h<');
  });
});

import { createRequire } from 'node:module';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { INTERVAL_MS, type Interval, type Kline } from '../../../domain/kline.js';
import { CARD_CANDLES, CARD_WARMUP, chartCardSvg } from './chartCard.js';
import { parseChartSpec, type ChartSpec } from './chartSpec.js';

/** The candle store as the renderer reads it: closed candles with open time in [fromMs, toMs), oldest first. */
export interface CardCandles {
  range(symbol: string, interval: Interval, fromMs: number, toMs: number): Kline[];
}

const require = createRequire(import.meta.url);

/**
 * Roboto Mono (SIL OFL 1.1) from the npm registry, regular and bold TTF: resvg reads TTF/OTF (not
 * WOFF), and loading only these (no system fonts) gives the same glyphs on every machine, with or
 * without fonts installed, and skips the system font scan (tens of ms per render).
 */
export const CARD_FONT_FILES: readonly string[] = [
  require.resolve('@expo-google-fonts/roboto-mono/400Regular/RobotoMono_400Regular.ttf'),
  require.resolve('@expo-google-fonts/roboto-mono/700Bold/RobotoMono_700Bold.ttf'),
];

const RESVG_OPTIONS: ResvgRenderOptions = {
  font: { loadSystemFonts: false, fontFiles: [...CARD_FONT_FILES], defaultFontFamily: 'Roboto Mono', monospaceFamily: 'Roboto Mono' },
  shapeRendering: 2,
  textRendering: 1,
};

/** The closed candles a card reads: the newest {@link CARD_CANDLES} up to the spec's, plus the indicators' warm-up. */
export function cardCandles(store: CardCandles, spec: ChartSpec): Kline[] {
  const step = INTERVAL_MS[spec.interval];
  return store.range(spec.symbol, spec.interval, spec.lastOpenTimeMs - (CARD_CANDLES + CARD_WARMUP - 1) * step, spec.lastOpenTimeMs + 1);
}

/** SVG text to PNG, on the calling thread (tests, benchmarks). */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, RESVG_OPTIONS).render().asPng();
}

/** SVG text to PNG on libuv's thread pool: the event loop (candles, commits) does not wait for it. */
export async function svgToPngAsync(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, RESVG_OPTIONS)).asPng();
}

/**
 * Draws an outbox row's card from its stored spec (see {@link ChartSpec}) over the stored candles.
 * Resolves undefined when the spec cannot be read or no candle of the series is stored: the message
 * then goes as text, rather than not at all.
 */
export type ChartRenderer = (specText: string) => Promise<Uint8Array | undefined>;

export function chartRenderer(store: CardCandles): ChartRenderer {
  return async (specText) => {
    const spec = parseChartSpec(specText);
    if (spec === undefined) return undefined;
    const candles = cardCandles(store, spec);
    if (candles.length === 0) return undefined;
    return svgToPngAsync(chartCardSvg(spec, candles).svg);
  };
}

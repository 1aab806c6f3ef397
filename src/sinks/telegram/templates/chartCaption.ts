import type { ChartSpec } from '../chart/chartSpec.js';
import { commandStringsFor } from './commandStrings.js';
import { bold, code, lines, stringsFor, type TemplateContext } from './common.js';
import { formatPrice, formatScore, formatUtc } from './format.js';
import { escapeHtml } from './html.js';

/** The caption of a /chart card: the series and its newest candle's close time, and the signal drawn on it, if any. */
export function renderChartCaption(spec: ChartSpec, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const c = commandStringsFor(ctx.language);
  const sig = spec.signal;
  const price = (v: number) => code(formatPrice(v, ctx.tickSizes?.[spec.symbol]));
  return lines([
    `📈 ${bold(c.chartTitle(`${spec.symbol} ${spec.interval}`))}`,
    sig !== undefined &&
      `${escapeHtml(c.chartLastSignal)}: ${escapeHtml(s.side[sig.side])} · ${escapeHtml(s.model[sig.model])} · ${escapeHtml(s.score)} ${bold(formatScore(sig.score))} · ${escapeHtml(s.entry)} ${price(sig.entry)} · SL ${price(sig.stopLoss)} · TP ${price(sig.takeProfit)}`,
    `<i>${escapeHtml(formatUtc(spec.atMs))}</i>`,
  ]);
}

/** The reply when nothing is stored for the series. */
export function renderChartNoData(series: string, ctx: TemplateContext): string {
  return escapeHtml(commandStringsFor(ctx.language).chartNoData(series));
}

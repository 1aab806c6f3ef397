import type { DayTally, Performance, PositionFigures, TradeTally } from '../../../core/outcome/positionFigures.js';
import type { OpenTrade } from '../../../domain/trade.js';
import { bold, code, field, lines, stringsFor, type TemplateContext } from './common.js';
import { winRateText } from './dailySummary.js';
import { formatDuration, formatPrice, formatSigned, formatUsdt, formatUtc, formatUtcDay } from './format.js';
import { escapeHtml } from './html.js';
import { positionStringsFor } from './positionStrings.js';

/** An open trade with its figures at the newest price; no figures when the bot has no price for it yet. */
export interface OpenPosition {
  readonly trade: OpenTrade;
  readonly figures?: PositionFigures;
}

/** `HH:MM UTC` of an instant (the mark of a price: its day is the trade's or today's). */
function clockUtc(ms: number): string {
  return formatUtc(ms).slice(11);
}

/** A signed price move by the tick, `+1500.0` / `-0.0123`. */
function signedPrice(move: number, tick: number | undefined): string {
  const text = formatPrice(Math.abs(move), tick);
  return `${move < 0 ? '-' : '+'}${text}`;
}

/** A signed percentage, two decimals: `+1.54%`. */
function signedPct(value: number): string {
  return `${formatSigned(value)}%`;
}

/**
 * /open: each open paper trade with its entry, the newest price and when it closed, unrealised R
 * and USDT (net of fees, as a result would be), the move to its SL and TP in % and price, its age.
 */
export function renderOpenPositions(positions: readonly OpenPosition[], ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const p = positionStringsFor(ctx.language);
  if (positions.length === 0) return escapeHtml(p.noOpen);
  return lines([
    `📂 <b>${escapeHtml(p.openTitle(String(positions.length)))}</b>`,
    ...positions.flatMap(({ trade: t, figures: f }) => {
      const tick = ctx.tickSizes?.[t.symbol];
      const price = (v: number) => code(formatPrice(v, tick));
      const head = `• ${bold(`${t.symbol} ${s.side[t.side]} ${t.interval}`)} · ${escapeHtml(s.model[t.model])}`;
      if (f === undefined) {
        return [head, `  ${field(s.entry, price(t.entry))} · ${escapeHtml(p.noPrice)}`, `  ${field(p.sl, price(t.stopLoss))} · ${field(p.tp, price(t.takeProfit))}`];
      }
      const move = (level: number, by: number, pct: number) => `${price(level)} (${escapeHtml(signedPct(pct))}, ${escapeHtml(signedPrice(by, tick))})`;
      return [
        head,
        `  ${field(s.entry, price(t.entry))} → ${escapeHtml(p.now)} ${price(f.mark.price)} (${escapeHtml(p.asOf(clockUtc(f.mark.asOfMs)))})`,
        `  ${field(p.unrealised, `${bold(`${formatSigned(f.rMultiple)} R`)} · ${bold(`${formatSigned(f.pnlUsdt)} USDT`)}`)}`,
        `  ${field(p.sl, move(t.stopLoss, f.stopLossMove, f.stopLossMovePct))} · ${field(p.tp, move(t.takeProfit, f.takeProfitMove, f.takeProfitMovePct))}`,
        `  ${field(p.age, escapeHtml(formatDuration(f.ageMs, s.durationUnits)))}`,
      ];
    }),
  ]);
}

/** `3 trades · win rate 66.67% · +1.20 R · +12.00 USDT` */
function tallyText(t: TradeTally, ctx: TemplateContext): string {
  const p = positionStringsFor(ctx.language);
  return [
    escapeHtml(p.trades(String(t.trades))), escapeHtml(p.winRate(winRateText(t.wins, t.trades))),
    bold(`${formatSigned(t.totalR)} R`), bold(`${formatSigned(t.pnlUsdt)} USDT`),
  ].join(' · ');
}

/** /performance [days]: closed trades of the last `days` days, in total, per symbol and per model. */
export function renderPerformance(perf: Performance, days: number, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const p = positionStringsFor(ctx.language);
  return lines([
    `🏆 <b>${escapeHtml(p.performanceTitle(String(days)))}</b>`,
    field(p.total, tallyText(perf.total, ctx)),
    perf.bySymbol.length > 0 && `<b>${escapeHtml(p.bySymbol)}</b>`,
    ...perf.bySymbol.map((row) => `• ${bold(row.symbol)}: ${tallyText(row, ctx)}`),
    perf.byModel.length > 0 && `<b>${escapeHtml(p.byModel)}</b>`,
    ...perf.byModel.map((row) => `• ${bold(s.model[row.model])}: ${tallyText(row, ctx)}`),
  ]);
}

/** /daily [n]: one line per UTC day, newest first: trades, wins, R, USDT and the equity at the day's end. */
export function renderDaily(days: readonly DayTally[], ctx: TemplateContext): string {
  const p = positionStringsFor(ctx.language);
  return lines([
    `📅 <b>${escapeHtml(p.dailyTitle(String(days.length)))}</b>`,
    ...days.map((d) => [
      `• ${bold(formatUtcDay(d.dayStartMs))}: ${escapeHtml(p.trades(String(d.trades)))}`, escapeHtml(p.wins(String(d.wins))),
      bold(`${formatSigned(d.totalR)} R`), bold(`${formatSigned(d.pnlUsdt)} USDT`), escapeHtml(p.equity(`${formatUsdt(d.equityUsdt)} USDT`)),
    ].join(' · ')),
  ]);
}


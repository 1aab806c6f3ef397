import type { HaltStatus } from '../../../domain/halt.js';
import { field, lines, stringsFor, type TemplateContext } from './common.js';
import { formatUtc } from './format.js';
import { escapeHtml } from './html.js';

/** What the notice of a symbol that stopped trading reports. */
export interface HaltNotice {
  readonly symbol: string;
  readonly status: HaltStatus;
  /** End of its last closed 30m candle, when known. */
  readonly lastEndMs: number | undefined;
  /** Whether an open paper trade of it was closed (its result message follows separately). */
  readonly tradeClosed: boolean;
}

/** A symbol stopped trading on Binance: its status in words, that it is no longer watched, and its trade closed. */
export function renderHaltNotice(notice: HaltNotice, ctx: TemplateContext): string {
  const t = stringsFor(ctx.language).halt;
  return lines([
    `⛔ <b>${escapeHtml(t.title(notice.symbol))}</b>`,
    field(t.statusLabel, `<b>${escapeHtml(t.status(notice.status))}</b>`),
    escapeHtml(t.leftUniverse),
    notice.tradeClosed && escapeHtml(t.tradeClosed),
    notice.lastEndMs !== undefined && field(t.lastCandle, escapeHtml(formatUtc(notice.lastEndMs))),
  ]);
}

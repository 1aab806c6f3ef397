import { bold, field, lines, stringsFor, type TemplateContext } from './common.js';
import { formatUtc } from './format.js';
import { escapeHtml } from './html.js';
import type { ModelProfile } from '../../../domain/signal.js';
import type { SymbolLimit } from '../../../core/universe/symbolLimit.js';

/** What the start-up message reports. */
export interface StartupInfo {
  readonly atMs: number;
  /** `live` (Binance), `simulated` (the project's simulator at {@link exchangeUrl}), `demo`. */
  readonly mode: string;
  /** BINANCE_REST_URL: named in the message when the exchange is the simulator. */
  readonly exchangeUrl?: string;
  readonly profile: ModelProfile;
  /** MAX_SYMBOLS_SUBSCRIBED: a number, or `all`. */
  readonly symbols: SymbolLimit;
  /** Symbols the universe watches at start (the limit is only reached once the top-volume pool is read). */
  readonly watching: number;
  readonly memoryEnabled: boolean;
}

/** What the shutdown message reports. */
export interface ShutdownInfo {
  readonly atMs: number;
  /** e.g. `SIGTERM`. */
  readonly reason: string;
  /** Outbox messages still pending; they are kept and sent after the next start. */
  readonly pending: number;
}

/**
 * Start-up: mode, model profile, how many symbols are watched (and the limit when it is not reached:
 * against an unreachable Binance only the fixed symbols are), whether the memory is on.
 */
export function renderStartup(info: StartupInfo, ctx: TemplateContext): string {
  const t = stringsFor(ctx.language).lifecycle;
  return lines([
    `🚀 <b>${escapeHtml(t.started)}</b>`,
    field(t.mode, bold(info.mode === 'simulated' ? t.simulatedMode(info.exchangeUrl ?? '') : (t.modes[info.mode] ?? info.mode))),
    field(t.profile, bold(stringsFor(ctx.language).profile[info.profile])),
    field(t.symbols, `${bold(info.watching)}${info.symbols === info.watching ? '' : ` (${escapeHtml(info.symbols === 'all' ? t.wholeMarket : `${t.upTo} ${info.symbols}`)})`}`),
    field(t.memory, bold(info.memoryEnabled ? t.on : t.off)),
    `<i>${escapeHtml(formatUtc(info.atMs))}</i>`,
  ]);
}

/** Shutdown: why, and how many messages wait in the outbox. */
export function renderShutdown(info: ShutdownInfo, ctx: TemplateContext): string {
  const t = stringsFor(ctx.language).lifecycle;
  return lines([
    `🛑 <b>${escapeHtml(t.stopped)}</b>`,
    field(t.reason, bold(t.stopReasons[info.reason] ?? t.stopReasonOther)),
    field(t.pending, bold(info.pending)),
    `<i>${escapeHtml(formatUtc(info.atMs))}</i>`,
  ]);
}

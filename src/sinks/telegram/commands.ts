import type { SchedulerLike } from 'rxjs';
import type { Context, Telegraf } from 'telegraf';
import { isInterval, type Interval } from '../../domain/kline.js';
import type { Verdict } from '../../domain/memory.js';
import { encodeChartSpec, type ChartSpec } from './chart/chartSpec.js';
import { renderChartCaption, renderChartNoData } from './templates/chartCaption.js';
import type { ClosedTrade } from '../../domain/trade.js';
import type { Logger } from '../../logging/logger.js';
import { isConfiguredChat, migrationOf } from './chatIdentity.js';
import { toDeliveryError } from './deliveryError.js';
import { escapeHtml } from './templates/html.js';
import {
  renderHelp, renderMemory, renderPaused, renderResumed, renderSignalList, renderStats, renderStatus, renderTradeList,
  type SignalSummary, type StatsSnapshot, type StatusSnapshot,
} from './templates/commandReplies.js';
import { COMMAND_NAMES, commandStringsFor } from './templates/commandStrings.js';
import { renderDaily, renderOpenPositions, renderPerformance, type OpenPosition } from './templates/positionReplies.js';
import type { DayTally, Performance } from '../../core/outcome/positionFigures.js';
import type { TemplateContext } from './templates/common.js';
import type { TickSizes } from './templates/format.js';
import { splitMessage } from './templates/splitMessage.js';
import { renderWhy, renderWhyUsage, symbolArg, type WhySnapshot } from './templates/whyReply.js';
import { whyStringsFor } from './templates/whyStrings.js';

type Awaitable<T> = T | Promise<T>;

/**
 * What the commands read and change; the lead implements it over the repositories and the
 * pipeline. Kept small so the commands can be tested with a plain object.
 */
export interface BotQueries {
  status(): Awaitable<StatusSnapshot>;
  /** Newest first. */
  recentSignals(limit: number): Awaitable<readonly SignalSummary[]>;
  /** Newest first. */
  recentTrades(limit: number): Awaitable<readonly ClosedTrade[]>;
  stats(days: number): Awaitable<StatsSnapshot>;
  /** Open paper trades marked to the newest price the bot has, oldest first. */
  openPositions(): Awaitable<readonly OpenPosition[]>;
  /** Closed trades of the last `days` days, per symbol and model. */
  performance(days: number): Awaitable<Performance>;
  /** The last `days` UTC days, newest first. */
  daily(days: number): Awaitable<readonly DayTally[]>;
  /** Verdicts in effect now. */
  memory(): Awaitable<readonly Verdict[]>;
  /** Stops new signals until `untilMs` (event time), or until {@link resume} when undefined. */
  pause(untilMs?: number): Awaitable<void>;
  resume(): Awaitable<void>;
  /** /chart: the card of a series' newest stored candles, undefined when none is stored (see chartQuery). */
  chart?(symbol: string, interval?: Interval): Awaitable<ChartSpec | undefined>;
  /** The symbol's last scan, or why there is none (`/why`). */
  why?(symbol: string): Awaitable<WhySnapshot>;
}

/** A command's reply handed to the outbox: `key` is unique per update, so a re-fetched update is answered once. */
export type EnqueueReply = (reply: { readonly key: string; readonly chatId: string; readonly html: string; readonly photo?: string }) => void;

export interface CommandDeps extends TemplateContext {
  readonly queries: BotQueries;
  /** TELEGRAM_CHAT_ID: commands from this chat are answered. */
  readonly chatId?: string;
  /** TELEGRAM_ADMIN_IDS: these users are answered in any chat but a subscriber's. */
  readonly adminIds: readonly string[];
  /**
   * TELEGRAM_SUBSCRIBERS' chats (ids or `@channel`): read-only. Every command from them is ignored
   * and logged, an admin's too: a reply there would go to every subscriber, and /pause from a
   * subscriber chat would stop the admin's signals.
   */
  readonly subscriberChats?: readonly string[];
  /**
   * The id a configured chat has now: a group upgraded to a supergroup gets a new one (the outbox
   * sender learns it), and its commands come from there. Unset: the configured ids only.
   */
  readonly currentChat?: (chat: string) => string;
  /**
   * Telegram's service message that a group became a supergroup (`migrate_to_chat_id` in the old
   * chat, `migrate_from_chat_id` in the new one): the app records the move at once, so the new id's
   * commands are answered before any alert has met the move.
   */
  readonly onChatMigrated?: (fromChat: string, toChat: string) => void;
  /** Clock for `/pause <hours>`. */
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Redacted from logged errors (the bot token). */
  readonly secrets?: readonly string[];
  /**
   * Where replies go. The app sets it to the outbox so a reply to the alert chat is paced with the
   * alerts (Telegram's 1 message/s per chat counts both; sent directly, it drew 429s and was lost).
   * Unset, replies are sent at once with `ctx.reply`.
   */
  readonly enqueueReply?: EnqueueReply;
  /** Tick sizes as the exchange has them now (they arrive after start); overrides `tickSizes`. */
  readonly currentTickSizes?: () => TickSizes;
}

export const DEFAULT_LIST_SIZE = 5;
export const MAX_LIST_SIZE = 50;
export const DEFAULT_STATS_DAYS = 7;
export const DEFAULT_PERFORMANCE_DAYS = 30;
export const MAX_DAILY_DAYS = 90;
export const MAX_PAUSE_HOURS = 24 * 30;

/** A positive integer argument, clamped to `max`; `fallback` when missing or not a number. */
export function intArg(payload: string, fallback: number, max: number): number {
  const n = Number.parseInt(payload.trim(), 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}

/** Whether a message from `chatId` / `userId` may command the bot. */
export function isAuthorized(
  chatId: string | undefined, username: string | undefined, userId: string | undefined, deps: Pick<CommandDeps, 'chatId' | 'adminIds' | 'currentChat'>,
): boolean {
  if (isConfiguredChat(chatId, username, deps.chatId, deps.currentChat)) return true;
  return userId !== undefined && deps.adminIds.includes(userId);
}

async function reply(ctx: Context, html: string): Promise<void> {
  for (const part of splitMessage(html)) {
    await ctx.reply(part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  }
}

/**
 * Registers /status, /open, /signals [n], /trades [n], /performance [days], /daily [n], /stats [days],
 * /memory, /why SYMBOL, /pause [hours], /resume, /chart SYMBOL [interval], /help, and a one-line hint for a command not in
 * COMMAND_NAMES. Only TELEGRAM_CHAT_ID (or the id it moved to) and TELEGRAM_ADMIN_IDS are answered, never in a subscriber chat; anything else is logged
 * (chat and user ids, never the token) and ignored. Replies follow LANGUAGE.
 */
export function registerCommands(bot: Telegraf, deps: CommandDeps): void {
  const log = deps.logger.child({ component: 'telegramCommands' });
  const q = deps.queries;
  // A photo (a chart card's spec) goes only through the outbox, whose sender draws it; a direct reply is text.
  const answer = async (ctx: Context, html: string, photo?: string): Promise<void> => {
    if (deps.enqueueReply === undefined || ctx.chat === undefined) return reply(ctx, html);
    deps.enqueueReply({ key: `reply:${ctx.chat.id}:${ctx.update.update_id}`, chatId: String(ctx.chat.id), html, ...(photo === undefined ? {} : { photo }) });
  };
  // Prices in replies follow the tick sizes known when the reply is written, as in the signal messages.
  const priced = (): TemplateContext => (deps.currentTickSizes === undefined ? deps : { ...deps, tickSizes: deps.currentTickSizes() });
  bot.use(async (ctx, next) => {
    const chat = ctx.chat;
    const chatId = chat === undefined ? undefined : String(chat.id);
    const username = chat !== undefined && 'username' in chat ? chat.username : undefined;
    const userId = ctx.from === undefined ? undefined : String(ctx.from.id);
    const migration = migrationOf(ctx);
    if (migration !== undefined) {
      log.info(migration, 'telegram announced a group upgraded to a supergroup');
      deps.onChatMigrated?.(migration.fromChat, migration.toChat);
      return;
    }
    const fromSubscriber = deps.subscriberChats?.some((c) => isConfiguredChat(chatId, username, c, deps.currentChat)) === true;
    if (fromSubscriber && !isConfiguredChat(chatId, username, deps.chatId, deps.currentChat)) {
      log.warn({ chatId, userId, updateType: ctx.updateType }, 'update from a subscriber chat ignored (read-only)');
      return;
    }
    if (isAuthorized(chatId, username, userId, deps)) return next();
    log.warn({ chatId, userId, updateType: ctx.updateType }, 'unauthorized update ignored');
  });
  bot.command('help', (ctx) => answer(ctx, renderHelp(deps)));
  bot.command('start', (ctx) => answer(ctx, renderHelp(deps)));
  bot.command('status', async (ctx) => answer(ctx, renderStatus(await q.status(), deps)));
  bot.command('signals', async (ctx) => answer(ctx, renderSignalList(await q.recentSignals(intArg(ctx.payload, DEFAULT_LIST_SIZE, MAX_LIST_SIZE)), deps)));
  bot.command('trades', async (ctx) => answer(ctx, renderTradeList(await q.recentTrades(intArg(ctx.payload, DEFAULT_LIST_SIZE, MAX_LIST_SIZE)), priced())));
  bot.command('open', async (ctx) => answer(ctx, renderOpenPositions(await q.openPositions(), priced())));
  bot.command('performance', async (ctx) => {
    const days = intArg(ctx.payload, DEFAULT_PERFORMANCE_DAYS, 365);
    return answer(ctx, renderPerformance(await q.performance(days), days, priced()));
  });
  bot.command('daily', async (ctx) => answer(ctx, renderDaily(await q.daily(intArg(ctx.payload, DEFAULT_STATS_DAYS, MAX_DAILY_DAYS)), priced())));
  bot.command('stats', async (ctx) => answer(ctx, renderStats(await q.stats(intArg(ctx.payload, DEFAULT_STATS_DAYS, 365)), deps)));
  bot.command('memory', async (ctx) => answer(ctx, renderMemory(await q.memory(), deps)));
  bot.command('pause', async (ctx) => {
    const hours = intArg(ctx.payload, 0, MAX_PAUSE_HOURS);
    const untilMs = hours > 0 ? deps.scheduler.now() + hours * 3_600_000 : undefined;
    await q.pause(untilMs);
    log.info({ untilMs, userId: ctx.from.id }, 'signals paused by command');
    await answer(ctx, renderPaused(untilMs, deps));
  });
  bot.command('resume', async (ctx) => {
    await q.resume();
    log.info({ userId: ctx.from.id }, 'signals resumed by command');
    await answer(ctx, renderResumed(deps));
  });
  bot.command('chart', async (ctx) => {
    const [symbol, interval, extra] = ctx.payload.trim().split(/\s+/).filter((w) => w !== '');
    if (symbol === undefined || q.chart === undefined || extra !== undefined || (interval !== undefined && !isInterval(interval))) {
      return answer(ctx, escapeHtml(commandStringsFor(deps.language).chartUsage));
    }
    const spec = await q.chart(symbol, interval);
    if (spec === undefined) return answer(ctx, renderChartNoData(`${symbol.toUpperCase()} ${interval ?? ''}`.trim(), deps));
    return answer(ctx, renderChartCaption(spec, deps), encodeChartSpec(spec));
  });
  bot.command('why', async (ctx) => {
    const symbol = symbolArg(ctx.payload);
    await answer(ctx, symbol === undefined || q.why === undefined ? renderWhyUsage(deps) : renderWhy(await q.why(symbol), deps));
  });
  // A listed command passes on to its handler wherever that is registered; only others get the hint.
  bot.hears(/^\/([A-Za-z0-9_]+)(?:@(\w+))?/, async (ctx, next) => {
    if ((COMMAND_NAMES as readonly string[]).includes(ctx.match[1]!.toLowerCase()) || ctx.match[1] === 'start') return next();
    const addressee = ctx.match[2];
    // `/cmd@otherbot` in a group is another bot's.
    if (addressee !== undefined && addressee.toLowerCase() !== ctx.botInfo?.username?.toLowerCase()) return;
    log.info({ command: ctx.match[1] }, 'unknown command answered with a hint');
    await answer(ctx, escapeHtml(whyStringsFor(deps.language).unknownCommand(COMMAND_NAMES.map((n) => `/${n}`).join(' '))));
  });
  bot.catch((err, ctx) => {
    log.error({ err: toDeliveryError(err, deps.secrets ?? []), updateType: ctx.updateType }, 'command failed');
  });
}

/**
 * Publishes the command menu (setMyCommands) and starts long polling without awaiting it
 * (`launch()` resolves only when polling stops). Returns a stop function for shutdown.
 */
export async function launchCommands(bot: Telegraf, deps: CommandDeps): Promise<() => void> {
  const log = deps.logger.child({ component: 'telegramCommands' });
  const describe = commandStringsFor(deps.language).describe;
  try {
    await bot.telegram.setMyCommands(COMMAND_NAMES.map((command) => ({ command, description: describe[command] })));
  } catch (err) {
    log.warn({ err: toDeliveryError(err, deps.secrets ?? []) }, 'setMyCommands failed');
  }
  let running = false;
  void bot
    .launch(() => {
      running = true;
    })
    .catch((err: unknown) => log.error({ err: toDeliveryError(err, deps.secrets ?? []) }, 'command polling stopped'))
    .finally(() => {
      running = false;
    });
  return () => {
    if (!running) return;
    try {
      bot.stop('shutdown');
    } catch (err) {
      // "Bot is not running!" between onLaunch and the first getUpdates (telegraf#2003).
      log.warn({ err: toDeliveryError(err, deps.secrets ?? []) }, 'command polling stop failed');
    }
  };
}

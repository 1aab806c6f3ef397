import { dirname, join } from 'node:path';
import { loadMemoryRuleSpecs } from '../config/memoryRules.js';
import { loadSubscribers } from '../config/subscribers.js';
import { asyncScheduler, BehaviorSubject, interval, map, ReplaySubject, Subscription, take, tap, type SchedulerLike } from 'rxjs';
import { holdUntil } from '../operators/holdUntil.js';
import { heartbeatMinutes, isLocalExchange } from '../config/heartbeatMinutes.js';
import { OutageLog } from '../logging/outageLog.js';
import { heartbeat$, heartbeatText } from './heartbeat.js';
import type { ConsoleFrameOptions } from '../sinks/telegram/consoleFrame.js';
import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { Config } from '../config/index.js';
import { klineEndMs, type Kline } from '../domain/kline.js';
import type { MarkPrice } from '../core/outcome/positionFigures.js';
import type { ModelName } from '../domain/signal.js';
import { DEFAULT_FEATURE_CONFIG } from '../core/features/featureConfig.js';
import { DEFAULT_MODEL_CONFIG } from '../core/models/modelConfig.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { ruleBook } from '../core/memory/ruleBook.js';
import { openDatabase } from '../sinks/sqlite/db.js';
import { claimOrigin } from '../sinks/sqlite/exchangeOrigin.js';
import { createRepos, type Repos } from '../sinks/sqlite/repos.js';
import { restoreDesk } from './restoreDesk.js';
import { warnWhenAheadOfSimulator } from './simulatorClockCheck.js';
import { StepWriter } from '../sinks/stepWriter.js';
import { launchCommands, registerCommands, type EnqueueReply } from '../sinks/telegram/commands.js';
import { enqueueMessage } from '../sinks/telegram/enqueueMessage.js';
import { OutboxSender } from '../sinks/telegram/outboxSender.js';
import { renderShutdown, renderStartup } from '../sinks/telegram/templates/lifecycleMessage.js';
import { chatMovedNotice } from './chatMovedNotice.js';
import { consoleTransport, DEFAULT_CHART_DIR, telegramTransport } from '../sinks/telegram/transport.js';
import { chartRenderer } from '../sinks/telegram/chart/renderChart.js';
import { createBinanceRest, type BinanceRest } from '../streams/binanceRest.js';
import { marketData, type MarketData } from '../streams/marketData.js';
import { universeSize } from '../core/universe/symbolLimit.js';
import { marketPipeline } from '../operators/signalPipeline.js';
import { isHaltStep } from '../core/desk/haltStep.js';
import { createWatermarkStats, eventTimeMerge, type WatermarkStats } from '../operators/eventTimeMerge.js';
import { createBotQueries, signalsToday } from './botQueries.js';
import { chartQuery } from './chartQuery.js';
import { DailySummaries } from './dailySummaries.js';
import { LiveCursors } from './liveCursors.js';
import { MarketClock } from './marketClock.js';
import { SymbolFilterBook } from './symbolFilterBook.js';
import { LastScans } from './lastScans.js';
import { whyOf } from './whyQuery.js';
import { MinimumSizeWatch } from './minimumSizeWatch.js';
import { renderMinimumSizeNotice } from '../sinks/telegram/templates/minimumSizeMessage.js';
import { catchUpHorizon, resumesAt, type CatchUpHorizon } from '../core/candles/catchUpHorizon.js';
import { renderCatchUpDone } from '../sinks/telegram/templates/catchUpMessage.js';
import { CatchUpReport } from './catchUpReport.js';
import { closeLongStop } from './closeLongStop.js';
import { exchangeTimeAtStart } from './exchangeTimeAtStart.js';

/** The longest wait between two tries to reach Binance (sockets, server time, universe). */
const RETRY_AT_LEAST_EVERY_MS = 60_000;

/** How often the WAL is checkpointed off the hot path. */
const CHECKPOINT_EVERY_MS = 30_000;

/** The console sink's chat id: messages printed instead of sent. */
export const CONSOLE_CHAT = 'console';

/** The console sink's chart cards: a `charts` folder beside the database file (the temp folder for an in-memory one). */
function chartDirOf(dbPath: string): string {
  return dbPath === ':memory:' || dbPath === '' ? DEFAULT_CHART_DIR : join(dirname(dbPath), 'charts');
}

/** A running bot: what the lifecycle, HTTP and tests look at, and the one way to stop it. */
export interface App {
  readonly config: Config;
  readonly repos: Repos;
  readonly desk: SignalDesk;
  readonly rest: BinanceRest;
  readonly market: MarketData;
  readonly sender: OutboxSender;
  /** The event-time merge's watermark and late symbols. */
  readonly watermark: WatermarkStats;
  readonly startedAtMs: number;
  /** The newest price of a symbol: its last closed 30m close (delivered, else stored). */
  markPrice(symbol: string): MarkPrice | undefined;
  /** Symbols watched now. */
  universe(): ReadonlySet<string>;
  /** Stops in reverse order of creation; resolves when everything is closed. */
  close(drainDeadlineMs: number, reason?: string): Promise<void>;
}

export interface StartAppOptions {
  readonly scheduler?: SchedulerLike;
  /** Called once if the pipeline fails for good; the lifecycle then shuts down with exit 1. */
  readonly onFatal: (err: unknown) => void;
  /** Shown in the start-up message: `demo`; by default `live`, or `simulated` when BINANCE_REST_URL is on this machine (the simulator). */
  readonly mode?: string;
  /**
   * Readable logs on a terminal (LOG_FORMAT): the console sink frames its messages so they stand
   * apart from the log lines, in colour when `colors`. Default: plain messages, as for JSON logs.
   */
  readonly consoleFrame?: ConsoleFrameOptions;
  /**
   * Whether the console sink draws each signal's chart card into the `charts` folder beside the
   * database and prints its path (default true). The demo turns it off unless `--keep`: its folder
   * is removed at the end, and a path printed during the run would then point at nothing.
   */
  readonly consoleCharts?: boolean;
}

/**
 * The settings files a run reads (MEMORY_RULES_FILE, TELEGRAM_SUBSCRIBERS), checked without
 * starting anything: a ConfigError (exit 1) for a bad one. The run checks them before the HTTP port,
 * so a bad file is named first whatever the port.
 */
export function checkRunFiles(config: Config): void {
  loadMemoryRuleSpecs(config.MEMORY_RULES_FILE, config.ACCOUNT_BALANCE);
  loadSubscribers(config.TELEGRAM_SUBSCRIBERS, config.TELEGRAM_CHAT_ID);
}

/**
 * The composition root: opens SQLite, rebuilds the signal desk, starts the market-data path, the
 * signal pipeline, the outbox sender and the Telegram commands. The only place that creates
 * resources; {@link App.close} is the only place that closes them.
 */
export function startApp(config: Config, logger: Logger, options: StartAppOptions): App {
  const { scheduler = asyncScheduler, onFatal } = options;
  const startedAtMs = scheduler.now();
  const secrets = config.TELEGRAM_BOT_TOKEN ? [config.TELEGRAM_BOT_TOKEN] : [];
  // Before anything opens: a bad rules file is a config error (exit 1).
  const memoryRules = loadMemoryRuleSpecs(config.MEMORY_RULES_FILE, config.ACCOUNT_BALANCE);
  const configuredSubscribers = loadSubscribers(config.TELEGRAM_SUBSCRIBERS, config.TELEGRAM_CHAT_ID);
  const db = openDatabase(config.DB_PATH);
  try {
    // Live and simulated data never share a file (a ConfigError, exit 1, before anything connects).
    claimOrigin(db, config.DB_PATH, config.BINANCE_REST_URL);
  } catch (err) {
    db.close();
    throw err;
  }
  const repos = createRepos(db);
  const filterBook = new SymbolFilterBook(logger);
  const enabledModels = new Set<ModelName>();
  if (config.CONTINUATION_ENABLED) enabledModels.add('continuation');
  if (config.REVERSAL_ENABLED) enabledModels.add('reversal');
  const desk = restoreDesk({
    repos, logger, startingEquity: config.ACCOUNT_BALANCE, memoryEnabled: config.MEMORY_ENABLED, memoryRules,
    base: { scoreThreshold: config.SCORE_THRESHOLD, riskPerTradePct: config.RISK_PER_TRADE, maxSignalsPerDay: config.MAX_SIGNALS_PER_DAY },
    config: {
      profile: config.MODEL_PROFILE, models: DEFAULT_MODEL_CONFIG, features: DEFAULT_FEATURE_CONFIG, scoreThreshold: config.SCORE_THRESHOLD,
      enabledModels, outcome: { feeBps: config.FEE_BPS, expiryCandles: config.TRADE_EXPIRY_CANDLES }, filters: filterBook.filters,
    },
  });
  const refreshMs = config.UNIVERSE_REFRESH_SECONDS * 1000;
  // Each universe refresh must read a fresh exchangeInfo, or a symbol that stopped trading is seen
  // up to an hour late (the client's default cache) when refreshes are frequent.
  // One line when Binance cannot be reached (and a summary, and one when it is back), not a warning per retry.
  const local = isLocalExchange(config.BINANCE_REST_URL);
  const outage = new OutageLog({
    logger: logger.child({ component: 'network' }), scheduler, retryAtLeastEveryMs: RETRY_AT_LEAST_EVERY_MS,
    hint: () => (local ? 'is the simulator running? (`npm run sim`)' : 'try `npm run demo` offline'),
  });
  const rest = createBinanceRest({ baseUrl: config.BINANCE_REST_URL, logger, scheduler, exchangeInfoTtlMs: Math.min(3_600_000, refreshMs / 2), outage });
  if (local) void warnWhenAheadOfSimulator({ db, dbPath: config.DB_PATH, serverTimeMs: () => rest.serverTimeMs(), logger });
  const pinned$ = new BehaviorSubject<ReadonlySet<string>>(desk.pinnedSymbols());
  // Decided once from the exchange's time (see exchangeTimeAtStart below); the backfill, the scan
  // cursors and the signal path wait for it.
  let horizon: CatchUpHorizon | undefined;
  const horizon$ = new ReplaySubject<CatchUpHorizon>(1);
  const market = marketData({
    catchUpFromMs$: horizon$.pipe(map((h) => h.catchUpFromMs)),
    rest, store: repos.candles, wsBaseUrl: config.BINANCE_WS_URL, fixedSymbols: config.FIXED_SYMBOLS,
    ...universeSize(config.MAX_SYMBOLS_SUBSCRIBED, config.TOP_VOLUME_FETCH_LIMIT),
    refreshMs, rotationMs: config.ROTATION_SLOT_SECONDS * 1000,
    maxStreamsPerConn: config.WS_MAX_STREAMS_PER_CONN, staleAfterMs: config.STALE_AFTER_SECONDS * 1000,
    pinned$, scheduler, logger, outage, onExchangeInfo: (info) => filterBook.update(info),
    // Trading again: its next stop is a new one, told again.
    onTradingAgain: (symbol) => repos.halts.clear(symbol),
  });

  const chatId = config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_CHAT_ID ? config.TELEGRAM_CHAT_ID : CONSOLE_CHAT;
  const transport =
    chatId === CONSOLE_CHAT ? consoleTransport(process.stdout, chartDirOf(config.DB_PATH), options.consoleFrame) : telegramTransport({ token: config.TELEGRAM_BOT_TOKEN!, apiRoot: config.TELEGRAM_API_ROOT });
  // Chart cards are drawn when sent, from the stored candles: off the signal's commit, on libuv's pool.
  // The console prints the admin's messages only: subscriber copies there would print each signal again.
  const subscribers = chatId === CONSOLE_CHAT ? [] : configuredSubscribers;
  if (configuredSubscribers.length > 0) {
    logger.info({ subscribers: subscribers.map((s) => ({ chat: s.chat, thread: s.thread, language: s.language })), ignored: chatId === CONSOLE_CHAT }, 'subscriber chats');
  }
  // The ids chats have now: a group upgraded to a supergroup keeps getting its messages (and giving commands) under its new id.
  const currentChat = (chat: string) => repos.chatMoves.resolve(chat);
  // Told in the admin chat (its new id, if it is the one that moved), in the transaction that records the move.
  const sender = new OutboxSender({
    repo: repos.outbox, transport, scheduler, logger, secrets, renderPhoto: chartRenderer(repos.candles), onFatal, chatMoves: repos.chatMoves,
    onChatMoved: (move) => {
      const notice = chatMovedNotice(move, { adminChat: chatId, subscribers, currentChat, ctx });
      if (notice !== undefined) enqueueMessage(repos.outbox, notice);
    },
  });
  const clock = new MarketClock(scheduler);
  const catchUp = new CatchUpReport();
  const writer = new StepWriter({
    repos, desk, profile: config.MODEL_PROFILE, logger,
    outbox: {
      repo: repos.outbox, chatId, language: config.LANGUAGE, tickSizes: () => filterBook.tickSizes(),
      lateness: (k) => clock.lateness(k), lateSignals: config.LATE_SIGNALS, onStaleSignal: () => catchUp.staleSignal(), charts: chatId !== CONSOLE_CHAT || options.consoleCharts !== false, subscribers,
      formerChats: (chat) => repos.chatMoves.formerIds(chat),
    },
  });
  // Before the first candle after a restart, the last 30m close stored is the newest price there is.
  const markPrice = (symbol: string): MarkPrice | undefined => {
    const seen = clock.markPrice(symbol);
    if (seen !== undefined) return seen;
    const stored = repos.candles.recent(symbol, '30m', 1)[0];
    return stored === undefined ? undefined : { price: stored.close, asOfMs: klineEndMs(stored) };
  };
  // A day that ended more than 24 h before its summary is written (a restart's catch-up) is counted
  // in the catch-up's one message instead: its figures stay in SQLite (/daily).
  const summaries = new DailySummaries((dayStartMs) => {
    if (catchUp.staleDay(dayStartMs, clock.nowMs())) return;
    if (writer.writeDailySummary(dayStartMs) > 0) sender.notify();
  });

  const lifecycleMessage = (key: string, text: string) => {
    enqueueMessage(repos.outbox, { key, chatId, kind: 'lifecycle', text, parseMode: 'HTML', createdAtMs: scheduler.now() });
    sender.notify();
  };
  // The configured rules name themselves in every reply, as in the step writer's messages.
  const ctx = { language: config.LANGUAGE, rules: ruleBook(desk.memory.rules) };
  // A symbol resumes at its cursor only within the catch-up horizon; beyond it, it starts at the
  // exchange's time like a symbol joining, its history only warming the indicators.
  const storedCursor = (symbol: string): number | undefined => {
    const cursorMs = repos.cursors.get(symbol);
    return horizon !== undefined && resumesAt(horizon, cursorMs) ? cursorMs : undefined;
  };
  const cursors = new LiveCursors({ storedCursor, serverTimeMs: () => rest.serverTimeMs(), scheduler, logger });
  let watched: ReadonlySet<string> = new Set();
  const lastScans = new LastScans();
  const sizeWatch = new MinimumSizeWatch({
    candles: (symbol, interval, limit) => repos.candles.recent(symbol, interval, limit), filters: (symbol) => filterBook.known(symbol),
    profile: config.MODEL_PROFILE, models: DEFAULT_MODEL_CONFIG, riskPct: config.RISK_PER_TRADE,
  });
  const sizeLog = logger.child({ component: 'minimumSize' });
  const subscriptions = new Subscription();
  const isLive = (k: Kline) => cursors.isLive(k);
  const pipeline = marketPipeline({ desk, universe$: market.universe$, isLive });
  const watermark = createWatermarkStats();
  const mergeLog = logger.child({ component: 'eventTime' });
  const inEventTime = eventTimeMerge({
    universe$: market.universe$, halts$: market.halts$, liveStart: (s) => cursors.liveStart(s), maxWaitMs: config.WATERMARK_MAX_WAIT_SECONDS * 1000,
    scheduler, stats: watermark,
    onLate: (symbols, watermarkMs) =>
      mergeLog.warn({ symbols, watermarkMs, waitedMs: config.WATERMARK_MAX_WAIT_SECONDS * 1000 }, 'symbols late, the others go on without them'),
    onCaughtUp: (symbol) => mergeLog.info({ symbol }, 'late symbol caught up'),
    onAdvance: (throughMs) => summaries.advance(throughMs),
  });
  subscriptions.add(
    // The first universe's scan cursors are decided against the horizon.
    market.universe$.pipe(holdUntil({ release$: horizon$ })).subscribe((symbols) => {
      for (const s of watched) if (!symbols.has(s)) clock.forget(s);
      watched = symbols;
      lastScans.keepOnly(symbols);
      cursors.onUniverse(symbols);
    }),
  );
  subscriptions.add(
    // Candles wait for the horizon: the open trades it closes and the symbols' starts come first.
    market.candles$.pipe(holdUntil({ release$: horizon$ }), tap((k) => clock.observe(k)), inEventTime, pipeline).subscribe({
      next: (step) => {
        if (writer.write(step) > 0) sender.notify();
        if (!isHaltStep(step)) {
          const done = catchUp.step(klineEndMs(step.kline), clock.lateness(step.kline) !== undefined, step.closedTrade !== null);
          if (done !== undefined) {
            logger.child({ component: 'catchUp' }).info({ ...done }, 'caught up');
            lifecycleMessage(`catchup:done:${done.fromMs}:${done.throughMs}`, renderCatchUpDone(done, ctx));
          }
          lastScans.record(step, desk.openTrades.has(step.kline.symbol));
          const atMs = klineEndMs(step.kline);
          const notice = sizeWatch.onCandle(step.kline.symbol, atMs, desk.equityUsdt, watched);
          if (notice !== undefined) {
            sizeLog.warn({ kind: notice.kind, symbols: notice.items.map((i) => `${i.symbol} ${i.interval}`), equity: notice.equityUsdt, riskPct: notice.riskPct }, 'symbols below the exchange minimum at the configured risk');
            lifecycleMessage(`minsize:${notice.kind}:${startedAtMs}:${atMs}`, renderMinimumSizeNotice(notice, ctx));
          }
        }
        if (step.closedTrade || (!isHaltStep(step) && step.opened.length > 0)) pinned$.next(desk.pinnedSymbols());
      },
      error: (err: unknown) => onFatal(err),
    }),
  );
  // Sent once the universe is first known, so it tells how many symbols are watched, not the limit.
  subscriptions.add(
    market.universe$.pipe(take(1)).subscribe((symbols) =>
      lifecycleMessage(
        `lifecycle:start:${startedAtMs}`,
        renderStartup({
          atMs: startedAtMs, mode: options.mode ?? (local ? 'simulated' : 'live'), exchangeUrl: config.BINANCE_REST_URL, profile: config.MODEL_PROFILE,
          symbols: config.MAX_SYMBOLS_SUBSCRIBED, watching: symbols.size, memoryEnabled: config.MEMORY_ENABLED,
        }, ctx),
      ),
    ),
  );

  // How long the bot was stopped is read on the exchange's clock before any candle is processed:
  // within CATCH_UP_MAX_DAYS every missed candle is replayed; beyond it, open trades close first.
  subscriptions.add(
    exchangeTimeAtStart(() => rest.serverTimeMs(), scheduler, logger, RETRY_AT_LEAST_EVERY_MS).subscribe((nowMs) => {
      const decided = catchUpHorizon(nowMs, config.CATCH_UP_MAX_DAYS, repos.cursors.maxEndMs());
      horizon = decided;
      clock.observeTime(nowMs);
      if (closeLongStop({ horizon: decided, maxDays: config.CATCH_UP_MAX_DAYS, desk, repos, writer, logger }) > 0) sender.notify();
      pinned$.next(desk.pinnedSymbols());
      horizon$.next(decided);
    }),
  );
  sender.start();
  const beatLog = logger.child({ component: 'heartbeat' });
  subscriptions.add(
    heartbeat$({
      everyMs: heartbeatMinutes(config) * 60_000, scheduler,
      facts: () => ({
        symbols: watched.size,
        symbolsLive: [...watched].filter((s) => cursors.liveStart(s) !== undefined).length,
        shards: market.socketStats.shards.size,
        shardsConnected: [...market.socketStats.shards.values()].filter((s) => s.connections > 0).length,
        newestCandleEndMs: clock.newestCandleEndMs(),
        signalsToday: signalsToday(desk),
        openTrades: desk.openTrades.size,
        unreachable: outage.unreachable(),
        refusing: outage.refusing(),
      }),
    }).subscribe((facts) => beatLog.info({ detail: facts }, heartbeatText(facts, scheduler.now()))),
  );
  // Checkpoint the WAL between candles, so no candle's commit pays for it (see openDatabase).
  subscriptions.add(
    interval(CHECKPOINT_EVERY_MS, scheduler).subscribe(() => {
      try {
        repos.db.pragma('wal_checkpoint(PASSIVE)');
      } catch (err) {
        logger.warn({ err }, 'wal checkpoint failed');
      }
    }),
  );

  let stopCommands: (() => void) | undefined;
  if (chatId !== CONSOLE_CHAT) {
    const bot = new Telegraf(config.TELEGRAM_BOT_TOKEN!, { telegram: { apiRoot: config.TELEGRAM_API_ROOT } });
    const queries = {
      ...createBotQueries({
        repos, desk, startedAtMs, logger, symbolsWatched: () => watched.size, heldChats: () => sender.stats().heldChats,
        startingEquity: config.ACCOUNT_BALANCE, markPrice,
      }),
      chart: chartQuery(repos, () => filterBook.tickSizes()),
      why: (symbol: string) => whyOf(symbol, { repos, desk, lastScans, watched: () => watched, baseThreshold: config.SCORE_THRESHOLD }),
    };
    const enqueueReply: EnqueueReply = ({ key, chatId: to, html, photo }) => {
      enqueueMessage(repos.outbox, { key, chatId: to, kind: 'reply', text: html, parseMode: 'HTML', createdAtMs: scheduler.now(), ...(photo === undefined ? {} : { photo }) });
      sender.notify();
    };
    const commandDeps = {
      ...ctx, queries, chatId, adminIds: config.TELEGRAM_ADMIN_IDS, subscriberChats: subscribers.map((s) => s.chat), currentChat,
      onChatMigrated: (from: string, to: string) => sender.chatMoved(from, to), scheduler, logger, secrets, enqueueReply, currentTickSizes: () => filterBook.tickSizes(),
    };
    registerCommands(bot, commandDeps);
    launchCommands(bot, commandDeps).then(
      (stop) => {
        stopCommands = stop;
      },
      (err: unknown) => logger.warn({ err }, 'telegram commands unavailable'),
    );
  }

  return {
    config, repos, desk, rest, market, sender, watermark, startedAtMs, markPrice,
    universe: () => watched,
    async close(drainDeadlineMs, reason = 'stop') {
      subscriptions.unsubscribe();
      cursors.close();
      stopCommands?.();
      const atMs = scheduler.now();
      lifecycleMessage(`lifecycle:stop:${atMs}`, renderShutdown({ atMs, reason, pending: repos.outbox.depth() }, ctx));
      await sender.drain(drainDeadlineMs).catch((err: unknown) => logger.warn({ err }, 'outbox not drained'));
      await sender.stop();
      await rest.close();
      repos.db.close();
    },
  };
}

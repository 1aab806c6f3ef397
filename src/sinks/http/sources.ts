import type { RuleBook } from '../../core/memory/ruleBook.js';
import type { Interval } from '../../domain/kline.js';
import type { MemoryEvent, Verdict } from '../../domain/memory.js';
import type { StoredReason } from '../../domain/reason.js';
import type { ModelName, ModelProfile, Side, SignalStatus } from '../../domain/signal.js';
import type { ClosedTrade, OpenTrade, Outcome } from '../../domain/trade.js';
import type { PositionFigures } from '../../core/outcome/positionFigures.js';

/** An open trade with its figures at the newest price of its symbol (as /open shows them); none before a first price. */
export type OpenTradeView = OpenTrade & { readonly figures?: PositionFigures };

/**
 * How fresh one kline socket (shard) is. Ages rather than timestamps, so the HTTP side never has
 * to agree with the bot on a clock.
 */
export interface ShardFreshness {
  readonly id: string;
  /** Kline streams subscribed on this socket. */
  readonly streams: number;
  /** Milliseconds since the last frame; `null` when none has arrived yet. */
  readonly lastFrameAgeMs: number | null;
  /**
   * Milliseconds since the shard was created. A shard with no frame yet is stale only once this
   * reaches `staleAfterMs`; when omitted, the process uptime is used.
   */
  readonly ageMs?: number;
}

/**
 * Everything `/metrics` exposes beyond Node's defaults, read at scrape time. Totals are counts
 * since the process started (Prometheus `rate()` handles the reset at a restart).
 */
export interface MetricsCounters {
  readonly framesTotal: number;
  readonly badFramesByKind: Readonly<Record<string, number>>;
  readonly reconnectsTotal: number;
  readonly backfilledCandlesTotal: number;
  readonly closedCandlesTotal: number;
  /** The last `X-MBX-USED-WEIGHT-1M` Binance returned. */
  readonly restWeightUsed1m: number;
  /** Request weight of every REST call sent. */
  readonly restWeightSentTotal: number;
  readonly rest429Total: number;
  readonly rest418Total: number;
  readonly signals: ReadonlyArray<{ readonly model: ModelName; readonly status: SignalStatus; readonly count: number }>;
  readonly tradesByOutcome: Readonly<Partial<Record<Outcome, number>>>;
  readonly outboxPending: number;
  /** Age of the oldest pending outbox message in seconds, 0 when none is pending. */
  readonly outboxOldestPendingAgeS: number;
  /** Telegram errors by `error_code` (e.g. `429`, `403`) or a short network code. */
  readonly telegramErrorsByCode: Readonly<Record<string, number>>;
}

/**
 * The event-time merge as operators see it: how far the steps of all symbols have run, and which
 * symbols were declared late (they held the others longer than WATERMARK_MAX_WAIT_SECONDS).
 */
export interface EventTimeView {
  /** End up to which every active symbol's candles were processed; null before the first. */
  readonly watermarkMs: number | null;
  readonly lateSymbols: readonly string[];
  /** Late declarations since start. */
  readonly lateDeclarations: number;
  /** Closed candles waiting for the watermark. */
  readonly buffered: number;
  /** Wait of the recent live 30m steps in the merge (arrival to processing), ms; null before the first. */
  readonly stepWaitP50Ms: number | null;
  readonly stepWaitP99Ms: number | null;
}

/** What `/api/status` needs from the bot beyond shards and uptime. */
export interface BotStatus {
  readonly universe: readonly string[];
  readonly profile: ModelProfile;
  /** Watched symbols that stopped trading on Binance (left out of the universe), with Binance's status (null: no longer listed). */
  readonly stoppedTrading: ReadonlyArray<{ readonly symbol: string; readonly status: string | null }>;
}

/**
 * A recorded signal as the dashboard shows it. Structurally a subset of the `signals` table row
 * (`SignalRow` of sinks/sqlite), so a repository row can be passed as is.
 */
export interface SignalView {
  readonly id: number;
  readonly symbol: string;
  readonly interval: Interval;
  readonly endMs: number;
  readonly model: ModelName;
  readonly side: Side;
  readonly status: SignalStatus;
  readonly score: number;
  readonly threshold: number;
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  readonly quantity: number;
  readonly riskPct: number;
  readonly reasons: readonly StoredReason[];
}

/** Memory as the dashboard shows it: verdicts holding now (locks carry `untilMs`) and recent starts/ends. */
export interface MemoryView {
  readonly active: readonly Verdict[];
  readonly events: readonly MemoryEvent[];
  /** Rules configured and switched on (0: MEMORY_ENABLED=false), so "none holds now" reads apart from "the memory is off". */
  readonly rulesOn?: number;
}

/**
 * One point of the paper equity curve: equity after a closed trade and its drawdown from the peak.
 * The first point is ACCOUNT_BALANCE when the first trade opened, so the curve starts where the account did.
 */
export interface EquityPoint {
  readonly tMs: number;
  readonly equity: number;
  /** Percent below the running peak (0 at a new peak), positive. */
  readonly drawdownPct: number;
}

/**
 * What the HTTP server reads from the running bot. Plain functions returning plain data, called on
 * each request, so the server holds no state of its own and the lead can implement it over the
 * repositories and counters. A function that throws turns its request into a 500 (health: a
 * throwing `dbOk` counts as the database being down).
 */
export interface HttpSources {
  /** Wall-clock start of the process, for uptime. */
  readonly startedAtMs: number;
  /** A shard whose last frame is this old (or older) is stale (STALE_AFTER_SECONDS × 1000). */
  readonly staleAfterMs: number;
  shards(): readonly ShardFreshness[];
  /** A `SELECT 1` against SQLite. */
  dbOk(): boolean;
  /** Chats whose Telegram delivery is held (blocked bot, chat not found): reported, not fatal. */
  heldChats(): readonly string[];
  /** The watermark and the late symbols: reported, not fatal (a late symbol does not hold the others). */
  eventTime(): EventTimeView;
  counters(): MetricsCounters;
  status(): BotStatus;
  openTrades(): readonly OpenTradeView[];
  /** Newest first, sent and blocked. */
  recentSignals(limit: number): readonly SignalView[];
  /** Newest first. */
  recentTrades(limit: number): readonly ClosedTrade[];
  memory(): MemoryView;
  /** The configured memory rules (MEMORY_RULES_FILE), which name the rules of the verdicts and reasons; default the seed rules. */
  readonly rules?: RuleBook;
  /** Oldest first. */
  equity(): readonly EquityPoint[];
}

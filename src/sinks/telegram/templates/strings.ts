import type { RuleEffect, RuleTermsOf, RuleTitle } from '../../../core/memory/rule.js';
import type { VerdictDetail, VerdictDetailKind, VerdictType } from '../../../domain/memory.js';
import type { ReasonCode, ReasonDetails } from '../../../domain/reason.js';
import type { BreakdownKey, ModelName, ModelProfile, Side } from '../../../domain/signal.js';
import type { HaltStatus } from '../../../domain/halt.js';
import type { ExitReason, Outcome } from '../../../domain/trade.js';

/** Language of every message and command reply (LANGUAGE): Vietnamese by default, or English. */
export type Language = 'vi' | 'en';

/**
 * Every fixed word of the messages, per language. Values are plain text (escaped where used) or
 * small functions whose arguments are already-escaped HTML fragments.
 */
export interface Strings {
  /** The language of this table: which of a rule's own titles (MEMORY_RULES_FILE `title`) it shows. */
  readonly language: Language;
  readonly side: Readonly<Record<Side, string>>;
  readonly signalTitle: (side: string) => string;
  readonly model: Readonly<Record<ModelName, string>>;
  /** A model profile (MODEL_PROFILE) by its name for people; the key is configuration, never shown. */
  readonly profile: Readonly<Record<ModelProfile, string>>;
  readonly interval: string;
  readonly score: string;
  readonly threshold: string;
  readonly breakdown: string;
  /** Points of a score part, signed already: `+6.3 points`. */
  readonly points: (signed: string) => string;
  readonly entry: string;
  readonly stopLoss: string;
  readonly takeProfit: string;
  readonly riskReward: string;
  /** The quantity label; the value carries its base asset (`0.099 ETH`). */
  readonly quantity: string;
  readonly notional: string;
  readonly risk: string;
  readonly ofEquity: string;
  /** After the risk taken when rounding the size cut it: `target 1%`. */
  readonly riskTarget: (pct: string) => string;
  readonly adjustments: string;
  /** The notice of a late signal; arguments are escaped HTML. */
  readonly late: (duration: string) => string;
  readonly candleClosed: string;
  readonly lastPrice: string;
  /** What a trader reads for each reason code (the code itself is data, never shown). */
  readonly reasonLabel: Readonly<Record<ReasonCode, string>>;
  /** The detail of each reason code, worded from its numbers. Plain text: escape the result. */
  readonly reasonDetail: ReasonTemplates;
  /** A memory rule's facts in words (`''` for none). Plain text. */
  readonly verdictDetail: { readonly [K in VerdictDetailKind]: (d: Extract<VerdictDetail, { kind: K }>) => string };
  /** The kind of a verdict (lock, threshold raise, …), for tables. */
  readonly verdictType: Readonly<Record<VerdictType, string>>;
  /**
   * Human names of the memory rules, by the title key each rule's kind gives it from its scope and
   * effect (the rule id is data, never shown).
   */
  readonly ruleTitle: Readonly<Record<RuleTitle, string>>;
  /**
   * The name of a custom rule (MEMORY_RULES_FILE, not a seed id) from what it does: its kind, its
   * scope (`scope`, already worded by {@link ruleScope}) and its parameters, so two custom rules of
   * one kind read differently. Plain text.
   */
  readonly ruleTerms: { readonly [E in RuleEffect]: (t: RuleTermsOf<E>, scope: string) => string };
  /** The scope of a custom rule as its name says it: the whole book, per symbol, or one model. */
  readonly ruleScope: { readonly global: string; readonly symbol: string; readonly model: (model: string) => string };
  /** The name shown for a rule no rule book knows (a stored row of a rule no longer configured). */
  readonly unnamedRule: string;
  /** Score components of the models. */
  readonly breakdownLabel: Readonly<Record<BreakdownKey, string>>;
  readonly outcome: Readonly<Record<Outcome, string>>;
  /** Why a trade closed when not by its levels or expiry time (the code is data, never shown). Plain text. */
  readonly exitReason: { readonly [C in ExitReason['code']]: (d: Extract<ExitReason, { code: C }>['detail']) => string };
  /** A symbol that stopped trading: its exchangeInfo status in words, and the notice. */
  readonly halt: HaltStrings;
  /** A restart after a long stop, and the end of a restart's catch-up. */
  readonly catchUp: CatchUpStrings;
  readonly exit: string;
  readonly result: string;
  readonly heldFor: string;
  /** A trade result's line naming the signal it closes by its entry time. */
  readonly signalAt: string;
  readonly pnl: string;
  readonly equity: string;
  readonly drawdown: string;
  readonly durationUnits: { readonly day: string; readonly hour: string; readonly minute: string };
  readonly rule: string;
  readonly scope: string;
  readonly scopeGlobal: string;
  readonly scopeModel: (model: string) => string;
  readonly at: string;
  readonly until: string;
  readonly memory: MemoryStrings;
  readonly daily: DailyStrings;
  readonly lifecycle: LifecycleStrings;
}

/**
 * Detail templates of the reason codes: plain values in, plain text out. `why` (a memory rule's
 * facts) comes already worded, `''` when there are none; `until` is a formatted UTC time.
 */
export type ReasonTemplates = {
  readonly [C in ReasonCode]: (d: ReasonDetails[C] & { readonly whyText: string; readonly untilText: string; readonly modelText: string }) => string;
};

/** Titles of memory events; arguments are escaped HTML. */
export interface MemoryStrings {
  readonly pauseStart: string;
  readonly pauseEnd: string;
  readonly cooldownStart: (symbol: string) => string;
  readonly cooldownEnd: (symbol: string) => string;
  readonly modelOff: (model: string) => string;
  readonly modelOn: (model: string) => string;
  readonly dailyCapOn: (max: string) => string;
  readonly riskCapOn: (pct: string) => string;
  readonly drawdownOff: string;
  readonly thresholdOn: (add: string, scope: string) => string;
  readonly thresholdOff: (scope: string) => string;
  readonly goodRunStart: (model: string) => string;
  readonly goodRunEnd: (model: string) => string;
  readonly detail: string;
}

/** The notice of a symbol that stopped trading on Binance. Plain text unless said otherwise. */
export interface HaltStrings {
  /** The title; the argument is escaped HTML. */
  readonly title: (symbol: string) => string;
  /** A Binance status in words (`settling`); an unknown one is shown as Binance writes it; null: no longer listed. */
  readonly status: (status: HaltStatus) => string;
  readonly statusLabel: string;
  readonly leftUniverse: string;
  readonly tradeClosed: string;
  readonly lastCandle: string;
}

export interface CatchUpStrings {
  readonly longStopTitle: string;
  /** How long the bot was stopped (worded duration) and since when (a UTC time). */
  readonly stoppedFor: (duration: string, since: string) => string;
  /** The candles before the restart were not replayed; `days` is CATCH_UP_MAX_DAYS. */
  readonly notReplayed: (until: string, days: number) => string;
  readonly tradesClosed: (n: number) => string;
  readonly doneTitle: string;
  readonly span: (from: string, through: string) => string;
  readonly daysCaughtUp: (n: number) => string;
  readonly signalsRecorded: (n: number) => string;
  readonly tradesClosedInSpan: (n: number) => string;
  readonly quietNote: string;
}

export interface DailyStrings {
  readonly title: (day: string) => string;
  readonly trades: string;
  readonly wins: string;
  readonly winRate: string;
  readonly totalR: string;
  readonly signalsSent: string;
  readonly signalsBlocked: string;
}

export interface LifecycleStrings {
  readonly started: string;
  readonly stopped: string;
  readonly mode: string;
  readonly profile: string;
  readonly symbols: string;
  /** The symbol count when MAX_SYMBOLS_SUBSCRIBED=all. */
  readonly wholeMarket: string;
  /** Before the symbol limit, when fewer are watched: `3 (up to 40)`. */
  readonly upTo: string;
  readonly memory: string;
  readonly on: string;
  readonly off: string;
  readonly reason: string;
  readonly pending: string;
  /** How the bot runs (`live`, `demo`), in words. */
  readonly modes: Readonly<Record<string, string>>;
  /** The mode against the project's simulator, with its address (not Binance: review, "live (Binance)" against the simulator). */
  readonly simulatedMode: (address: string) => string;
  /** Why it stopped (`SIGINT`, `SIGTERM`, `fatal`, `demoFinished`), in words; `stopReasonOther` for anything else. */
  readonly stopReasons: Readonly<Record<string, string>>;
  readonly stopReasonOther: string;
  /** A group upgraded to a supergroup (its new id): the admin chat's, or a subscriber's. */
  readonly movedTitle: string;
  readonly movedSubscriberTitle: string;
  readonly movedOldId: string;
  readonly movedNewId: string;
  /** That the bot already sends to the new id. */
  readonly movedFollowing: string;
  /** What the operator should change: TELEGRAM_CHAT_ID, or the entry in TELEGRAM_SUBSCRIBERS. */
  readonly movedFixAdmin: (fromChat: string, toChat: string) => string;
  readonly movedFixSubscriber: (fromChat: string, toChat: string) => string;
}

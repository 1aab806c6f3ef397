import type { Logger } from 'pino';
import type { TemplateContext } from './telegram/templates/common.js';
import type { Kline } from '../domain/kline.js';
import type { Lateness, LateSignalPolicy } from '../domain/lateness.js';
import type { MemoryEvent } from '../domain/memory.js';
import type { ModelProfile } from '../domain/signal.js';
import type { ClosedTrade } from '../domain/trade.js';
import { klineEndMs } from '../domain/kline.js';
import { admitsSignal, inQuietHours, subscriberKey, watchesSymbol, type Subscriber } from '../domain/subscriber.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import { isHaltStep, type HaltStep, type PipelineStep } from '../core/desk/haltStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { announcesEvent, ruleBook, type RuleBook } from '../core/memory/ruleBook.js';
import { scopeKey } from '../core/memory/verdictKeys.js';
import type { OutboxRepo } from './sqlite/outboxRepo.js';
import type { Repos } from './sqlite/repos.js';
import { enqueueMessage, firstRowKeys } from './telegram/enqueueMessage.js';
import { dailySummaryOf } from './sqlite/dailyStats.js';
import { renderDailySummary } from './telegram/templates/dailySummary.js';
import { renderHaltNotice } from './telegram/templates/haltMessage.js';
import { renderMemoryEvent } from './telegram/templates/memoryMessage.js';
import { renderSignal } from './telegram/templates/signalMessage.js';
import { chartSpecOfSignal, encodeChartSpec } from './telegram/chart/chartSpec.js';
import { decimalsOfStep } from './telegram/templates/format.js';
import { logPrice, logScore } from '../logging/logNumbers.js';
import { renderTradeResult } from './telegram/templates/tradeMessage.js';
import { renderLongStopNotice, type LongStopNotice } from './telegram/templates/catchUpMessage.js';

const DAY_MS = 86_400_000;


export interface StepWriterDeps {
  readonly repos: Repos;
  readonly desk: SignalDesk;
  readonly profile: ModelProfile;
  /** Where messages go; null to keep none (backtests). */
  readonly outbox: StepOutbox | null;
  readonly logger: Logger;
}

/** The live bot's outbox and how its messages are worded. */
export interface StepOutbox {
  readonly repo: OutboxRepo;
  readonly chatId: string;
  readonly language: TemplateContext['language'];
  readonly tickSizes?: () => Readonly<Record<string, number>>;
  /** How late a step on this candle is if committed now (undefined: on time). */
  readonly lateness?: (k: Kline) => Lateness | undefined;
  /** Whether a late signal's message is sent (with its late notice) or the signal only recorded. Default send. */
  readonly lateSignals?: LateSignalPolicy;
  /**
   * Told of each late signal recorded without a message because its trade's expiry had passed when
   * it was committed (its whole life happened while the bot was down), whatever LATE_SIGNALS says.
   */
  readonly onStaleSignal?: (id: number) => void;
  /**
   * Signals go as a photo of their chart card with the text as caption. Only the card's spec is
   * stored (a short JSON): the PNG is drawn when the sender sends it, off this commit.
   */
  readonly charts?: boolean;
  /**
   * Read-only chats (TELEGRAM_SUBSCRIBERS), each with its own row per message, in its language:
   * the signals its filters admit (none in its quiet hours), the result of each signal it received
   * (even in quiet hours, without sound: it closes a position the chat may hold), halt notices of the symbols it
   * watches, and the daily summary. Never memory events or lifecycle messages: those are about
   * running the bot, which is the admin chat's business.
   */
  readonly subscribers?: readonly Subscriber[];
  /**
   * The ids a chat had before Telegram moved it (a group upgraded to a supergroup): a subscriber
   * whose setting now names the new id still gets the results of the signals it received under the old.
   */
  readonly formerChats?: (chat: string) => readonly string[];
}

type Ctx = TemplateContext;

/**
 * Commits everything one candle caused in ONE transaction: the decided signals, the trade opened
 * and the one closed, the memory's events and locks, the Telegram messages they cause, and the
 * symbol's scan cursor (a halt likewise: see storeHalt). A crash before the commit loses the candle's effects entirely, and the
 * candle is processed again after the restart; a crash after it loses nothing.
 */
export class StepWriter {
  private readonly log: Logger;
  /** The facts of the desk's memory rules: which are announced, and their names. */
  private readonly rules: RuleBook;
  private readonly commit: (step: CandleStep) => number;
  private readonly commitBatch: (steps: readonly CandleStep[]) => number;
  private readonly commitHalt: (step: HaltStep) => number;

  constructor(private readonly deps: StepWriterDeps) {
    this.log = deps.logger.child({ component: 'signals' });
    this.rules = ruleBook(deps.desk.memory.rules);
    this.commit = deps.repos.db.transaction((step: CandleStep) => {
      const messages = this.store(step);
      if (step.memoryEvents.length > 0 || step.closedTrade) deps.repos.memory.saveSnapshot(deps.desk.memory.snapshot());
      deps.repos.cursors.set(step.kline.symbol, klineEndMs(step.kline));
      return messages;
    });
    this.commitBatch = deps.repos.db.transaction((steps: readonly CandleStep[]) => this.storeBatch(steps));
    this.commitHalt = deps.repos.db.transaction((step: HaltStep) => {
      const messages = this.storeHalt(step);
      if (step.memoryEvents.length > 0 || step.closedTrade) deps.repos.memory.saveSnapshot(deps.desk.memory.snapshot());
      return messages;
    });
  }

  /**
   * Puts the summary of the UTC day starting at `dayStartMs` in the outbox (once: its key), with
   * the equity as it is now. Called when the watermark has passed the day's end, so every candle
   * of the day is in it. Returns 1 if it was new. No-op without an outbox.
   */
  writeDailySummary(dayStartMs: number): number {
    const { outbox, repos, desk } = this.deps;
    if (outbox === null) return 0;
    const summary = dailySummaryOf(repos.db, dayStartMs, desk.equityUsdt);
    const text = renderDailySummary(summary, { language: outbox.language, rules: this.rules });
    const createdAtMs = dayStartMs + DAY_MS;
    let messages = enqueueMessage(outbox.repo, { key: `daily:${dayStartMs}`, chatId: outbox.chatId, kind: 'daily', text, parseMode: 'HTML', createdAtMs });
    const texts = byLanguage((language) => renderDailySummary(summary, { language, rules: this.rules }));
    for (const sub of outbox.subscribers ?? []) {
      messages += this.enqueueToSubscriber(sub, createdAtMs, `daily:${dayStartMs}`, 'daily', texts(sub.language));
    }
    return messages;
  }

  /**
   * A restart after a stop longer than the catch-up horizon, in ONE transaction: the open trades it
   * closed (each with its result and the memory's events, as a halt's), then, when `tell`, one notice to the
   * admin chat, keyed by the stop so a second restart before any candle tells it no second time.
   * Stamped with the restart's time. Returns the number of messages enqueued.
   */
  writeLongStop(closes: readonly { readonly closedTrade: ClosedTrade; readonly memoryEvents: readonly MemoryEvent[] }[], notice: LongStopNotice, tell: boolean): number {
    const { repos, desk } = this.deps;
    return repos.db.transaction(() => {
      const ctx = this.templateContext();
      let messages = 0;
      for (const { closedTrade, memoryEvents } of closes) {
        messages += this.storeClosedTrade(closedTrade, notice.resumedAtMs, ctx);
        messages += this.storeMemoryEvents(memoryEvents, notice.resumedAtMs, closedTrade, ctx);
      }
      if (closes.length > 0) repos.memory.saveSnapshot(desk.memory.snapshot());
      if (ctx && tell) messages += this.enqueueAt(notice.resumedAtMs, `catchup:longstop:${notice.stoppedAtMs}`, 'lifecycle', renderLongStopNotice(notice, ctx));
      return messages;
    })();
  }

  /** Commits the step (a candle's or a halt's); returns the number of Telegram messages it enqueued. */
  write(step: PipelineStep): number {
    if (isHaltStep(step)) {
      const messages = this.commitHalt(step);
      this.logHalt(step);
      return messages;
    }
    const messages = this.commit(step);
    this.logStep(step);
    return messages;
  }

  /**
   * Commits many steps in ONE transaction (backtests): the same rows as {@link write} per step,
   * except that each symbol's cursor and the memory snapshot, which a later step overwrites, are
   * written once, as the last step of the batch leaves them. All or nothing: after a crash the
   * whole batch is processed again. Returns the number of Telegram messages enqueued.
   */
  writeBatch(steps: readonly CandleStep[]): number {
    const messages = this.commitBatch(steps);
    // Backtests log at warn: one level check per batch instead of one per step.
    if (this.log.isLevelEnabled('info')) for (const step of steps) this.logStep(step);
    return messages;
  }

  private storeBatch(steps: readonly CandleStep[]): number {
    const { desk, repos } = this.deps;
    let messages = 0;
    let memoryChanged = false;
    const cursors = new Map<string, number>();
    for (const step of steps) {
      messages += this.store(step);
      if (step.memoryEvents.length > 0 || step.closedTrade) memoryChanged = true;
      cursors.set(step.kline.symbol, klineEndMs(step.kline));
    }
    // The snapshot reads the engine as it is now (after the batch), as each per-step write would.
    if (memoryChanged) repos.memory.saveSnapshot(desk.memory.snapshot());
    for (const [symbol, endMs] of cursors) repos.cursors.set(symbol, endMs);
    return messages;
  }

  /** The step's own rows and messages; the caller writes the snapshot and cursor. */
  private store(step: CandleStep): number {
    const { desk, profile, outbox, repos } = this.deps;
    // Most 30m steps record nothing.
    if (isEmptyStep(step)) return 0;
    let messages = 0;
    const ctx = this.templateContext();
    const atMs = klineEndMs(step.kline);
    // Read once: the step's messages decide on one market time.
    const late = outbox?.lateness?.(step.kline);
    if (step.closedTrade) messages += this.storeClosedTrade(step.closedTrade, atMs, ctx, late !== undefined);
    for (const { id, signal } of step.recorded) {
      const { created } = repos.signals.insert(signal, profile, id);
      if (!created || signal.status !== 'sent' || !ctx) continue;
      const trade = step.opened.find((t) => t.signalId === id);
      if (late !== undefined && trade !== undefined && late.closedAtMs + late.lateByMs >= trade.expiresAtMs) {
        this.log.info({ id, symbol: signal.symbol, lateByMs: late.lateByMs }, 'stale signal recorded, not sent (its trade was over when committed)');
        outbox?.onStaleSignal?.(id);
        continue;
      }
      if (late !== undefined && outbox?.lateSignals === 'skip') {
        this.log.info({ id, symbol: signal.symbol, lateByMs: late.lateByMs }, 'late signal recorded, not sent (LATE_SIGNALS=skip)');
        continue;
      }
      const tick = ctx.tickSizes?.[signal.symbol];
      // The card's words (side, score, model) in each chat's language, like its text.
      const photo = (language: Ctx['language']) =>
        outbox?.charts ? encodeChartSpec(chartSpecOfSignal(signal, tick === undefined ? undefined : decimalsOfStep(tick), language)) : undefined;
      // Sized at the equity after this candle's close (the desk's now): the risk the rounded quantity really takes.
      const render = (c: Ctx) => renderSignal(signal, c, late, { equityUsdt: desk.equityUsdt });
      messages += this.enqueueAt(atMs, signalKey(id), 'signal', render(ctx), undefined, photo(ctx.language));
      const texts = byLanguage((language) => render({ ...ctx, language }));
      for (const sub of outbox?.subscribers ?? []) {
        if (admitsSignal(sub, signal, atMs)) messages += this.enqueueToSubscriber(sub, atMs, signalKey(id), 'signal', texts(sub.language), undefined, photo(sub.language));
      }
    }
    for (const trade of step.opened) repos.trades.open(trade);
    // A memory change committed more than a day late (a restart's catch-up) is history by now: recorded
    // (/memory shows the state that holds), not announced.
    const stale = (late?.lateByMs ?? 0) > DAY_MS;
    messages += this.storeMemoryEvents(step.memoryEvents, atMs, step.closedTrade, stale ? undefined : ctx);
    return messages;
  }

  /**
   * A symbol that stopped trading, in one transaction: its trade closed (with the reason), the
   * memory's events, and, unless this stop was told already (symbol_halts: an earlier refresh, or
   * before a restart), its record and the notice, first. Messages are stamped with the close's
   * event time. The caller writes the snapshot; no scan cursor moves (no candle was processed).
   */
  private storeHalt(step: HaltStep): number {
    const { outbox, repos } = this.deps;
    const { halt, closedTrade } = step;
    const lastEndMs = halt.lastCandle === undefined ? undefined : klineEndMs(halt.lastCandle);
    const atMs = closedTrade?.exitTimeMs ?? lastEndMs ?? 0;
    const ctx = this.templateContext();
    let messages = 0;
    const recorded = repos.halts.record({ symbol: halt.symbol, status: halt.status, lastEndMs: lastEndMs ?? null });
    if (recorded && ctx) {
      const notice = { symbol: halt.symbol, status: halt.status, lastEndMs, tradeClosed: closedTrade !== null };
      const key = `halt:${halt.symbol}:${lastEndMs ?? 'unknown'}:${halt.status ?? 'unlisted'}`;
      messages += this.enqueueAt(atMs, key, 'halt', renderHaltNotice(notice, ctx));
      const texts = byLanguage((language) => renderHaltNotice(notice, { ...ctx, language }));
      for (const sub of outbox?.subscribers ?? []) {
        if (watchesSymbol(sub, halt.symbol)) messages += this.enqueueToSubscriber(sub, atMs, key, 'halt', texts(sub.language));
      }
    }
    if (closedTrade) messages += this.storeClosedTrade(closedTrade, atMs, ctx);
    messages += this.storeMemoryEvents(step.memoryEvents, atMs, closedTrade, ctx);
    return messages;
  }

  /** How the admin chat's messages are worded; undefined without an outbox (backtests). */
  private templateContext(): Ctx | undefined {
    const { outbox } = this.deps;
    return outbox ? { language: outbox.language, tickSizes: outbox.tickSizes?.(), rules: this.rules } : undefined;
  }

  /** A closed trade's row, and its result to the admin chat and to each subscriber that got its signal, replying to it. */
  private storeClosedTrade(closed: ClosedTrade, atMs: number, ctx: Ctx | undefined, late = false): number {
    this.deps.repos.trades.close(closed);
    if (!ctx) return 0;
    // Caught up late, the result of a signal no chat received (recorded only: stale, or
    // LATE_SIGNALS=skip) would be one more stale message answering nothing: recorded only.
    if (late && !firstRowKeys(signalKey(closed.signalId)).some((key) => this.deps.outbox!.repo.find(key) !== undefined)) return 0;
    const render = (c: Ctx) => renderTradeResult(closed, { drawdownPct: this.deps.desk.memoryState.drawdownPct }, c);
    return this.enqueueAt(atMs, `trade:${closed.signalId}`, 'trade', render(ctx), signalKey(closed.signalId))
      + this.enqueueResultToSubscribers(atMs, closed.signalId, ctx, render);
  }

  /**
   * The memory's events, and a message for each one its rule announces (a win-rate threshold
   * toggles often: stored and logged only); about the closed trade's symbol, as a reply to its signal.
   */
  private storeMemoryEvents(events: readonly MemoryEvent[], atMs: number, closed: ClosedTrade | null, ctx: Ctx | undefined): number {
    if (events.length === 0) return 0;
    this.deps.repos.memory.appendEvents(events);
    let messages = 0;
    for (const e of events) {
      if (announcesEvent(this.rules, e) && ctx) messages += this.enqueueAt(atMs, memoryKey(e), 'memory', renderMemoryEvent(e, ctx), threadOf(e, closed));
    }
    return messages;
  }

  /** `replyToKey`: the message it answers (a result its signal); `photo`: a chart card's spec, sent as a photo with `text` as caption. */
  private enqueueAt(createdAtMs: number, key: string, kind: string, text: string, replyToKey?: string, photo?: string): number {
    const outbox = this.deps.outbox!;
    return enqueueMessage(outbox.repo, {
      key, chatId: outbox.chatId, kind, text, parseMode: 'HTML', createdAtMs, replyToKey: replyToKey ?? null,
      ...(photo === undefined ? {} : { photo }),
    });
  }

  /**
   * A trade's result to each subscriber that received its signal (its row is in the outbox), as a
   * reply to the signal in that chat. Whether it did is read from the outbox, not from the filters
   * again: a filter or quiet hours that changed since the signal must not orphan or invent a result.
   */
  private enqueueResultToSubscribers(atMs: number, signalId: number, ctx: Ctx, render: (c: Ctx) => string): number {
    const outbox = this.deps.outbox!;
    let messages = 0;
    const texts = byLanguage((language) => render({ ...ctx, language }));
    for (const sub of outbox.subscribers ?? []) {
      const chats = [sub.chat, ...(outbox.formerChats?.(sub.chat) ?? [])];
      const signalRow = chats.map((chat) => subscriberKey(signalKey(signalId), { ...sub, chat })).find((row) => firstRowKeys(row).some((key) => outbox.repo.find(key) !== undefined));
      if (signalRow !== undefined) messages += this.enqueueToSubscriber(sub, atMs, `trade:${signalId}`, 'trade', texts(sub.language), signalRow);
    }
    return messages;
  }

  /**
   * One message to one subscriber: its own key (the admin's key `@chat`), its chat and topic; a reply
   * points at its own copy. Written in the chat's quiet hours (by the event time that caused it, as
   * the signals' skip is), it goes without sound, also when sent after a restart or a delay.
   */
  private enqueueToSubscriber(sub: Subscriber, createdAtMs: number, baseKey: string, kind: string, text: string, replyToKey?: string, photo?: string): number {
    const outbox = this.deps.outbox!;
    return enqueueMessage(outbox.repo, {
      key: subscriberKey(baseKey, sub), chatId: sub.chat, kind, text, parseMode: 'HTML', createdAtMs,
      replyToKey: replyToKey ?? null,
      ...(sub.thread === undefined ? {} : { threadId: sub.thread }),
      ...(photo === undefined ? {} : { photo }),
      ...(inQuietHours(sub, createdAtMs) ? { silent: true } : {}),
    });
  }

  private logHalt(step: HaltStep): void {
    const t = step.closedTrade;
    this.log.info({ symbol: step.halt.symbol, status: step.halt.status, lastEndMs: step.halt.lastCandle ? klineEndMs(step.halt.lastCandle) : null, tradeClosed: t !== null }, 'symbol halt committed');
    if (t) this.log.info({ symbol: t.symbol, model: t.model, side: t.side, outcome: t.outcome, r: round(t.rMultiple), equity: round(t.equityAfter), reason: t.exitReason?.code }, 'trade closed');
    for (const e of step.memoryEvents) {
      this.log.info({ kind: e.kind, rule: e.verdict.rule, scope: scopeKey(e.verdict.scope), type: e.verdict.type, detail: e.verdict.detail, atMs: e.atMs }, 'memory event');
    }
  }

  private logStep(step: CandleStep): void {
    const log = this.log;
    // Backtests log at warn: skip building the fields of lines nobody writes.
    if (!log.isLevelEnabled('info')) return;
    const t = step.closedTrade;
    if (t) log.info({ symbol: t.symbol, model: t.model, side: t.side, outcome: t.outcome, r: round(t.rMultiple), equity: round(t.equityAfter) }, 'trade closed');
    const ticks = step.recorded.length > 0 ? this.deps.outbox?.tickSizes?.() : undefined;
    for (const { id, signal: s } of step.recorded) {
      // Rounded as the messages show them (score 1 decimal, prices on the tick size): no float noise in a line a person reads.
      const tick = ticks?.[s.symbol];
      const fields = {
        id, symbol: s.symbol, interval: s.interval, model: s.model, side: s.side, score: logScore(s.score),
        entry: logPrice(s.entry, tick), sl: logPrice(s.stopLoss, tick), tp: logPrice(s.takeProfit, tick),
      };
      if (s.status === 'sent') log.info({ ...fields, qty: logPrice(s.quantity), riskPct: round(s.riskPct) }, 'signal sent');
      else log.info({ ...fields, reasons: s.reasons.map((r) => r.code) }, 'candidate blocked');
    }
    for (const e of step.memoryEvents) {
      log.info({ kind: e.kind, rule: e.verdict.rule, scope: scopeKey(e.verdict.scope), type: e.verdict.type, detail: e.verdict.detail, atMs: e.atMs }, 'memory event');
    }
  }
}

/** A text rendered at most once per language, when first asked for. */
function byLanguage(render: (language: Ctx['language']) => string): (language: Ctx['language']) => string {
  const cache = new Map<Ctx['language'], string>();
  return (language) => {
    let text = cache.get(language);
    if (text === undefined) cache.set(language, (text = render(language)));
    return text;
  };
}

function isEmptyStep(step: CandleStep): boolean {
  return step.closedTrade === null && step.recorded.length === 0 && step.opened.length === 0 && step.memoryEvents.length === 0;
}

/** The outbox key of a signal's message: what its trade's result and memory events reply to. */
export function signalKey(signalId: number): string {
  return `signal:${signalId}`;
}

/**
 * The signal a memory event answers: a rule on the symbol of the trade that just closed (its
 * cooldown, its threshold) belongs in that trade's thread. Global and model rules stand alone.
 */
function threadOf(e: MemoryEvent, closed: ClosedTrade | null): string | undefined {
  return closed !== null && e.verdict.scope.kind === 'symbol' && e.verdict.scope.symbol === closed.symbol ? signalKey(closed.signalId) : undefined;
}

function memoryKey(e: MemoryEvent): string {
  return `memory:${e.kind}:${e.verdict.rule}:${scopeKey(e.verdict.scope)}:${e.atMs}`;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

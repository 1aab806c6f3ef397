import type { Logger } from 'pino';
import type { TemplateContext } from './telegram/templates/common.js';
import type { MemoryEvent } from '../domain/memory.js';
import type { ModelProfile } from '../domain/signal.js';
import { klineEndMs } from '../domain/kline.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { scopeKey } from '../core/memory/verdictKeys.js';
import type { OutboxRepo } from './sqlite/outboxRepo.js';
import type { Repos } from './sqlite/repos.js';
import { enqueueMessage } from './telegram/enqueueMessage.js';
import { dailySummaryOf } from './sqlite/dailyStats.js';
import { renderDailySummary } from './telegram/templates/dailySummary.js';
import { renderMemoryEvent } from './telegram/templates/memoryMessage.js';
import { renderSignal } from './telegram/templates/signalMessage.js';
import { renderTradeResult } from './telegram/templates/tradeMessage.js';

const DAY_MS = 86_400_000;

/** Rules whose changes are logged and stored but not sent: they toggle often and change only thresholds. */
const QUIET_RULES: ReadonlySet<string> = new Set(['globalWinRate', 'symbolWinRate']);

export interface StepWriterDeps {
  readonly repos: Repos;
  readonly desk: SignalDesk;
  readonly profile: ModelProfile;
  /** Where messages go; null to keep none (backtests). */
  readonly outbox: { readonly repo: OutboxRepo; readonly chatId: string; readonly language: TemplateContext['language']; readonly tickSizes?: () => Readonly<Record<string, number>> } | null;
  readonly logger: Logger;
}

/**
 * Commits everything one candle caused in ONE transaction: the decided signals, the trade opened
 * and the one closed, the memory's events and locks, the Telegram messages they cause, and the
 * symbol's scan cursor. A crash before the commit loses the candle's effects entirely, and the
 * candle is processed again after the restart; a crash after it loses nothing.
 */
export class StepWriter {
  private readonly log: Logger;
  private readonly commit: (step: CandleStep) => number;

  constructor(private readonly deps: StepWriterDeps) {
    this.log = deps.logger.child({ component: 'signals' });
    this.commit = deps.repos.db.transaction((step: CandleStep) => this.store(step));
  }

  /** Commits the step; returns the number of Telegram messages it enqueued. */
  write(step: CandleStep): number {
    const messages = this.commit(step);
    this.logStep(step);
    return messages;
  }

  private store(step: CandleStep): number {
    const { desk, profile, outbox, repos } = this.deps;
    let messages = 0;
    const ctx = outbox ? { language: outbox.language, tickSizes: outbox.tickSizes?.() } : undefined;
    const enqueue = (key: string, kind: string, text: string) => {
      if (!outbox) return;
      messages += enqueueMessage(outbox.repo, { key, chatId: outbox.chatId, kind, text, parseMode: 'HTML', createdAtMs: klineEndMs(step.kline) });
    };
    if (step.closedTrade) {
      repos.trades.close(step.closedTrade);
      if (ctx) enqueue(`trade:${step.closedTrade.signalId}`, 'trade', renderTradeResult(step.closedTrade, { drawdownPct: desk.memoryState.drawdownPct }, ctx));
    }
    for (const { id, signal } of step.recorded) {
      const { created } = repos.signals.insert(signal, profile, id);
      if (created && signal.status === 'sent' && ctx) enqueue(`signal:${id}`, 'signal', renderSignal(signal, ctx));
    }
    for (const trade of step.opened) repos.trades.open(trade);
    if (step.memoryEvents.length > 0) {
      repos.memory.appendEvents(step.memoryEvents);
      for (const e of step.memoryEvents) if (!QUIET_RULES.has(e.verdict.rule) && ctx) enqueue(memoryKey(e), 'memory', renderMemoryEvent(e, ctx));
    }
    if (step.memoryEvents.length > 0 || step.closedTrade) repos.memory.saveSnapshot(desk.memory.snapshot());
    const endMs = klineEndMs(step.kline);
    // The first candle closing at 00:00 UTC (of any symbol) sends the day's summary; its key makes it once.
    if (ctx && endMs % DAY_MS === 0) {
      enqueue(`daily:${endMs - DAY_MS}`, 'daily', renderDailySummary(dailySummaryOf(repos.db, endMs - DAY_MS, desk.equityUsdt), ctx));
    }
    repos.cursors.set(step.kline.symbol, endMs);
    return messages;
  }

  private logStep(step: CandleStep): void {
    const log = this.log;
    const t = step.closedTrade;
    if (t) log.info({ symbol: t.symbol, model: t.model, side: t.side, outcome: t.outcome, r: round(t.rMultiple), equity: round(t.equityAfter) }, 'trade closed');
    for (const { id, signal: s } of step.recorded) {
      const fields = { id, symbol: s.symbol, interval: s.interval, model: s.model, side: s.side, score: round(s.score), entry: s.entry, sl: s.stopLoss, tp: s.takeProfit };
      if (s.status === 'sent') log.info({ ...fields, qty: s.quantity, riskPct: s.riskPct }, 'signal sent');
      else log.info({ ...fields, reasons: s.reasons.map((r) => r.code) }, 'candidate blocked');
    }
    for (const e of step.memoryEvents) {
      log.info({ kind: e.kind, rule: e.verdict.rule, scope: scopeKey(e.verdict.scope), type: e.verdict.type, reason: e.verdict.reason, atMs: e.atMs }, 'memory event');
    }
  }
}

function memoryKey(e: MemoryEvent): string {
  return `memory:${e.kind}:${e.verdict.rule}:${scopeKey(e.verdict.scope)}:${e.atMs}`;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

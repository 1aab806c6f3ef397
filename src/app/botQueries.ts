import type { Logger } from 'pino';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { utcDayOfSignal } from '../core/risk/dailyCount.js';
import { MANUAL_PAUSE_RULE } from '../core/memory/snapshot.js';
import type { Repos } from '../sinks/sqlite/repos.js';
import type { BotQueries } from '../sinks/telegram/commands.js';
import type { StatsSnapshot, StatusSnapshot } from '../sinks/telegram/templates/commandReplies.js';
import { dailyTallies, performanceOf, positionFigures, type MarkPrice } from '../core/outcome/positionFigures.js';
import type { OpenPosition } from '../sinks/telegram/templates/positionReplies.js';

const DAY_MS = 86_400_000;
/** The latest time a JavaScript Date can hold: a pause "until /resume". */
const FOREVER_MS = 8.64e15;

export interface BotQueriesDeps {
  readonly repos: Repos;
  readonly desk: SignalDesk;
  readonly startedAtMs: number;
  readonly symbolsWatched: () => number;
  readonly heldChats: () => readonly string[];
  readonly logger: Logger;
  /** ACCOUNT_BALANCE: where /daily's equity starts. */
  readonly startingEquity: number;
  /** The newest price the bot has for a symbol (see {@link markPriceOf}). */
  readonly markPrice: (symbol: string) => MarkPrice | undefined;
}

/**
 * Signals sent on the current UTC day of event time (the memory's latest step), as /status and the
 * heartbeat tell it: the day turns when the watermark passes 00:00 UTC, not by the wall clock.
 */
export function signalsToday(desk: Pick<SignalDesk, 'dailyCounts' | 'memoryState'>): number {
  return desk.dailyCounts.get(utcDayOfSignal(desk.memoryState.asOfMs + 1)) ?? 0;
}

/**
 * What the Telegram commands read and steer, answered from SQLite and the live desk. A pause is
 * the memory's manual lock in event time (the latest candle's end), persisted with the other locks.
 */
export function createBotQueries({ repos, desk, startedAtMs, symbolsWatched, heldChats, logger, startingEquity, markPrice }: BotQueriesDeps): BotQueries {
  const saveLocks = repos.db.transaction(() => repos.memory.saveSnapshot(desk.memory.snapshot()));
  const nowEventMs = () => desk.memoryState.asOfMs;
  return {
    status(): StatusSnapshot {
      const state = desk.memoryState;
      const pause = state.locks.find((l) => l.rule === MANUAL_PAUSE_RULE);
      return {
        startedAtMs, symbolsWatched: symbolsWatched(), openTrades: desk.openTrades.size, equity: desk.equityUsdt,
        drawdownPct: state.drawdownPct, signalsToday: signalsToday(desk), maxSignalsToday: state.maxSignalsPerDay,
        pausedUntilMs: pause ? (pause.untilMs >= FOREVER_MS ? null : pause.untilMs) : undefined,
        outboxDepth: repos.outbox.depth(), heldChats: heldChats(),
      };
    },
    recentSignals: (limit) => repos.signals.recent(limit),
    recentTrades: (limit) => repos.trades.recentClosed(limit),
    stats(days): StatsSnapshot {
      const sinceMs = nowEventMs() - days * DAY_MS;
      const trades = repos.trades.recentClosed(100_000).filter((t) => t.exitTimeMs > sinceMs);
      const signals = repos.signals.recent(100_000).filter((s) => s.endMs > sinceMs);
      return {
        days, trades: trades.length, wins: trades.filter((t) => t.rMultiple > 0).length,
        totalR: trades.reduce((sum, t) => sum + t.rMultiple, 0), equity: desk.equityUsdt,
        signalsSent: signals.filter((s) => s.status === 'sent').length, signalsBlocked: signals.filter((s) => s.status === 'blocked').length,
      };
    },
    openPositions: () => openPositions(desk, markPrice),
    performance(days) {
      const sinceMs = nowEventMs() - days * DAY_MS;
      return performanceOf(repos.trades.closedTrades().filter((t) => t.exitTimeMs > sinceMs));
    },
    daily: (days) => dailyTallies(repos.trades.closedTrades(), startingEquity, nowEventMs(), days),
    memory: () => desk.memoryState.verdicts,
    pause(untilMs) {
      desk.memory.setManualPause(untilMs ?? FOREVER_MS, nowEventMs());
      desk.refreshMemory(nowEventMs());
      saveLocks();
      logger.info({ untilMs: untilMs ?? null }, 'signals paused by command');
    },
    resume() {
      desk.memory.setManualPause(null, nowEventMs());
      desk.refreshMemory(nowEventMs());
      saveLocks();
      logger.info('signals resumed by command');
    },
  };
}

/** The desk's open trades, oldest first, each marked to the newest price of its symbol (none yet: no figures). */
export function openPositions(desk: SignalDesk, markPrice: (symbol: string) => MarkPrice | undefined): OpenPosition[] {
  const feeBps = desk.config.outcome.feeBps;
  return [...desk.openTrades.values()]
    .sort((a, b) => a.openedAtMs - b.openedAtMs || a.symbol.localeCompare(b.symbol))
    .map((trade) => {
      const mark = markPrice(trade.symbol);
      return mark === undefined ? { trade } : { trade, figures: positionFigures(trade, mark, feeBps) };
    });
}

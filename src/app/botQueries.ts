import type { Logger } from 'pino';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { utcDayOfSignal } from '../core/risk/dailyCount.js';
import { MANUAL_PAUSE_RULE } from '../core/memory/snapshot.js';
import type { Repos } from '../sinks/sqlite/repos.js';
import type { BotQueries } from '../sinks/telegram/commands.js';
import type { StatsSnapshot, StatusSnapshot } from '../sinks/telegram/templates/commandReplies.js';

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
}

/**
 * What the Telegram commands read and steer, answered from SQLite and the live desk. A pause is
 * the memory's manual lock in event time (the latest candle's end), persisted with the other locks.
 */
export function createBotQueries({ repos, desk, startedAtMs, symbolsWatched, heldChats, logger }: BotQueriesDeps): BotQueries {
  const saveLocks = repos.db.transaction(() => repos.memory.saveSnapshot(desk.memory.snapshot()));
  const nowEventMs = () => desk.memoryState.asOfMs;
  return {
    status(): StatusSnapshot {
      const state = desk.memoryState;
      const pause = state.locks.find((l) => l.rule === MANUAL_PAUSE_RULE);
      const today = utcDayOfSignal(nowEventMs() + 1);
      return {
        startedAtMs, symbolsWatched: symbolsWatched(), openTrades: desk.openTrades.size, equity: desk.equityUsdt,
        drawdownPct: state.drawdownPct, signalsToday: desk.dailyCounts.get(today) ?? 0, maxSignalsToday: state.maxSignalsPerDay,
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

import { ruleBook } from '../core/memory/ruleBook.js';
import type { ModelName, SignalStatus } from '../domain/signal.js';
import type { Outcome } from '../domain/trade.js';
import type { EquityPoint, HttpSources, MetricsCounters } from '../sinks/http/sources.js';
import { percentile } from '../core/percentile.js';
import type { App } from './startApp.js';
import { openPositions } from './botQueries.js';

/**
 * The HTTP server's view of the running bot: health from the shards' freshness and SQLite,
 * metrics from the ingest, REST, outbox and sender counters, the dashboard's data from the
 * repositories and the desk. Read on each request; nothing is cached.
 */
export function createHttpSources(app: App, nowMs: () => number): HttpSources {
  const { repos, market, desk, sender, rest } = app;
  const signalCounts = repos.db.prepare(`SELECT model, status, COUNT(*) AS count FROM signals GROUP BY model, status`);
  const tradeCounts = repos.db.prepare(`SELECT outcome, COUNT(*) AS count FROM trades WHERE status = 'closed' GROUP BY outcome`);
  const ping = repos.db.prepare('SELECT 1 AS one');
  return {
    startedAtMs: app.startedAtMs,
    staleAfterMs: app.config.STALE_AFTER_SECONDS * 1000,
    shards: () =>
      [...market.socketStats.shards].map(([id, s]) => ({
        id, streams: s.streams, lastFrameAgeMs: s.lastFrameMs === undefined ? null : nowMs() - s.lastFrameMs,
      })),
    dbOk: () => (ping.get() as { one: number }).one === 1,
    heldChats: () => sender.stats().heldChats,
    eventTime: () => {
      const { watermarkMs, lateSymbols, lateDeclarations, buffered, stepWaitsMs } = app.watermark;
      const waited = (p: number) => (stepWaitsMs.length === 0 ? null : percentile(stepWaitsMs, p));
      return { watermarkMs, lateSymbols, lateDeclarations, buffered, stepWaitP50Ms: waited(50), stepWaitP99Ms: waited(99) };
    },
    counters(): MetricsCounters {
      const c = market.counters;
      const r = rest.stats();
      const t = sender.stats();
      return {
        framesTotal: market.socketStats.frames, badFramesByKind: badFramesByKind(c.badFrames, market.socketStats.binaryFrames),
        reconnectsTotal: market.socketStats.reconnects, backfilledCandlesTotal: c.backfilledCandles, closedCandlesTotal: c.closedCandles,
        restWeightUsed1m: r.usedWeightHeader ?? r.weightUsed, restWeightSentTotal: r.weightSentTotal, rest429Total: r.http429, rest418Total: r.http418,
        signals: signalCounts.all() as { model: ModelName; status: SignalStatus; count: number }[],
        tradesByOutcome: Object.fromEntries((tradeCounts.all() as { outcome: Outcome; count: number }[]).map((row) => [row.outcome, row.count])),
        outboxPending: repos.outbox.depth(), outboxOldestPendingAgeS: (repos.outbox.oldestPendingAgeMs(nowMs()) ?? 0) / 1000,
        telegramErrorsByCode: t.errorsByCode,
      };
    },
    status: () => ({
      universe: [...app.universe()].sort(), profile: app.config.MODEL_PROFILE,
      stoppedTrading: [...market.halted()].map(([symbol, status]) => ({ symbol, status })),
    }),
    openTrades: () => openPositions(desk, app.markPrice).map(({ trade, figures }) => (figures === undefined ? trade : { ...trade, figures })),
    recentSignals: (limit) => repos.signals.recent(limit),
    recentTrades: (limit) => repos.trades.recentClosed(limit),
    memory: () => ({ active: desk.memoryState.verdicts, events: repos.memory.recent(50), rulesOn: app.config.MEMORY_ENABLED ? desk.memory.rules.length : 0 }),
    rules: ruleBook(desk.memory.rules),
    equity: () => equityCurve(app.config.ACCOUNT_BALANCE, repos.trades.closedTrades()),
  };
}

/**
 * Bad frames by kind: parseKline's kinds plus `binary`, which the socket layer drops before
 * parseKline ever sees the frame (so it would otherwise be counted nowhere in /metrics).
 */
function badFramesByKind(parsed: ReadonlyMap<string, number>, binaryFrames: number): Record<string, number> {
  const byKind = Object.fromEntries(parsed);
  if (binaryFrames > 0) byKind.binary = (byKind.binary ?? 0) + binaryFrames;
  return byKind;
}

/**
 * Paper equity after each closed trade (exit order), preceded by the starting balance at the moment
 * the first of them opened: the curve starts at ACCOUNT_BALANCE, not at the first result. No trade, no curve.
 */
export function equityCurve(start: number, trades: readonly { openedAtMs: number; exitTimeMs: number; pnl: number }[]): EquityPoint[] {
  if (trades.length === 0) return [];
  let equity = start;
  let peak = start;
  const firstOpenMs = Math.min(...trades.map((t) => t.openedAtMs));
  return [
    { tMs: firstOpenMs, equity: start, drawdownPct: 0 },
    ...trades.map((t) => {
      equity += t.pnl;
      peak = Math.max(peak, equity);
      return { tMs: t.exitTimeMs, equity, drawdownPct: peak > 0 ? ((peak - equity) / peak) * 100 : 0 };
    }),
  ];
}

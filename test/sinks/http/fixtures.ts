import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { Interval } from '../../../src/domain/kline.js';
import type { ClosedTrade, OpenTrade } from '../../../src/domain/trade.js';
import { createHttpServer } from '../../../src/sinks/http/server.js';
import type { SignalRow } from '../../../src/sinks/sqlite/signalRepo.js';
import type { EventTimeView, EquityPoint, HttpSources, MetricsCounters, OpenTradeView, SignalView } from '../../../src/sinks/http/sources.js';
import { positionFigures } from '../../../src/core/outcome/positionFigures.js';

const KLINES = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));
export const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;

/** Closed candles of the example data: enough of a kline for the HTTP fixtures. */
export interface Candle { readonly openTimeMs: number; readonly close: number; readonly high: number; readonly low: number; readonly endMs: number }

const cache = new Map<string, Candle[]>();

export function readCandles(symbol: string, interval: Interval): Candle[] {
  const key = `${symbol}-${interval}`;
  if (!cache.has(key)) cache.set(key, parseCandles(key));
  return cache.get(key)!;
}

function parseCandles(key: string): Candle[] {
  const lines = readFileSync(`${KLINES}${key}.csv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const c = line.split(',');
    return { openTimeMs: Number(c[0]), high: Number(c[2]), low: Number(c[3]), close: Number(c[4]), endMs: Number(c[6]) + 1 };
  });
}

/** A paper equity curve that follows BTC's daily closes, with its drawdown from the running peak. */
export function equityFromCloses(candles: readonly Candle[], balance = 1000): EquityPoint[] {
  const first = candles[0]!.close;
  let peak = -Infinity;
  return candles.map((k) => {
    const equity = (balance * k.close) / first;
    peak = Math.max(peak, equity);
    return { tMs: k.endMs, equity, drawdownPct: ((peak - equity) / peak) * 100 };
  });
}

function signalFrom(symbol: string, k: Candle, id: number, blocked: boolean): SignalView {
  return {
    id, symbol, interval: '30m', endMs: k.endMs, model: id % 2 === 0 ? 'continuation' : 'reversal', side: id % 3 === 0 ? 'SHORT' : 'LONG',
    status: blocked ? 'blocked' : 'sent', score: 70 + (id % 25), threshold: 75, entry: k.close, stopLoss: k.low, takeProfit: k.high,
    quantity: blocked ? 0 : 0.01 * id, riskPct: blocked ? 0 : 1,
    reasons: blocked ? [{ code: 'symbol_cooldown', detail: { symbol, untilMs: 0, why: { kind: 'lossStreak', losses: 2 } }, rule: 'symbolLossStreak' }] : [],
  };
}

function openTradeFrom(symbol: string, k: Candle, i: number): OpenTrade {
  return {
    signalId: i, symbol, interval: '30m', model: 'continuation', side: 'LONG', entry: k.close, stopLoss: k.low, takeProfit: k.high,
    quantity: 0.01, openedAtMs: k.endMs, expiresAtMs: k.endMs + 48 * 1_800_000,
  };
}

function markedTrade(t: OpenTrade): OpenTradeView {
  return { ...t, figures: positionFigures(t, { price: t.entry * 1.01, asOfMs: t.openedAtMs + 3_600_000 }, 5) };
}

function tradeFrom(symbol: string, k: Candle, next: Candle, i: number): ClosedTrade {
  const open = openTradeFrom(symbol, k, i);
  const win = next.close > k.close;
  return { ...open, exitTimeMs: next.endMs, exitPrice: next.close, outcome: win ? 'WIN' : 'LOSS', rMultiple: win ? 1.5 : -1, pnl: win ? 15 : -10, equityAfter: 1000 + i };
}

/** Mutable sources over the example candles; tests change fields to make the bot look sick. */
export interface FakeSources extends HttpSources {
  startedAtMs: number;
  staleAfterMs: number;
  shardList: Array<{ id: string; streams: number; lastFrameAgeMs: number | null; ageMs?: number }>;
  db: boolean | 'throws';
  held: string[];
  late: EventTimeView;
  counterValues: MetricsCounters;
  universe: string[];
  signals: SignalView[];
  trades: ClosedTrade[];
  open: OpenTradeView[];
  equityPoints: EquityPoint[];
  limits: number[];
}

export function fakeSources(nowMs: number): FakeSources {
  const candles = SYMBOLS.map((s) => [s, readCandles(s, '30m').slice(-12)] as const);
  const signals = candles.flatMap(([s, ks], si) => ks.slice(0, 4).map((k, i) => signalFrom(s, k, si * 10 + i + 1, i % 2 === 1)));
  const trades = candles.flatMap(([s, ks], si) => ks.slice(4, 8).map((k, i) => tradeFrom(s, k, ks[i + 5]!, si * 10 + i + 1)));
  const lastBtc = candles[0]![1].at(-1)!;
  const sources: FakeSources = {
    startedAtMs: nowMs - 3_600_000,
    staleAfterMs: 60_000,
    shardList: [{ id: 's0', streams: 6, lastFrameAgeMs: 1_200 }, { id: 's1', streams: 3, lastFrameAgeMs: 59_999 }],
    db: true,
    held: [],
    late: { watermarkMs: nowMs - 600_000, lateSymbols: [], lateDeclarations: 0, buffered: 0, stepWaitP50Ms: 120, stepWaitP99Ms: 480 },
    counterValues: {
      framesTotal: 123_456, badFramesByKind: { json: 3, shape: 2 }, reconnectsTotal: 4, backfilledCandlesTotal: 77, closedCandlesTotal: 9_876,
      restWeightUsed1m: 41, restWeightSentTotal: 1_234, rest429Total: 2, rest418Total: 1,
      signals: [{ model: 'continuation', status: 'sent', count: 5 }, { model: 'reversal', status: 'blocked', count: 8 }],
      tradesByOutcome: { WIN: 3, LOSS: 4, EXPIRED: 1 }, outboxPending: 6, outboxOldestPendingAgeS: 12.5, telegramErrorsByCode: { '429': 2, '403': 1 },
    },
    universe: [...SYMBOLS],
    signals,
    trades,
    // Marked 1 % above its entry an hour after it opened, as the bot marks it to the last 30m close.
    open: [markedTrade(openTradeFrom('BTCUSDT', lastBtc, 99))],
    equityPoints: equityFromCloses(readCandles('BTCUSDT', '1d')),
    limits: [],
    shards: () => sources.shardList,
    dbOk: () => {
      if (sources.db === 'throws') throw new Error('SQLITE_BUSY');
      return sources.db;
    },
    heldChats: () => sources.held,
    eventTime: () => sources.late,
    counters: () => sources.counterValues,
    status: () => ({ universe: sources.universe, profile: 'seed', stoppedTrading: [] }),
    openTrades: () => sources.open,
    recentSignals: (limit) => (sources.limits.push(limit), sources.signals.slice(0, limit)),
    recentTrades: (limit) => (sources.limits.push(limit), sources.trades.slice(0, limit)),
    memory: () => ({
      active: [
        { type: 'lock', rule: 'symbolLossStreak', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, startMs: lastBtc.endMs, untilMs: lastBtc.endMs + 86_400_000, detail: { kind: 'lossStreak', losses: 2 } },
        { type: 'threshold', rule: 'globalWinRate', scope: { kind: 'global' }, add: 5, detail: { kind: 'winRateBelow', wins: 9, trades: 20, linePct: 55 } },
        { type: 'riskCap', rule: 'drawdownRiskCap', scope: { kind: 'model', model: 'reversal' }, maxRiskPct: 0.5, detail: { kind: 'drawdown', drawdownPct: 8.34567, linePct: 8 } },
      ],
      events: [{ kind: 'start', atMs: lastBtc.endMs, verdict: { type: 'dailyCap', rule: 'drawdownDailyCap', scope: { kind: 'global' }, maxSignals: 2, detail: { kind: 'drawdown', drawdownPct: 5.5, linePct: 5 } } }],
    }),
    equity: () => sources.equityPoints,
  };
  return sources;
}

/** Compile-time check: a `signals` repository row is a SignalView, so the lead can pass rows as is. */
export const signalRowIsView = (row: SignalRow): SignalView => row;

/** A logger that writes nothing: the HTTP tests assert on responses, not on log lines. */
export const silentLogger = pino({ level: 'silent' });

/** A server on an ephemeral port over fake sources, with a clock the test moves. */
export async function startServer(options: { language?: 'vi' | 'en' } = {}) {
  const clock = { nowMs: Date.UTC(2026, 3, 29, 12, 0) };
  const sources = fakeSources(clock.nowMs);
  const handle = await createHttpServer({
    host: '127.0.0.1', port: 9464, listenPort: 0, sources, logger: silentLogger, nowMs: () => clock.nowMs, ...options,
  });
  if (handle.url === null) throw new Error('server did not listen');
  return { url: handle.url, sources, clock, close: () => handle.close() };
}

import type { DailyReading } from '../../../src/domain/memory.js';
import type { ModelName } from '../../../src/domain/signal.js';
import type { ClosedTrade } from '../../../src/domain/trade.js';
import type { MemoryRule } from '../../../src/core/memory/rule.js';
import { createMemoryRule, SEED_RULES } from '../../../src/core/memory/rules/index.js';

export const HOUR_MS = 3_600_000;
/** 2025-01-01T00:00Z, the start of the example candles. */
export const T0 = Date.UTC(2025, 0, 1);

export interface TradeSpec {
  readonly id: number;
  readonly exitTimeMs: number;
  readonly win: boolean;
  readonly symbol?: string;
  readonly model?: ModelName;
  /** USDT result; defaults to +15 for a win, −10 for a loss. */
  readonly pnl?: number;
}

/** A closed paper trade with only what memory reads set meaningfully. */
export function closedTrade(spec: TradeSpec): ClosedTrade {
  const pnl = spec.pnl ?? (spec.win ? 15 : -10);
  return {
    signalId: spec.id,
    symbol: spec.symbol ?? 'BTCUSDT',
    interval: '30m',
    model: spec.model ?? 'continuation',
    side: 'LONG',
    entry: 100,
    stopLoss: 99,
    takeProfit: 101.5,
    quantity: 1,
    openedAtMs: spec.exitTimeMs - HOUR_MS,
    expiresAtMs: spec.exitTimeMs + HOUR_MS,
    exitTimeMs: spec.exitTimeMs,
    exitPrice: spec.win ? 101.5 : 99,
    outcome: spec.win ? 'WIN' : 'LOSS',
    rMultiple: spec.win ? 1.5 : -1,
    pnl,
    equityAfter: Number.NaN,
  };
}

export interface SequenceOptions {
  readonly startMs?: number;
  readonly stepMs?: number;
  readonly firstId?: number;
  readonly symbol?: string;
  readonly model?: ModelName;
}

/** Trades from a pattern like `'WLLW'` (W = win, L = loss), one every `stepMs` (default 1 h). */
export function sequence(pattern: string, options: SequenceOptions = {}): ClosedTrade[] {
  const { startMs = T0, stepMs = HOUR_MS, firstId = 1, symbol, model } = options;
  return [...pattern].map((letter, index) =>
    closedTrade({
      id: firstId + index,
      exitTimeMs: startMs + index * stepMs,
      win: letter === 'W',
      ...(symbol === undefined ? {} : { symbol }),
      ...(model === undefined ? {} : { model }),
    }),
  );
}

/**
 * Adds trades one at a time, evaluating at each exit: the index of each trade after which the
 * verdict changed between null and non-null (the flip points).
 */
export function flipPoints(
  evaluate: (history: readonly ClosedTrade[], nowMs: number) => unknown,
  trades: readonly ClosedTrade[],
): number[] {
  const flips: number[] = [];
  let holding = false;
  trades.forEach((trade, index) => {
    const now = evaluate(trades.slice(0, index + 1), trade.exitTimeMs) !== null;
    if (now !== holding) flips.push(index);
    holding = now;
  });
  return flips;
}

/** A seed rule (MODELS.md rules 1–8) by its id, some parameters changed: an instance of its kind. */
export function seedRule(id: string, params: Record<string, unknown> = {}): MemoryRule {
  const spec = SEED_RULES.find((s) => s.id === id);
  if (spec === undefined) throw new Error(`no seed rule ${id}`);
  return createMemoryRule({ ...spec, params: { ...spec.params, ...params } });
}

export const DAY_MS = 24 * HOUR_MS;

/**
 * 1D readings of one symbol whose trend strengths (|close − SMA50| / ATR14) are `strengths`, one
 * a day ending from `startMs` (default T0 + 1 day); SMA50 100 and ATR14 4, the close above or
 * below the average in turn.
 */
export function dailyReadings(strengths: readonly number[], symbol = 'ETHUSDT', startMs = T0 + DAY_MS): DailyReading[] {
  return strengths.map((strength, index) => ({
    symbol,
    endMs: startMs + index * DAY_MS,
    close: 100 + (index % 2 === 0 ? 1 : -1) * strength * 4,
    smaSlow: 100,
    atr: 4,
  }));
}

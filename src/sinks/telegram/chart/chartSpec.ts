import { isInterval, type Interval } from '../../../domain/kline.js';
import type { ModelName, Side, Signal } from '../../../domain/signal.js';
import type { Language } from '../templates/strings.js';

/** Which of the model's indicators the card draws: continuation reads SMA20/50, reversal the Bollinger bands. */
export type ChartIndicators = 'sma' | 'bollinger';

/** The levels and score of the signal a card shows. */
export interface ChartSignal {
  readonly model: ModelName;
  readonly side: Side;
  readonly score: number;
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
}

/**
 * What an outbox row needs to draw its card again at send time: the series and its newest candle,
 * never the candles themselves (they are in the candle store, closed and unchanging). The same spec
 * over the same stored candles gives the same PNG, so a resend after a crash or an outage shows
 * exactly what the first attempt would have.
 */
export interface ChartSpec {
  readonly symbol: string;
  readonly interval: Interval;
  /** Open time of the newest candle drawn (the signal's candle). */
  readonly lastOpenTimeMs: number;
  /** The instant the card states (a signal's candle close, event time). */
  readonly atMs: number;
  readonly indicators: ChartIndicators;
  readonly signal?: ChartSignal;
  /** Price decimals (from the symbol's tick size); significant digits when absent. */
  readonly priceDecimals?: number;
  /** Language of the card's words (side, score, model) as the chat reads them; rows stored before it draw in Vietnamese, the default. */
  readonly language?: Language;
}

export function indicatorsOf(model: ModelName): ChartIndicators {
  return model === 'reversal' ? 'bollinger' : 'sma';
}

/** The card of a sent signal: its candle is the newest drawn. */
export function chartSpecOfSignal(signal: Signal, priceDecimals?: number, language?: Language): ChartSpec {
  const { symbol, interval, openTimeMs, endMs, model, side, score, entry, stopLoss, takeProfit } = signal;
  return {
    symbol, interval, lastOpenTimeMs: openTimeMs, atMs: endMs, indicators: indicatorsOf(model),
    signal: { model, side, score, entry, stopLoss, takeProfit },
    ...(priceDecimals === undefined ? {} : { priceDecimals }),
    ...(language === undefined ? {} : { language }),
  };
}

/** The outbox's `photo` column. */
export function encodeChartSpec(spec: ChartSpec): string {
  return JSON.stringify(spec);
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads a stored spec back; undefined when it is not one (a row from a newer version, a damaged one). */
export function parseChartSpec(text: string): ChartSpec | undefined {
  let v: Partial<Record<keyof ChartSpec, unknown>>;
  try {
    v = JSON.parse(text) as typeof v;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  if (typeof v.symbol !== 'string' || !isInterval(v.interval) || !finite(v.lastOpenTimeMs) || !finite(v.atMs)) return undefined;
  if (v.indicators !== 'sma' && v.indicators !== 'bollinger') return undefined;
  if (v.priceDecimals !== undefined && !(finite(v.priceDecimals) && v.priceDecimals >= 0 && v.priceDecimals <= 12)) return undefined;
  if (v.language !== undefined && v.language !== 'vi' && v.language !== 'en') return undefined;
  const s = v.signal as Partial<Record<keyof ChartSignal, unknown>> | undefined;
  if (s !== undefined) {
    if (typeof s !== 'object' || s === null) return undefined;
    if ((s.model !== 'continuation' && s.model !== 'reversal') || (s.side !== 'LONG' && s.side !== 'SHORT')) return undefined;
    if (![s.score, s.entry, s.stopLoss, s.takeProfit].every(finite)) return undefined;
  }
  return v as ChartSpec;
}

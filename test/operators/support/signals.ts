import type { Candidate, Signal } from '../../../src/domain/signal.js';
import { HALF_HOUR_MS, T0 } from './candles.js';

/** A LONG continuation candidate on BTCUSDT's 30m candle ending at T0: entry 100, SL 95, TP 110, score 80. */
export function candidate(over: Partial<Candidate> = {}): Candidate {
  const endMs = over.endMs ?? T0;
  return {
    symbol: 'BTCUSDT', interval: '30m', openTimeMs: endMs - HALF_HOUR_MS, endMs, model: 'continuation', side: 'LONG',
    score: 80, breakdown: { daily: 80 }, entry: 100, stopLoss: 95, takeProfit: 110, ...over,
  };
}

/** The candidate as the memory gate lets it through: provisionally sent, unsized. */
export function provisional(over: Partial<Signal> = {}): Signal {
  return { ...candidate(over), status: 'sent', quantity: 0, riskPct: 1, effectiveThreshold: 75, effectiveDailyMax: 5, reasons: [], ...over };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelName } from '../../../src/domain/signal.js';
import type { ClosedTrade } from '../../../src/domain/trade.js';
import { compareTrades } from '../../../src/core/memory/tradeOrder.js';

const KLINES_DIR = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));

interface Candle {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly endMs: number;
}

function readCandles(symbol: string): Candle[] {
  const lines = readFileSync(`${KLINES_DIR}${symbol}-30m.csv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [, open, high, low, close, , closeTime] = line.split(',').map(Number);
    return { open: open!, high: high!, low: low!, close: close!, endMs: closeTime! + 1 };
  });
}

interface Draft extends Omit<ClosedTrade, 'signalId' | 'equityAfter'> {}

function resolve(symbol: string, candles: readonly Candle[], at: number, model: ModelName): Draft | undefined {
  const signal = candles[at]!;
  const long = signal.close > signal.open;
  const entry = signal.close;
  const stopLoss = long ? entry * 0.99 : entry * 1.01;
  const takeProfit = long ? entry * 1.012 : entry * 0.988;
  const risk = Math.abs(entry - stopLoss);
  for (let j = at + 1; j < candles.length && j <= at + 48; j += 1) {
    const c = candles[j]!;
    const hitSl = long ? c.low <= stopLoss : c.high >= stopLoss;
    const hitTp = long ? c.high >= takeProfit : c.low <= takeProfit;
    const expired = j === at + 48;
    if (!hitSl && !hitTp && !expired) continue;
    const exitPrice = hitSl ? stopLoss : hitTp ? takeProfit : c.close;
    const fees = (entry + exitPrice) * 0.0001;
    const rMultiple = ((long ? exitPrice - entry : entry - exitPrice) - fees) / risk;
    return {
      symbol, interval: '30m', model, side: long ? 'LONG' : 'SHORT', entry, stopLoss, takeProfit,
      quantity: 10 / risk, openedAtMs: signal.endMs, expiresAtMs: signal.endMs + 48 * 1_800_000,
      exitTimeMs: c.endMs, exitPrice, outcome: hitSl ? 'LOSS' : hitTp ? 'WIN' : 'EXPIRED',
      rMultiple, pnl: 0,
    };
  }
  return undefined;
}

/**
 * A realistic stream of closed paper trades from the example 30m candles: one trade at a time per
 * symbol, opened every 6th candle while flat, 1 % stop, 1.2 % target, 1 % of equity risked, 48-candle expiry, 1 bp fees per side in R.
 * Signal ids follow opening order, so same-time exits of different symbols arrive out of id order.
 */
export function realTrades(symbols: readonly string[] = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']): ClosedTrade[] {
  const drafts: Draft[] = [];
  for (const symbol of symbols) {
    const candles = readCandles(symbol);
    let flatFromMs = 0;
    for (let i = 0; i < candles.length; i += 6) {
      if (candles[i]!.endMs < flatFromMs) continue;
      const draft = resolve(symbol, candles, i, i % 12 === 0 ? 'reversal' : 'continuation');
      if (draft === undefined) break;
      drafts.push(draft);
      flatFromMs = draft.exitTimeMs;
    }
  }
  drafts.sort((a, b) => a.openedAtMs - b.openedAtMs || a.symbol.localeCompare(b.symbol));
  const numbered = drafts.map((d, index) => ({ ...d, signalId: index + 1, equityAfter: 0 }));
  let equity = 1000;
  return numbered.sort(compareTrades).map((trade) => {
    const pnl = trade.rMultiple * equity * 0.01;
    equity += pnl;
    return { ...trade, pnl, equityAfter: equity };
  });
}

/** The same trades as a live tracker might close them: by exit, then symbol name reversed (not memory order). */
export function arrivalOrder(trades: readonly ClosedTrade[]): ClosedTrade[] {
  return [...trades].sort((a, b) => a.exitTimeMs - b.exitTimeMs || b.symbol.localeCompare(a.symbol));
}

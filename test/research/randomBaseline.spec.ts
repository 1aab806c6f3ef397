import { describe, expect, it } from 'vitest';
import type { Kline } from '../../src/domain/kline.js';
import { buildMarketIndex, type MarketIndex } from '../../src/research/marketIndex.js';
import { randomBaselines, twinOf, type ModelTradeFacts } from '../../src/research/randomBaseline.js';
import { resolveRandomEntry } from '../../src/research/randomEntry.js';

const HALF_HOUR = 1_800_000;
const T0 = Date.UTC(2025, 0, 1);
const OUTCOME = { feeBps: 5, expiryCandles: 48 };
/** The one candle a random entry can use: 20 flat candles warm the ATR to exactly 2 before it, and the symbol is warm on it. */
const ENTRY = 20;

type Prices = Pick<Kline, 'high' | 'low' | 'close'>;
const FLAT: Prices = { high: 101, low: 99, close: 100 };

function candle(i: number, p: Prices): Kline {
  const openTimeMs = T0 + i * HALF_HOUR;
  return { symbol: 'TESTUSDT', interval: '30m', openTimeMs, closeTimeMs: openTimeMs + HALF_HOUR - 1, open: 100, ...p, volume: 1, quoteVolume: 100, trades: 1, closed: true };
}

/**
 * Flat candles (true range 2, so ATR14 = 2) up to the entry and 48 after it, so the data ends
 * exactly at the entry's expiry: `after` overrides candles after the entry by offset (1 = the next).
 */
function market(after: Readonly<Record<number, Prices>>, warmUpCandles = ENTRY + 1): MarketIndex {
  const candles = Array.from({ length: ENTRY + 49 }, (_, i) => candle(i, after[i - ENTRY] ?? FLAT));
  return buildMarketIndex({
    series: new Map([['TESTUSDT', { '30m': candles, '4h': [], '1d': [] }]]),
    // Candles ending at or before the one before the entry only warm up.
    fromMs: candles[ENTRY - 1]!.closeTimeMs + 1, toMs: Number.MAX_SAFE_INTEGER, atrPeriod: 14, atrFirstTrueRange: 'highLow',
    warmUpCandles,
  });
}

/** A model trade on candle 15 (ATR 2): LONG at 100, stop 97 (1.5 ATR), target 104 (2 ATR). */
const MODEL_TRADE: ModelTradeFacts = {
  symbol: 'TESTUSDT', interval: '30m', model: 'continuation', side: 'LONG', entry: 100, stopLoss: 97, takeProfit: 104,
  signalTimeMs: T0 + 16 * HALF_HOUR, rMultiple: 2,
};

function resolveTwin(m: MarketIndex) {
  const twin = twinOf(MODEL_TRADE, m, OUTCOME.expiryCandles);
  if (twin === null) throw new Error('no twin');
  return { twin, exit: resolveRandomEntry(twin.rule, twin.series.candles[ENTRY]!, twin.series.atr[ENTRY]!, twin.m30, OUTCOME) };
}

describe('random-entry trades resolve with the models\' outcome code', () => {
  it('takes the model trade\'s rule in ATR multiples and can only enter on the one candle with room for its expiry', () => {
    const { twin } = resolveTwin(market({}));
    expect(twin.rule.stopAtr, '3 / ATR 2').toBeCloseTo(1.5, 12);
    expect(twin.rule.targetAtr, '4 / ATR 2').toBeCloseTo(2, 12);
    expect([twin.lo, twin.hi], 'after the warm-up, 48 candles before the data ends').toEqual([ENTRY, ENTRY]);
  });

  it('never enters before the symbol is warm: one more warm-up candle leaves no room for a twin', () => {
    expect(twinOf(MODEL_TRADE, market({}, ENTRY + 2), OUTCOME.expiryCandles), 'the only candle with room for the expiry is still warming up').toBeNull();
  });

  it('wins at the target: (104 − 100 − 5 bps × (100 + 104)) / 3', () => {
    const { exit } = resolveTwin(market({ 3: { high: 104.5, low: 99.5, close: 104 } }));
    expect(exit?.outcome, 'target touched on the third candle').toBe('WIN');
    expect(exit?.exitPrice, 'fills exactly at the target').toBe(104);
    expect(exit?.exitTimeMs, 'at that candle\'s end').toBe(T0 + (ENTRY + 4) * HALF_HOUR);
    expect(exit?.rMultiple, 'net of fees').toBeCloseTo((4 - 0.102) / 3, 12);
  });

  it('loses when the stop and the target are touched in one candle: (97 − 100 − 5 bps × 197) / 3', () => {
    const { exit } = resolveTwin(market({ 2: { high: 104.5, low: 96.9, close: 100 } }));
    expect(exit?.outcome, 'stop first').toBe('LOSS');
    expect(exit?.rMultiple, 'net of fees').toBeCloseTo((-3 - 0.0985) / 3, 12);
  });

  it('expires at the close of the 48th candle when nothing is touched: (101 − 100 − 5 bps × 201) / 3', () => {
    const { exit } = resolveTwin(market({ 48: { high: 101.5, low: 100, close: 101 } }));
    expect(exit?.outcome, 'expiry').toBe('EXPIRED');
    expect(exit?.exitTimeMs, '48 × 30 min after the entry candle\'s end').toBe(T0 + (ENTRY + 49) * HALF_HOUR);
    expect(exit?.rMultiple, 'at the close, net of fees').toBeCloseTo((1 - 0.1005) / 3, 12);
  });

  it('a baseline whose only possible entry wins gives that R in every run, and the model\'s 2 R beats all of them', () => {
    const [result] = randomBaselines([MODEL_TRADE], market({ 3: { high: 104.5, low: 99.5, close: 104 } }), OUTCOME, 50, 1);
    const r = (4 - 0.102) / 3;
    expect(result?.runs, 'every repetition placed its twin').toBe(50);
    expect(result?.randomTrades, 'one twin per model trade').toBe(1);
    for (const v of Object.values(result!.randomExpectancyR)) expect(v, 'zero-width band at the one outcome').toBeCloseTo(r, 12);
    expect(result?.standing, 'beats every run, p = 0').toEqual({ beatsPct: 100, pValue: 0 });
  });
});

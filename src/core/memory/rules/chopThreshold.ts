import { closedObject, integer, numberAbove } from '../../validate/index.js';
import { defineKind } from '../rule.js';
import { trendStrengthTracker } from '../trackers/trendStrength.js';

/**
 * Chop threshold, a market-regime rule: while a symbol's newest closed 1D candle closes within
 * `belowTrendAtr` ATR14(1D) of its SMA50(1D) (a weak daily trend: the market chops), that symbol's
 * candidates need `thresholdAdd` more score points. It reads the symbol's own 1D candles that
 * ended by the candle being decided, never its trades. Per symbol only; quiet on Telegram like the
 * other threshold rules (stored, logged, shown in /memory and the reports).
 */
export const kind = defineKind(
  'chopThreshold',
  ['symbol'],
  closedObject({ belowTrendAtr: numberAbove(0, 20), thresholdAdd: integer(1, 45) }),
  {
    facts: (c) => ({
      title: 'weakTrendSymbol', announce: false,
      terms: { effect: 'chopThreshold', belowTrendAtr: c.belowTrendAtr, thresholdAdd: c.thresholdAdd },
    }),
    summary: () => "score threshold raised while the symbol's 1D close sits near its SMA50 (chop)",
    tracker: (id, _scope, c) => () => trendStrengthTracker({ rule: id, belowTrendAtr: c.belowTrendAtr, thresholdAdd: c.thresholdAdd }),
    reads: 'daily',
  },
);

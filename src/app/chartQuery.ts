import { INTERVAL_MS, type Interval } from '../domain/kline.js';
import type { ModelName, Side } from '../domain/signal.js';
import type { Repos } from '../sinks/sqlite/repos.js';
import { CARD_CANDLES } from '../sinks/telegram/chart/chartCard.js';
import { indicatorsOf, type ChartSpec } from '../sinks/telegram/chart/chartSpec.js';
import { decimalsOfStep } from '../sinks/telegram/templates/format.js';

/** The interval /chart draws when none is given and the symbol never had a signal. */
export const DEFAULT_CHART_INTERVAL: Interval = '4h';

interface LastSignalRow {
  interval: Interval; open_time: number; model: ModelName; side: Side; score: number; entry: number; stop_loss: number; take_profit: number;
}

/**
 * Answers `/chart SYMBOL [interval]`: the card of the newest stored candles of the series. When
 * the symbol's latest sent signal on that interval is among the candles drawn, the card shows its
 * levels and its model's indicators; otherwise SMA20/50. Without an interval, the latest signal's
 * (else 4h). `BTC` means `BTCUSDT` when only that is stored. Undefined: no candle stored.
 */
export function chartQuery(repos: Repos, tickSizes: () => Readonly<Record<string, number>> = () => ({})) {
  const lastSent = repos.db.prepare(
    `SELECT interval, open_time, model, side, score, entry, stop_loss, take_profit FROM signals
     WHERE status = 'sent' AND symbol = ? AND (? IS NULL OR interval = ?) ORDER BY end_time DESC, id DESC LIMIT 1`,
  );
  return (symbolArg: string, intervalArg?: Interval): ChartSpec | undefined => {
    const upper = symbolArg.toUpperCase();
    for (const symbol of upper.endsWith('USDT') || upper.endsWith('USDC') ? [upper] : [upper, `${upper}USDT`]) {
      const anySignal = lastSent.get(symbol, intervalArg ?? null, intervalArg ?? null) as LastSignalRow | undefined;
      const interval = intervalArg ?? anySignal?.interval ?? DEFAULT_CHART_INTERVAL;
      const lastOpenTimeMs = repos.candles.lastOpenTimeMs(symbol, interval);
      if (lastOpenTimeMs === undefined) continue;
      const step = INTERVAL_MS[interval];
      const sig = anySignal?.interval === interval && anySignal.open_time > lastOpenTimeMs - CARD_CANDLES * step ? anySignal : undefined;
      const tick = tickSizes()[symbol];
      return {
        symbol, interval, lastOpenTimeMs, atMs: lastOpenTimeMs + step, indicators: sig ? indicatorsOf(sig.model) : 'sma',
        ...(sig ? { signal: { model: sig.model, side: sig.side, score: sig.score, entry: sig.entry, stopLoss: sig.stop_loss, takeProfit: sig.take_profit } } : {}),
        ...(tick === undefined ? {} : { priceDecimals: decimalsOfStep(tick) }),
      };
    }
    return undefined;
  };
}

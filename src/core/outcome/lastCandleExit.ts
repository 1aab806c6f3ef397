import { klineEndMs, type Kline } from '../../domain/kline.js';
import type { ExitReason, OpenTrade } from '../../domain/trade.js';
import type { OutcomeConfig } from './outcomeConfig.js';
import { trackCandle, type TradeExit } from './trackCandle.js';
import { tradeResult } from './tradeResult.js';

/**
 * How an open paper trade leaves when no later candle will be tracked for it (its symbol stopped
 * trading, or the bot skipped the candles it missed): EXPIRED at the close of `last`, the symbol's
 * last closed 30m candle known, at that candle's end, with `reason`.
 *
 * The stop and target are checked on that candle first, as on any candle: normally it was tracked
 * already (and the trade would be gone if it hit), but after a restart it may not have been. With
 * no candle after the opening (none known, or only the signal candle) it closes at the entry when
 * it opened: nothing happened since but the fees.
 */
export function lastCandleExit(trade: OpenTrade, last: Kline | undefined, reason: ExitReason, config: Pick<OutcomeConfig, 'feeBps'>): TradeExit {
  if (last !== undefined) {
    const update = trackCandle(trade, last, config);
    if (update.state === 'closed') return update.exit;
  }
  const after = last !== undefined && klineEndMs(last) > trade.openedAtMs ? last : undefined;
  const exitPrice = after?.close ?? trade.entry;
  const { rMultiple, pnl } = tradeResult(trade, exitPrice, config.feeBps);
  return {
    exitTimeMs: after === undefined ? trade.openedAtMs : klineEndMs(after),
    exitPrice,
    outcome: 'EXPIRED',
    rMultiple,
    pnl,
    exitReason: reason,
  };
}

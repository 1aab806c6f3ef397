import type { SymbolHalt } from '../../domain/halt.js';
import { klineEndMs } from '../../domain/kline.js';
import type { OpenTrade } from '../../domain/trade.js';
import type { OutcomeConfig } from './outcomeConfig.js';
import { trackCandle, type TradeExit } from './trackCandle.js';
import { tradeResult } from './tradeResult.js';

/**
 * How an open paper trade leaves when its symbol stops trading: EXPIRED at the close of the
 * symbol's last closed 30m candle, at that candle's end, with the reason `symbol_halted`. The exit
 * is a fact of the market (the exchange stops a symbol's candles when it stops trading), not of
 * when a refresh noticed it, so every run that saw the same candles closes the trade the same way.
 *
 * The stop and target are checked on that candle first, as on any candle: normally it was tracked
 * already (and the trade would be gone if it hit), but after a restart it may not have been. With
 * no candle after the opening (none known, or only the signal candle) it closes at the entry when
 * it opened: nothing happened since but the fees.
 */
export function haltExit(trade: OpenTrade, halt: SymbolHalt, config: Pick<OutcomeConfig, 'feeBps'>): TradeExit {
  const last = halt.lastCandle;
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
    exitReason: { code: 'symbol_halted', detail: { symbol: halt.symbol, status: halt.status } },
  };
}

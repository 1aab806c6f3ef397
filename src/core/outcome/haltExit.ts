import type { SymbolHalt } from '../../domain/halt.js';
import type { OpenTrade } from '../../domain/trade.js';
import type { OutcomeConfig } from './outcomeConfig.js';
import type { TradeExit } from './trackCandle.js';
import { lastCandleExit } from './lastCandleExit.js';

/**
 * How an open paper trade leaves when its symbol stops trading: EXPIRED at the close of the
 * symbol's last closed 30m candle, at that candle's end, with the reason `symbol_halted` (see
 * lastCandleExit). The exit is a fact of the market (the exchange stops a symbol's candles when it
 * stops trading), not of when a refresh noticed it, so every run that saw the same candles closes
 * the trade the same way.
 */
export function haltExit(trade: OpenTrade, halt: SymbolHalt, config: Pick<OutcomeConfig, 'feeBps'>): TradeExit {
  return lastCandleExit(trade, halt.lastCandle, { code: 'symbol_halted', detail: { symbol: halt.symbol, status: halt.status } }, config);
}

import type { Kline } from '../domain/index.js';
import { shortestDecimal } from './shortestDecimal.js';

/**
 * Header of Binance's kline CSV dumps (data.binance.vision), which `src/csv/klineCsv.ts` and the
 * example data use. The downloaded files keep it so every tool reads them unchanged.
 */
export const KLINE_CSV_HEADER =
  'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';

/**
 * One CSV line (no newline) of a closed kline in Binance's column order. Numbers are printed as
 * the shortest decimal that reads back to the same double (`String(n)`, without exponent), so a
 * file round-trips exactly. The taker-buy volumes are not part of {@link Kline} (the models do not use them) and
 * are written as 0, like `ignore`: a reader must not take those columns for real data.
 */
export function klineCsvRow(k: Kline): string {
  return [k.openTimeMs, k.open, k.high, k.low, k.close, k.volume, k.closeTimeMs, k.quoteVolume, k.trades, 0, 0, 0]
    .map(shortestDecimal)
    .join(',');
}

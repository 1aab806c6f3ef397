import type { Logger } from 'pino';
import { BACKTEST_DEFAULT_FILTERS, parseSymbolFilters, type SymbolFilters } from '../core/risk/symbolFilters.js';
import type { ExchangeInfo } from '../streams/binanceRest.js';

/**
 * The exchange's LOT_SIZE / PRICE_FILTER / MIN_NOTIONAL per symbol, refreshed from each
 * exchangeInfo the universe reads. A symbol not (yet) known sizes without rounding or minimums.
 */
export class SymbolFilterBook {
  private readonly bySymbol = new Map<string, SymbolFilters>();

  constructor(private readonly logger: Logger) {}

  update(info: ExchangeInfo): void {
    let bad = 0;
    for (const entry of info.symbols) {
      try {
        this.bySymbol.set(entry.symbol, parseSymbolFilters(entry));
      } catch {
        bad += 1;
      }
    }
    if (bad > 0) this.logger.warn({ bad }, 'exchangeInfo symbols without usable filters');
  }

  readonly filters = (symbol: string): SymbolFilters => this.bySymbol.get(symbol) ?? BACKTEST_DEFAULT_FILTERS;

  /** The symbol's filters once exchangeInfo named it; undefined before. */
  readonly known = (symbol: string): SymbolFilters | undefined => this.bySymbol.get(symbol);

  /** Tick size per known symbol, for message formatting. */
  tickSizes(): Record<string, number> {
    return Object.fromEntries([...this.bySymbol].map(([s, f]) => [s, f.tickSize]));
  }
}

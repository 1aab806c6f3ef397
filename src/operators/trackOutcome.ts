import { endWith, filter, map, merge, scan, takeWhile, type Observable, type OperatorFunction } from 'rxjs';
import type { Logger } from 'pino';
import type { Kline } from '../domain/kline.js';
import type { ClosedTrade, OpenTrade } from '../domain/trade.js';
import type { OutcomeConfig } from '../core/outcome/outcomeConfig.js';
import { addTrade, applyCandle, emptyTradeBook, type TradeBook } from '../core/outcome/tradeBook.js';

export interface TrackOutcomeDeps {
  /** Trades to follow: those still open at start (trades table), then each newly sent signal's. */
  readonly openTrades$: Observable<OpenTrade>;
  /** Closed-trade paper equity at start: ACCOUNT_BALANCE plus the pnl of every closed trade. */
  readonly startingEquityUsdt: number;
  readonly config: Pick<OutcomeConfig, 'feeBps'>;
  readonly logger: Logger;
}

type Event = { readonly kind: 'trade'; readonly trade: OpenTrade } | { readonly kind: 'candle'; readonly candle: Kline } | { readonly kind: 'end' };

interface OutcomeState {
  readonly book: TradeBook;
  readonly closed: ClosedTrade | null;
}

/**
 * Resolves paper trades on closed 30m candles: emits a ClosedTrade (WIN, LOSS or EXPIRED, with net
 * R, pnl and the paper equity after it) when the candle of its symbol decides it. One trade per
 * symbol: a second trade for a symbol with one open is dropped and logged. Completes when the
 * candles complete (releasing `openTrades$`); errors from either source pass through.
 */
export function trackOutcome({ openTrades$, startingEquityUsdt, config, logger }: TrackOutcomeDeps): OperatorFunction<Kline, ClosedTrade> {
  const log = logger.child({ component: 'trackOutcome' });
  const step = ({ book }: OutcomeState, event: Event): OutcomeState => {
    if (event.kind === 'trade') {
      const added = addTrade(book, event.trade);
      if (!added.accepted) {
        log.warn({ symbol: event.trade.symbol, signalId: event.trade.signalId }, 'second open trade for symbol dropped');
      }
      return { book: added.book, closed: null };
    }
    if (event.kind === 'end' || !event.candle.closed || event.candle.interval !== '30m') return { book, closed: null };
    return applyCandle(book, event.candle, config);
  };
  return (candles$) =>
    merge(
      openTrades$.pipe(map((trade): Event => ({ kind: 'trade', trade }))),
      candles$.pipe(
        map((candle): Event => ({ kind: 'candle', candle })),
        endWith<Event>({ kind: 'end' }),
      ),
    ).pipe(
      takeWhile((event) => event.kind !== 'end'),
      scan(step, { book: emptyTradeBook(startingEquityUsdt), closed: null }),
      map((state) => state.closed),
      filter((closed): closed is ClosedTrade => closed !== null),
    );
}

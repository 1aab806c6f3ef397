import type { ModelName } from '../../domain/signal.js';
import type { ClosedTrade, OpenTrade } from '../../domain/trade.js';
import { tradeResult } from './tradeResult.js';

const DAY_MS = 86_400_000;

/** The newest price the bot has for a symbol: the close of its last closed 30m candle, and that candle's end. */
export interface MarkPrice {
  readonly price: number;
  /** End of the candle the price closed (open time + 30 min). */
  readonly asOfMs: number;
}

/**
 * An open paper trade marked to a price: what it would give if closed there now (net of fees, like a
 * closed trade's result), and the move the price still needs to reach its stop and its target.
 */
export interface PositionFigures {
  readonly mark: MarkPrice;
  /** Unrealised R, net of both sides' fees; positive = in profit, for LONG and SHORT alike. */
  readonly rMultiple: number;
  /** Unrealised pnl in USDT, net of fees. */
  readonly pnlUsdt: number;
  /** SL − price: the signed move to the stop (negative below the price: a LONG's stop). */
  readonly stopLossMove: number;
  /** The same move in percent of the price. */
  readonly stopLossMovePct: number;
  /** TP − price. */
  readonly takeProfitMove: number;
  readonly takeProfitMovePct: number;
  /** Time from the trade's opening to the mark. */
  readonly ageMs: number;
}

/** Marks `trade` to `mark`, with `feeBps` per side as the outcome tracker charges it. */
export function positionFigures(trade: OpenTrade, mark: MarkPrice, feeBps: number): PositionFigures {
  const { rMultiple, pnl } = tradeResult(trade, mark.price, feeBps);
  const stopLossMove = trade.stopLoss - mark.price;
  const takeProfitMove = trade.takeProfit - mark.price;
  const pct = (move: number) => (mark.price > 0 ? (move / mark.price) * 100 : 0);
  return {
    mark, rMultiple, pnlUsdt: pnl, stopLossMove, stopLossMovePct: pct(stopLossMove), takeProfitMove, takeProfitMovePct: pct(takeProfitMove),
    ageMs: Math.max(0, mark.asOfMs - trade.openedAtMs),
  };
}

/** Closed-trade figures of a group (a symbol, a model, a UTC day). A win is `rMultiple > 0`. */
export interface TradeTally {
  readonly trades: number;
  readonly wins: number;
  readonly totalR: number;
  readonly pnlUsdt: number;
}

function tally(trades: readonly ClosedTrade[]): TradeTally {
  let wins = 0;
  let totalR = 0;
  let pnlUsdt = 0;
  for (const t of trades) {
    if (t.rMultiple > 0) wins += 1;
    totalR += t.rMultiple;
    pnlUsdt += t.pnl;
  }
  return { trades: trades.length, wins, totalR, pnlUsdt };
}

function groupBy<K>(trades: readonly ClosedTrade[], key: (t: ClosedTrade) => K): Map<K, ClosedTrade[]> {
  const groups = new Map<K, ClosedTrade[]>();
  for (const t of trades) {
    const k = key(t);
    const list = groups.get(k);
    if (list) list.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}

/** /performance: the closed trades' tallies per symbol and per model, largest total R first (ties by name). */
export interface Performance {
  readonly total: TradeTally;
  readonly bySymbol: ReadonlyArray<TradeTally & { readonly symbol: string }>;
  readonly byModel: ReadonlyArray<TradeTally & { readonly model: ModelName }>;
}

export function performanceOf(trades: readonly ClosedTrade[]): Performance {
  const order = (a: TradeTally & { name: string }, b: TradeTally & { name: string }) => b.totalR - a.totalR || a.name.localeCompare(b.name);
  const bySymbol = [...groupBy(trades, (t) => t.symbol)].map(([symbol, list]) => ({ ...tally(list), name: symbol, symbol })).sort(order);
  const byModel = [...groupBy(trades, (t) => t.model)].map(([model, list]) => ({ ...tally(list), name: model, model })).sort(order);
  return {
    total: tally(trades),
    bySymbol: bySymbol.map(({ name: _n, ...row }) => row),
    byModel: byModel.map(({ name: _n, ...row }) => row),
  };
}

/** One UTC day of /daily: trades closed that day (by exit time) and the paper equity after its last one. */
export interface DayTally extends TradeTally {
  /** 00:00 UTC of the day. */
  readonly dayStartMs: number;
  readonly equityUsdt: number;
}

/**
 * The last `days` UTC days up to the one holding `nowMs`, newest first, each with its tally and the
 * equity at its end (`startingEquity` plus every trade closed by then). A day without trades is listed
 * with zeros and the equity carried over, so a quiet day reads as quiet, not as missing.
 */
export function dailyTallies(trades: readonly ClosedTrade[], startingEquity: number, nowMs: number, days: number): DayTally[] {
  const todayStartMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const firstStartMs = todayStartMs - (days - 1) * DAY_MS;
  // A trade closing exactly at 00:00 (a candle's end) belongs to the day that just ended, as in the daily summary.
  const dayOf = (t: ClosedTrade) => Math.floor((t.exitTimeMs - 1) / DAY_MS) * DAY_MS;
  const byDay = groupBy(trades, dayOf);
  let equity = startingEquity;
  for (const t of trades) if (dayOf(t) < firstStartMs) equity += t.pnl;
  const out: DayTally[] = [];
  for (let start = firstStartMs; start <= todayStartMs; start += DAY_MS) {
    const day = tally(byDay.get(start) ?? []);
    equity += day.pnlUsdt;
    out.push({ ...day, dayStartMs: start, equityUsdt: equity });
  }
  return out.reverse();
}

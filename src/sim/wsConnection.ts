import type { WebSocket } from 'ws';
import { isInterval, type Interval } from '../domain/index.js';
import type { Market } from './market.js';
import { lastClosedIndex, type CandleSeries } from './series.js';

/** Where one subscribed kline stream of one connection stands: which closed candle it got last. */
export interface StreamCursor {
  readonly name: string;
  /** Undefined for a stream the market does not have (ACKed, never pushed, like Binance). */
  readonly series: CandleSeries | undefined;
  readonly symbol: string;
  readonly interval: Interval | undefined;
  lastClosedIndex: number;
  /** The newest forming update sent, for the reorder fault (re-sent after a newer one). */
  latestForming: { readonly index: number; readonly json: string } | undefined;
}

/** One accepted market-stream socket. `legacy` sockets (`/ws`, `/stream`) ACK but never get klines. */
export interface SimConnection {
  readonly id: number;
  readonly ws: WebSocket;
  readonly legacy: boolean;
  readonly path: string;
  combined: boolean;
  readonly cursors: Map<string, StreamCursor>;
  /** Real times of the incoming messages of the last second. */
  readonly incomingAtMs: number[];
  readonly timers: Array<ReturnType<typeof setTimeout>>;
}

const KLINE_STREAM = /^([a-z0-9_]+)@kline_([0-9a-zA-Z]+)$/;

/**
 * A cursor for `name` subscribed at simulated `nowMs`: candles already closed are not sent, the
 * next one to close will be (every closed candle exactly once per connection subscribed at its close).
 */
export function newCursor(name: string, market: Market, nowMs: number): StreamCursor {
  const match = KLINE_STREAM.exec(name);
  const symbol = (match?.[1] ?? '').toUpperCase();
  const interval = match && isInterval(match[2]) ? match[2] : undefined;
  const series = interval ? market.seriesOf(symbol, interval) : undefined;
  return {
    name, series, symbol, interval,
    lastClosedIndex: series ? lastClosedIndex(series, market.candleClock(symbol, nowMs).nowMs) : -1,
    latestForming: undefined,
  };
}

/** Which kind of endpoint an upgrade path is, and its initial streams; undefined for an unknown path. */
export function parseStreamPath(rawUrl: string): { legacy: boolean; combined: boolean; streams: string[]; path: string } | undefined {
  const url = new URL(rawUrl, 'http://sim');
  const path = url.pathname.replace(/\/+$/, '');
  const fromQuery = (): string[] => (url.searchParams.get('streams') ?? '').split('/').filter((s) => s !== '');
  const fromPath = (prefix: string): string[] => path.slice(prefix.length).split('/').filter((s) => s !== '');
  if (path === '/market/stream') return { legacy: false, combined: true, streams: fromQuery(), path };
  if (path === '/market/ws' || path.startsWith('/market/ws/')) return { legacy: false, combined: false, streams: fromPath('/market/ws'), path: '/market/ws' };
  if (path === '/stream') return { legacy: true, combined: true, streams: fromQuery(), path };
  if (path === '/ws' || path.startsWith('/ws/')) return { legacy: true, combined: false, streams: fromPath('/ws'), path: '/ws' };
  return undefined;
}

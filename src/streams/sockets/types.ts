import type { SchedulerLike } from 'rxjs';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import type { OutageLog } from '../../logging/outageLog.js';

/**
 * What the kline sockets report. A *shard* is one logical connection slot owning at most
 * `maxStreamsPerConn` streams; it keeps its id across reconnects and age swaps.
 * - `frame`: the raw text of one data message (control replies are consumed, not forwarded).
 * - `open`: the shard's streams are subscribed (URL batch accepted and every initial SUBSCRIBE
 *   ACKed). `reconnect` is true after a failure (a gap is possible ⇒ backfill); false for the
 *   first connection and for a make-before-break age swap (no gap).
 * - `closed`: a connection of the shard ended (`reason`: the error, `replaced`, or `empty`).
 */
export type SocketEvent =
  | { readonly type: 'frame'; readonly shard: string; readonly data: string }
  | { readonly type: 'open'; readonly shard: string; readonly streams: readonly string[]; readonly reconnect: boolean }
  | { readonly type: 'closed'; readonly shard: string; readonly reason: string; readonly streams: readonly string[] };

export interface KlineSocketsDeps {
  /** Routed market base, e.g. `wss://fstream.binance.com/market`; combined streams live at `/stream`. */
  readonly baseUrl: string;
  /** 1–200 streams per connection (WS_MAX_STREAMS_PER_CONN). */
  readonly maxStreamsPerConn: number;
  /** A connection that delivers no message at all for this long is torn down and reconnected. */
  readonly staleAfterMs: number;
  /** Each connection is replaced (make-before-break) after this long. Default 23 h (Binance cuts at 24 h). */
  readonly maxConnectionAgeMs?: number;
  /** SUBSCRIBE/UNSUBSCRIBE messages per second per connection. Default 5 (Binance disconnects above 10). */
  readonly controlMessagesPerSecond?: number;
  /** Streams per SUBSCRIBE/UNSUBSCRIBE message, and in the opening URL. Default 50 (short URLs). */
  readonly subscribeBatchSize?: number;
  /** Reconnect backoff while connecting keeps failing: capped exponential with full jitter. */
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  /**
   * A connection that stayed `open` (every stream subscribed) this long is healthy: when it drops,
   * the shard redials at once and the backoff starts over. One that closes sooner counts as a
   * failed dial, so a server accepting and closing at once meets the backoff. Default 3 s.
   */
  readonly healthyAfterMs?: number;
  /** Every timer (stale, age, pacing, backoff) runs on it; `asyncScheduler` in production. */
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Socket factory; default `new WebSocket(url)` from `ws` (which answers pings itself). */
  readonly createSocket?: (url: string) => WebSocket;
  /** Counters the caller can read at any time (health, metrics); see {@link createKlineSocketStats}. */
  readonly stats?: KlineSocketStats;
  /**
   * Told of dials that fail for a network reason (then logged at debug only) and of each connection
   * that opens: an unreachable exchange is one line, not a warning per shard and retry.
   */
  readonly outage?: OutageLog;
  /**
   * Data frames this answers true for are counted (and keep the shard from going stale) but not
   * emitted: the live path skips forming updates here, before the per-frame Rx hops. Default: none.
   */
  readonly skipFrame?: (text: string) => boolean;
  /** Jitter source for the backoff; default `Math.random`. */
  readonly random?: () => number;
}

/** Live view of one shard. `lastFrameMs` is `scheduler.now()` at its latest message. */
export interface ShardStats {
  streams: number;
  connections: number;
  lastFrameMs: number | undefined;
}

/**
 * Mutable counters kept by {@link klineSockets}: a handle the caller creates, passes in and reads
 * (cheaper than a callback per frame). Shards appear when created and disappear when closed.
 */
export interface KlineSocketStats {
  frames: number;
  reconnects: number;
  /** Binary messages: Binance never sends them; dropped and counted here. */
  binaryFrames: number;
  /** Error replies to SUBSCRIBE/UNSUBSCRIBE. */
  controlErrors: number;
  readonly shards: Map<string, ShardStats>;
}

export function createKlineSocketStats(): KlineSocketStats {
  return { frames: 0, reconnects: 0, binaryFrames: 0, controlErrors: 0, shards: new Map() };
}

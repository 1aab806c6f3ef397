import type { Logger } from 'pino';
import type { KlineDataset } from '../csv/klineCsv.js';
import type { StatusChange } from './market.js';

/**
 * Faults the simulated exchange injects on purpose, all deterministic from `SimulatorOptions.seed`.
 * Unset or 0 means off. Rates are probabilities in [0, 1].
 */
export interface SimulatorFaults {
  /** Terminate every WebSocket TCP socket (no close frame) every N ms of real time. */
  readonly dropEveryMs?: number;
  /** Every N ms, stall all pushes for `stallForMs` (sockets stay open, pings go on, nothing is lost: the backlog follows). */
  readonly stallEveryMs?: number;
  readonly stallForMs?: number;
  /** Chance per push tick and connection of one garbage frame (non-JSON, truncated, wrong types, unknown stream, binary). */
  readonly garbageRate?: number;
  /** Chance that a closed (`x:true`) event is sent a second time right after. */
  readonly duplicateRate?: number;
  /** Chance that, after a forming update, the previous (older) forming update of that candle is sent again. */
  readonly reorderRate?: number;
  /** Every N ms, REST answers 429 for `rest429ForMs` regardless of weight. */
  readonly rest429EveryMs?: number;
  readonly rest429ForMs?: number;
  /** Added latency on every REST reply. */
  readonly restLatencyMs?: number;
  /** Chance that a REST request fails with HTTP 503 `-1001`. */
  readonly rest5xxRate?: number;
}

/** Everything `startSimulator` accepts; only `data` is required. Real-time durations are in real ms. */
export interface SimulatorOptions {
  /** Folder of `SYMBOL-INTERVAL.csv` files, or a dataset already loaded with `loadKlineFolder`. */
  readonly data: string | KlineDataset;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Simulated seconds per real second (default 60). */
  readonly speed?: number;
  /** Simulated start (default: first 1d open of the data + 120 days). */
  readonly startTimeMs?: number;
  /**
   * Start with market time held at `startTimeMs` until `Simulator.runClock()`: REST and the streams
   * answer at that instant, so a client warms up (history, server time) on a market that stands
   * still, and two runs started this way begin at the same market moment. Default false.
   */
  readonly holdClock?: boolean;
  /** Number of trading USDT perpetuals; beyond the CSV symbols they are synthetic (default: the CSV symbols only). */
  readonly symbols?: number;
  readonly seed?: number;
  /** Minimum real time between two forming updates of a stream (default 250). */
  readonly pushIntervalMs?: number;
  /** Server ping frame period (default 3 min). */
  readonly pingIntervalMs?: number;
  /** Close when no pong arrived for this long (default 10 min). */
  readonly pongTimeoutMs?: number;
  /** Close every connection at this age (default 24 h). */
  readonly maxConnectionAgeMs?: number;
  /** Streams per connection (default 200). */
  readonly maxStreamsPerConnection?: number;
  /** Incoming messages per second per connection before it is closed (default 10). */
  readonly maxIncomingPerSecond?: number;
  /** REQUEST_WEIGHT limit per window (default 2400). */
  readonly weightLimit?: number;
  /** Weight window, calendar-aligned on real time (default 60 000). */
  readonly weightWindowMs?: number;
  /** Requests tolerated during a 429 period before the 418 ban (default 10). */
  readonly banAfter429s?: number;
  /** Ban duration (default 2 min). */
  readonly banMs?: number;
  /** Wall clock for weight windows and bans (default `Date.now`); tests inject one to pin the window. */
  readonly realNowMs?: () => number;
  readonly faults?: SimulatorFaults;
  /**
   * Listing status changes at simulated times (a symbol settling, delisted, trading again); more
   * can be made while it runs with `Simulator.setSymbolStatus`. See `Market.setStatus`.
   */
  readonly statusChanges?: readonly StatusChange[];
  /** pino logger; silent when absent. */
  readonly logger?: Logger;
}

/** `SimulatorOptions` with defaults applied (except data, logger and clock-related inputs). */
export interface ResolvedLimits {
  readonly pushIntervalMs: number;
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  readonly maxConnectionAgeMs: number;
  readonly maxStreamsPerConnection: number;
  readonly maxIncomingPerSecond: number;
  readonly weightLimit: number;
  readonly weightWindowMs: number;
  readonly banAfter429s: number;
  readonly banMs: number;
}

/** Applies the documented defaults (Binance's: 250 ms pushes, 3 min pings, 10 min pong wait, 24 h, 200 streams, 10 msg/s, 2400/min). */
export function resolveLimits(o: SimulatorOptions): ResolvedLimits {
  return {
    pushIntervalMs: o.pushIntervalMs ?? 250,
    pingIntervalMs: o.pingIntervalMs ?? 180_000,
    pongTimeoutMs: o.pongTimeoutMs ?? 600_000,
    maxConnectionAgeMs: o.maxConnectionAgeMs ?? 86_400_000,
    maxStreamsPerConnection: o.maxStreamsPerConnection ?? 200,
    maxIncomingPerSecond: o.maxIncomingPerSecond ?? 10,
    weightLimit: o.weightLimit ?? 2400,
    weightWindowMs: o.weightWindowMs ?? 60_000,
    banAfter429s: o.banAfter429s ?? 10,
    banMs: o.banMs ?? 120_000,
  };
}

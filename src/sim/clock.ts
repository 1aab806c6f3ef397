import { ConfigError } from '../domain/index.js';

/** How {@link VirtualClock.run} lets market time go. */
export interface RunClockOptions {
  /** Market time stops here and is held again (a market that ends at a fixed moment). */
  readonly untilMs?: number;
}

/** The simulated exchange's time: the single source of market time for REST, WebSocket and truth queries. */
export interface VirtualClock {
  /** Simulated now in ms since the epoch. */
  nowMs(): number;
  readonly startTimeMs: number;
  /** Simulated seconds per real second. */
  readonly speed: number;
  /** Whether market time stands still now: created held and not run yet, or stopped at its `untilMs`. */
  isHeld(): boolean;
  /**
   * Lets market time run from where it stands, without a jump: sim time = the time it stood at +
   * real time elapsed since this call × speed (up to `untilMs`). Calling it while running re-anchors
   * at the current time, which changes nothing but the stop.
   */
  run(options?: RunClockOptions): void;
}

export interface VirtualClockOptions {
  readonly startTimeMs: number;
  readonly speed: number;
  /** Real time source in ms; `performance.now` by default (monotonic, immune to wall-clock jumps). */
  readonly realNowMs?: () => number;
  /** Start held at `startTimeMs` until {@link VirtualClock.run}: a client can warm up on a market that stands still. */
  readonly held?: boolean;
}

/** Sim time = startTimeMs + real elapsed × speed; with `held`, the elapsed time counts from `run()`. */
export function createVirtualClock({ startTimeMs, speed, realNowMs = () => performance.now(), held = false }: VirtualClockOptions): VirtualClock {
  if (!Number.isFinite(speed) || speed <= 0) throw new ConfigError('speed', String(speed), 'a number > 0');
  if (!Number.isFinite(startTimeMs)) throw new ConfigError('startTimeMs', String(startTimeMs), 'a finite epoch time in ms');
  // Market time is anchorSimMs at real time anchorRealMs (undefined: held at anchorSimMs).
  let anchorSimMs = startTimeMs;
  let anchorRealMs: number | undefined = held ? undefined : realNowMs();
  let untilMs = Number.POSITIVE_INFINITY;
  const nowMs = (): number =>
    anchorRealMs === undefined ? anchorSimMs : Math.min(untilMs, Math.floor(anchorSimMs + (realNowMs() - anchorRealMs) * speed));
  return {
    startTimeMs,
    speed,
    nowMs,
    isHeld: () => anchorRealMs === undefined || nowMs() >= untilMs,
    run: (options = {}) => {
      const from = nowMs();
      const until = options.untilMs ?? Number.POSITIVE_INFINITY;
      if (!(until >= from)) throw new ConfigError('untilMs', String(options.untilMs), `a time at or after the clock's ${from}`);
      anchorSimMs = from;
      anchorRealMs = realNowMs();
      untilMs = until;
    },
  };
}

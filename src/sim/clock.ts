import { ConfigError } from '../domain/index.js';

/** The simulated exchange's time: the single source of market time for REST, WebSocket and truth queries. */
export interface VirtualClock {
  /** Simulated now in ms since the epoch. */
  nowMs(): number;
  readonly startTimeMs: number;
  /** Simulated seconds per real second. */
  readonly speed: number;
}

export interface VirtualClockOptions {
  readonly startTimeMs: number;
  readonly speed: number;
  /** Real time source in ms; `performance.now` by default (monotonic, immune to wall-clock jumps). */
  readonly realNowMs?: () => number;
}

/** Sim time = startTimeMs + real elapsed × speed. */
export function createVirtualClock({ startTimeMs, speed, realNowMs = () => performance.now() }: VirtualClockOptions): VirtualClock {
  if (!Number.isFinite(speed) || speed <= 0) throw new ConfigError('speed', String(speed), 'a number > 0');
  if (!Number.isFinite(startTimeMs)) throw new ConfigError('startTimeMs', String(startTimeMs), 'a finite epoch time in ms');
  const realStart = realNowMs();
  return {
    startTimeMs,
    speed,
    nowMs: () => Math.floor(startTimeMs + (realNowMs() - realStart) * speed),
  };
}

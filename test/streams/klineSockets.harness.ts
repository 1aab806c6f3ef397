import { asyncScheduler, type Observable, type Subscription } from 'rxjs';
import { pino } from 'pino';
import { createKlineSocketStats, klineSockets, type KlineSocketsDeps, type KlineSocketStats, type SocketEvent } from '../../src/streams/klineSockets.js';
import type { FakeBinance } from './klineSockets.fakeBinance.js';

export interface Running {
  readonly events: SocketEvent[];
  readonly errors: unknown[];
  /** Parsed pino lines, to assert what was logged. */
  readonly logs: Array<Record<string, unknown>>;
  readonly stats: KlineSocketStats;
  readonly subscription: Subscription;
}

/** `n` kline stream names in Binance form (`sym0usdt@kline_30m`, …). */
export function streamNames(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `sym${from + i}usdt@kline_30m`);
}

/** Subscribes klineSockets against the fake on the real async scheduler, recording everything. */
export function runSockets(fake: FakeBinance, streams$: Observable<ReadonlySet<string>>, overrides: Partial<KlineSocketsDeps> = {}): Running {
  const events: SocketEvent[] = [];
  const errors: unknown[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const stats = createKlineSocketStats();
  const deps: KlineSocketsDeps = {
    baseUrl: fake.baseUrl, maxStreamsPerConn: 3, staleAfterMs: 60_000, subscribeBatchSize: 50,
    backoff: { initialMs: 20, maxMs: 100 }, scheduler: asyncScheduler, logger, stats, ...overrides,
  };
  const subscription = klineSockets(deps)(streams$).subscribe({ next: (e) => events.push(e), error: (e) => errors.push(e) });
  return { events, errors, logs, stats, subscription };
}

export function opens(events: readonly SocketEvent[]): Array<Extract<SocketEvent, { type: 'open' }>> {
  return events.filter((e): e is Extract<SocketEvent, { type: 'open' }> => e.type === 'open');
}

export function closes(events: readonly SocketEvent[]): Array<Extract<SocketEvent, { type: 'closed' }>> {
  return events.filter((e): e is Extract<SocketEvent, { type: 'closed' }> => e.type === 'closed');
}

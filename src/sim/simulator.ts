import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { INTERVAL_MS, type Interval, type Kline } from '../domain/index.js';
import { createVirtualClock, type RunClockOptions, type VirtualClock } from './clock.js';
import { loadKlineFolder } from '../csv/klineCsv.js';
import { FaultDice } from './faults.js';
import { WeightLimiter } from './limits.js';
import { Market, type SymbolStatus } from './market.js';
import { resolveLimits, type SimulatorOptions } from './options.js';
import { pushRound } from './pusher.js';
import { createRestHandler } from './restServer.js';
import { emptyStats, type SimulatorStats } from './stats.js';
import { MarketStreamServer } from './wsServer.js';

/** A running simulated exchange. Whoever starts it closes it. */
export interface Simulator {
  /** `http://127.0.0.1:PORT`: the `BINANCE_REST_URL` of a client. */
  readonly restUrl: string;
  /** `ws://127.0.0.1:PORT/market`: the `BINANCE_WS_URL` of a client. */
  readonly wsBaseUrl: string;
  readonly port: number;
  readonly clock: VirtualClock;
  readonly market: Market;
  /** The exact candles the exchange has closed by now with open time in [fromMs, toMs]: the truth tests compare with. */
  closedKlines(symbol: string, interval: Interval, fromMs: number, toMs: number): Kline[];
  /** A copy of the counters. */
  stats(): SimulatorStats;
  /** Terminates every WebSocket TCP socket now; returns how many. */
  dropConnections(): number;
  /** Pushes nothing for `ms` of real time (sockets stay open); the backlog follows. */
  stall(ms: number): void;
  /** REST answers 429 for `ms` of real time regardless of weight. */
  burst429(ms: number): void;
  /** REST answers 503 `-1001` for `ms` of real time (after the weight check, like the 503 chance). */
  burst503(ms: number): void;
  /**
   * Changes a listed symbol's exchangeInfo status from simulated `atMs` (default: now), e.g.
   * `SETTLING` for a delisting, `TRADING` to list it again, `null` to drop it from exchangeInfo. While
   * it does not trade its candles stop (see `Market.setStatus`).
   */
  setSymbolStatus(symbol: string, status: SymbolStatus | null, atMs?: number): void;
  /**
   * Lets a held market clock (`holdClock`) run from where it stands, without a jump: sim time =
   * that time + real time since this call × speed, held again at `untilMs` when given.
   */
  runClock(options?: RunClockOptions): void;
  close(): Promise<void>;
}

export const DEFAULT_WARMUP_DAYS = 120;

/**
 * Starts the simulated Binance USDⓈ-M exchange on one port: REST under `/fapi/v1` and market
 * streams under `/market` (plus the silent legacy `/ws`, `/stream`), all driven by the CSV data
 * and one virtual clock. Real timers are fine here: this is the fake exchange, not the bot.
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'simulator' });
  const limits = resolveLimits(options);
  const faults = options.faults ?? {};
  const dataset = typeof options.data === 'string' ? loadKlineFolder(options.data) : options.data;
  const market = new Market(dataset, options.symbols ?? 0);
  for (const change of options.statusChanges ?? []) market.setStatus(change);
  const firstDaily = [...dataset.values()].find((t) => t.interval === '1d')?.openTimeMs[0] ?? market.firstOpenTimeMs;
  const clock = createVirtualClock({
    startTimeMs: options.startTimeMs ?? firstDaily + DEFAULT_WARMUP_DAYS * INTERVAL_MS['1d'],
    speed: options.speed ?? 60,
    held: options.holdClock ?? false,
  });
  const realNowMs = options.realNowMs ?? Date.now;
  const stats = emptyStats();
  const dice = new FaultDice(faults, options.seed ?? 1);
  let failing503UntilMs = 0;
  const limiter = new WeightLimiter({ limit: limits.weightLimit, windowMs: limits.weightWindowMs, banAfter429s: limits.banAfter429s, banMs: limits.banMs, nowMs: realNowMs });
  const rest = createRestHandler({
    market, clock, limiter, weightLimit: limits.weightLimit, stats, logger,
    faults: { latencyMs: faults.restLatencyMs ?? 0, failRate: faults.rest5xxRate ?? 0, random: dice.rest, failingNow: () => realNowMs() < failing503UntilMs },
  });
  const streams = new MarketStreamServer({ market, clock, limits, stats, logger });
  const server = createServer(rest);
  server.on('upgrade', (req, socket, head) => streams.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  let stalledUntil = 0;
  const stall = (ms: number): void => {
    stalledUntil = Math.max(stalledUntil, performance.now() + ms);
  };
  const timers: Array<ReturnType<typeof setInterval>> = [
    setInterval(() => {
      if (performance.now() < stalledUntil) return;
      pushRound(streams.connections, clock.nowMs(), { market, stats, dice });
    }, limits.pushIntervalMs),
  ];
  const every = (ms: number | undefined, run: () => void): void => {
    if (ms !== undefined && ms > 0) timers.push(setInterval(run, ms));
  };
  every(faults.dropEveryMs, () => {
    stats.faults.drops += 1;
    stats.faults.droppedSockets += streams.dropAll();
  });
  every(faults.stallEveryMs, () => {
    stats.faults.stalls += 1;
    stall(faults.stallForMs ?? 0);
  });
  every(faults.rest429EveryMs, () => {
    stats.faults.rest429Bursts += 1;
    limiter.force429Until(realNowMs() + (faults.rest429ForMs ?? 0));
  });
  // Simulated times as ISO text: a person reads this line (epoch milliseconds are in the stdout JSON line).
  logger.info({ port, start: new Date(clock.startTimeMs).toISOString(), speed: clock.speed, ...(clock.isHeld() ? { held: true } : {}), symbols: market.symbols.length }, 'simulator started');

  return {
    restUrl: `http://${host}:${port}`,
    wsBaseUrl: `ws://${host}:${port}/market`,
    port, clock, market,
    closedKlines: (symbol, interval, fromMs, toMs) => market.closedKlines(symbol, interval, fromMs, toMs, clock.nowMs()),
    stats: () => structuredClone(stats),
    dropConnections: () => streams.dropAll(),
    stall,
    burst429: (ms) => limiter.force429Until(realNowMs() + ms),
    burst503: (ms) => {
      failing503UntilMs = Math.max(failing503UntilMs, realNowMs() + ms);
    },
    setSymbolStatus: (symbol, status, atMs = clock.nowMs()) => {
      market.setStatus({ symbol, status, atMs });
      logger.info({ symbol, status, at: new Date(atMs).toISOString() }, 'simulator symbol status changed');
    },
    runClock: (runOptions) => {
      clock.run(runOptions);
      logger.info({ at: new Date(clock.nowMs()).toISOString(), ...(runOptions?.untilMs === undefined ? {} : { until: new Date(runOptions.untilMs).toISOString() }) }, 'simulator clock running');
    },
    close: async () => {
      timers.forEach((t) => clearInterval(t));
      await streams.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      logger.info({ port }, 'simulator stopped');
    },
  };
}

import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { HttpSources, MetricsCounters } from './sources.js';

/** Prefix of every metric of our own; Node's defaults keep prom-client's names. */
export const METRIC_PREFIX = 'kline_signals_';

type Read = (c: MetricsCounters) => number;
type ReadLabelled = (c: MetricsCounters) => ReadonlyArray<readonly [Record<string, string>, number]>;

/** Prometheus refuses NaN for counters and decreases are impossible: a bad reading shows as 0. */
function sane(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function entries(record: Readonly<Record<string, number | undefined>>, label: string): Array<[Record<string, string>, number]> {
  return Object.entries(record).map(([key, value]) => [{ [label]: key }, value ?? 0]);
}

/** The `/metrics` body and its content type. */
export interface MetricsEndpoint {
  readonly contentType: string;
  render(): Promise<string>;
}

/**
 * A registry of its own (never prom-client's global one, so tests and two servers in one process
 * cannot collide), holding Node's default metrics — RSS, heap, `nodejs_eventloop_lag_seconds` —
 * and the `kline_signals_*` series. Ours hold no state: each is filled from `sources.counters()`
 * when Prometheus scrapes, read once per scrape.
 */
export function createMetrics(sources: HttpSources, nowMs: () => number): MetricsEndpoint {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let snapshot: MetricsCounters | undefined;
  const read = (): MetricsCounters => (snapshot ??= sources.counters());

  const counter = (name: string, help: string, value: Read): void => {
    new Counter({ name: METRIC_PREFIX + name, help, registers: [registry], collect() { this.reset(); this.inc(sane(value(read()))); } });
  };
  const gauge = (name: string, help: string, value: Read): void => {
    new Gauge({ name: METRIC_PREFIX + name, help, registers: [registry], collect() { this.set(sane(value(read()))); } });
  };
  const labelledCounter = (name: string, help: string, labelNames: string[], values: ReadLabelled): void => {
    new Counter({
      name: METRIC_PREFIX + name, help, labelNames, registers: [registry],
      collect() { this.reset(); for (const [labels, v] of values(read())) this.inc(labels, sane(v)); },
    });
  };

  counter('ws_frames_total', 'Kline frames received on all shards.', (c) => c.framesTotal);
  labelledCounter('ws_bad_frames_total', 'Frames dropped because they did not parse, by kind.', ['kind'], (c) => entries(c.badFramesByKind, 'kind'));
  counter('ws_reconnects_total', 'Shard reconnections (stale, closed or errored sockets).', (c) => c.reconnectsTotal);
  counter('backfilled_candles_total', 'Closed candles fetched over REST to fill gaps after reconnects.', (c) => c.backfilledCandlesTotal);
  counter('closed_candles_total', 'Closed candles accepted into the windows.', (c) => c.closedCandlesTotal);
  gauge('rest_weight_used_1m', 'Request weight Binance reported used in the current minute (X-MBX-USED-WEIGHT-1M).', (c) => c.restWeightUsed1m);
  counter('rest_weight_sent_total', 'Request weight of every REST call sent.', (c) => c.restWeightSentTotal);
  labelledCounter('rest_rate_limited_total', 'REST answers 429 (slow down) and 418 (IP banned), by status.', ['status'], (c) => [
    [{ status: '429' }, c.rest429Total],
    [{ status: '418' }, c.rest418Total],
  ]);
  labelledCounter('signals_total', 'Signals recorded, by model and status (sent or blocked).', ['model', 'status'], (c) =>
    c.signals.map((s) => [{ model: s.model, status: s.status }, s.count] as const));
  labelledCounter('trades_total', 'Paper trades closed, by outcome.', ['outcome'], (c) => entries(c.tradesByOutcome, 'outcome'));
  gauge('outbox_pending_messages', 'Telegram messages waiting in the outbox.', (c) => c.outboxPending);
  gauge('outbox_oldest_pending_age_seconds', 'Age of the oldest pending outbox message.', (c) => c.outboxOldestPendingAgeS);
  new Counter({
    name: `${METRIC_PREFIX}watermark_late_declarations_total`, help: 'Symbols declared late by the event-time watermark (one per symbol and period).',
    registers: [registry], collect() { this.reset(); this.inc(sane(sources.eventTime().lateDeclarations)); },
  });
  new Gauge({
    name: `${METRIC_PREFIX}watermark_late_symbols`, help: 'Symbols declared late that have not caught up.',
    registers: [registry], collect() { this.set(sources.eventTime().lateSymbols.length); },
  });
  new Gauge({
    name: `${METRIC_PREFIX}watermark_buffered_candles`, help: 'Closed candles waiting for the event-time watermark.',
    registers: [registry], collect() { this.set(sane(sources.eventTime().buffered)); },
  });
  new Gauge({
    name: `${METRIC_PREFIX}watermark_step_wait_seconds`, help: 'How long the recent live 30m steps waited for the event-time watermark (arrival to processing), by quantile.',
    labelNames: ['quantile'], registers: [registry],
    collect() {
      this.reset();
      const { stepWaitP50Ms, stepWaitP99Ms } = sources.eventTime();
      if (stepWaitP50Ms !== null) this.set({ quantile: '0.5' }, sane(stepWaitP50Ms) / 1000);
      if (stepWaitP99Ms !== null) this.set({ quantile: '0.99' }, sane(stepWaitP99Ms) / 1000);
    },
  });
  labelledCounter('telegram_errors_total', 'Telegram send errors, by error code.', ['code'], (c) => entries(c.telegramErrorsByCode, 'code'));

  new Gauge({
    name: `${METRIC_PREFIX}shard_last_frame_age_seconds`, help: 'Seconds since each shard last received a frame (absent before the first).',
    labelNames: ['shard'], registers: [registry],
    collect() {
      this.reset();
      for (const s of sources.shards()) if (s.lastFrameAgeMs !== null) this.set({ shard: s.id }, sane(s.lastFrameAgeMs) / 1000);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}uptime_seconds`, help: 'Seconds since the bot started.', registers: [registry],
    collect() { this.set(sane(nowMs() - sources.startedAtMs) / 1000); },
  });
  return {
    contentType: registry.contentType,
    async render() {
      snapshot = undefined; // one consistent reading of the counters per scrape
      try {
        return await registry.metrics();
      } finally {
        snapshot = undefined;
      }
    },
  };
}

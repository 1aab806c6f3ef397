import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from './fixtures.js';

let servers: Array<Awaited<ReturnType<typeof startServer>>> = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function started() {
  const s = await startServer();
  servers.push(s);
  return s;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:\\.|[^"\\])*",?)*\})? (-?[0-9.]+(?:e[+-]?\d+)?|[Nn][Aa][Nn]|[+-]Inf)$/; // Go ParseFloat: NaN in any case (prom-client writes "Nan")
const COMMENT = /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$/;

interface Scrape { samples: Map<string, number>; types: Map<string, string> }

/** Parses the Prometheus text format strictly: every line a comment or `name{labels} value`. */
function parse(text: string): Scrape {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line, 'comment line shape').toMatch(COMMENT);
      const [, kind, name, type] = line.split(' ');
      if (kind === 'TYPE') types.set(name!, type!);
      continue;
    }
    const m = SAMPLE.exec(line);
    expect(m, `sample line shape: ${line}`).not.toBeNull();
    samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]));
  }
  return { samples, types };
}

async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status, 'metrics answers').toBe(200);
  expect(res.headers.get('content-type'), 'Prometheus text format').toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await res.text());
}

describe('GET /metrics', () => {
  it('exposes every kline_signals_* series with the values from sources', async () => {
    const s = await started();
    const c = s.sources.counterValues;
    s.sources.late = { watermarkMs: 0, lateSymbols: ['DOGEUSDT', 'XRPUSDT'], lateDeclarations: 3, buffered: 17, stepWaitP50Ms: 250, stepWaitP99Ms: 750 };
    const { samples, types } = await scrape(s.url);
    const expected: Array<[string, number]> = [
      ['kline_signals_ws_frames_total', c.framesTotal],
      ...Object.entries(c.badFramesByKind).map(([k, v]): [string, number] => [`kline_signals_ws_bad_frames_total{kind="${k}"}`, v]),
      ['kline_signals_ws_reconnects_total', c.reconnectsTotal],
      ['kline_signals_backfilled_candles_total', c.backfilledCandlesTotal],
      ['kline_signals_closed_candles_total', c.closedCandlesTotal],
      ['kline_signals_rest_weight_used_1m', c.restWeightUsed1m],
      ['kline_signals_rest_weight_sent_total', c.restWeightSentTotal],
      ['kline_signals_rest_rate_limited_total{status="429"}', c.rest429Total],
      ['kline_signals_rest_rate_limited_total{status="418"}', c.rest418Total],
      ...c.signals.map((x): [string, number] => [`kline_signals_signals_total{model="${x.model}",status="${x.status}"}`, x.count]),
      ...Object.entries(c.tradesByOutcome).map(([k, v]): [string, number] => [`kline_signals_trades_total{outcome="${k}"}`, v]),
      ['kline_signals_outbox_pending_messages', c.outboxPending],
      ['kline_signals_outbox_oldest_pending_age_seconds', c.outboxOldestPendingAgeS],
      ...Object.entries(c.telegramErrorsByCode).map(([k, v]): [string, number] => [`kline_signals_telegram_errors_total{code="${k}"}`, v]),
      ['kline_signals_watermark_late_declarations_total', 3],
      ['kline_signals_watermark_late_symbols', 2],
      ['kline_signals_watermark_buffered_candles', 17],
      ['kline_signals_watermark_step_wait_seconds{quantile="0.5"}', 0.25],
      ['kline_signals_watermark_step_wait_seconds{quantile="0.99"}', 0.75],
      ...s.sources.shardList.map((sh): [string, number] => [`kline_signals_shard_last_frame_age_seconds{shard="${sh.id}"}`, sh.lastFrameAgeMs! / 1000]),
      ['kline_signals_uptime_seconds', (s.clock.nowMs - s.sources.startedAtMs) / 1000],
    ];
    for (const [series, value] of expected) expect(samples.get(series), `${series} from sources`).toBe(value);
    const ours = [...types.keys()].filter((n) => n.startsWith('kline_signals_'));
    for (const name of ours) {
      expect(types.get(name), `${name}: _total names are counters, others gauges`).toBe(name.endsWith('_total') ? 'counter' : 'gauge');
    }
    expect(ours.length, 'no series left untested').toBe(new Set(expected.map(([k]) => k.replace(/\{.*/, ''))).size);
  });

  it('includes Node default metrics: RSS and event-loop lag', async () => {
    const { samples } = await scrape((await started()).url);
    expect(samples.get('process_resident_memory_bytes'), 'RSS').toBeGreaterThan(0);
    expect(samples.has('nodejs_eventloop_lag_seconds'), 'event-loop lag').toBe(true);
  });

  it('reads sources at scrape time, so values follow the bot', async () => {
    const s = await started();
    const before = (await scrape(s.url)).samples.get('kline_signals_ws_frames_total')!;
    s.sources.counterValues = { ...s.sources.counterValues, framesTotal: before + 500, badFramesByKind: { number: 1 } };
    const after = (await scrape(s.url)).samples;
    expect(after.get('kline_signals_ws_frames_total'), 'new total').toBe(before + 500);
    expect(after.get('kline_signals_ws_bad_frames_total{kind="number"}'), 'new label').toBe(1);
    expect(after.has('kline_signals_ws_bad_frames_total{kind="json"}'), 'labels the source no longer has are gone').toBe(false);
  });

  it('shows a NaN or negative reading as 0 instead of failing the scrape', async () => {
    const s = await started();
    s.sources.counterValues = { ...s.sources.counterValues, framesTotal: Number.NaN, outboxPending: -3 };
    const { samples } = await scrape(s.url);
    expect(samples.get('kline_signals_ws_frames_total'), 'NaN counter').toBe(0);
    expect(samples.get('kline_signals_outbox_pending_messages'), 'negative gauge').toBe(0);
  });

  it('two servers in one process keep separate registries', async () => {
    const a = await started();
    const b = await started();
    b.sources.counterValues = { ...b.sources.counterValues, framesTotal: 7 };
    const [sa, sb] = await Promise.all([scrape(a.url), scrape(b.url)]);
    expect(sa.samples.get('kline_signals_ws_frames_total'), 'server a').toBe(a.sources.counterValues.framesTotal);
    expect(sb.samples.get('kline_signals_ws_frames_total'), 'server b').toBe(7);
  });
});

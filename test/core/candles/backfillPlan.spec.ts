import { describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../../src/domain/kline.js';
import {
  lastClosedOpenTimeMs, mergeBackfillRequests, pageLimit, planFetch, seriesRequests, type BackfillRequest,
} from '../../../src/core/candles/backfillPlan.js';
import { exampleKlines } from './support/exampleKlines.js';

const day = exampleKlines('BTCUSDT', '1d');
const step = INTERVAL_MS['1d'];
const nowMs = day[300]!.openTimeMs + 5 * 3_600_000; // candle 300 forming
const warmup: BackfillRequest = { symbol: 'BTCUSDT', interval: '1d', reason: 'warmup' };

describe('backfill planning', () => {
  it('finds the newest closed candle at a server time', () => {
    expect(lastClosedOpenTimeMs(nowMs, '1d'), 'candle 299 is the newest closed').toBe(day[299]!.openTimeMs);
    expect(lastClosedOpenTimeMs(day[300]!.openTimeMs, '1d'), 'at the exact end, the candle is closed').toBe(day[299]!.openTimeMs);
  });

  it('warm-up replays a recent store and fetches only what follows it', () => {
    const stored = day.slice(0, 290);
    const plan = planFetch({ request: warmup, nowMs, stored, lastStoredOpenTimeMs: undefined, windowCandles: 100 });
    expect(plan.replay, 'the stored candles').toBe(stored);
    expect([plan.fromOpenTimeMs, plan.throughOpenTimeMs], 'after the last stored, through the last closed')
      .toEqual([day[290]!.openTimeMs, day[299]!.openTimeMs]);
  });

  it('warm-up with an empty or stale store fetches the full window', () => {
    for (const stored of [[], day.slice(0, 150)]) {
      const plan = planFetch({ request: warmup, nowMs, stored, lastStoredOpenTimeMs: undefined, windowCandles: 100 });
      expect(plan.replay, 'nothing replayed').toEqual([]);
      expect((plan.throughOpenTimeMs - plan.fromOpenTimeMs) / step + 1, 'a full window').toBe(100);
    }
  });

  it('regression: warm-up after a stop longer than the window fetches from the last stored candle, leaving no hole', () => {
    // Stored through candle 150, now at 300 with a 100-candle window: the old plan fetched 200–299 only.
    const stored = day.slice(51, 151);
    const plan = planFetch({
      request: warmup, nowMs, stored, lastStoredOpenTimeMs: undefined, windowCandles: 100, catchUpFromMs: nowMs - 200 * step,
    });
    expect(plan.replay, 'the stored history is replayed first').toBe(stored);
    expect([plan.fromOpenTimeMs, plan.throughOpenTimeMs], 'every candle after the last stored one, none skipped')
      .toEqual([day[151]!.openTimeMs, day[299]!.openTimeMs]);
    expect(plan.skippedFromOpenTimeMs, 'no hole to tell').toBeUndefined();
  });

  it('warm-up beyond the catch-up horizon moves on from the newest window and names the hole', () => {
    const stored = day.slice(51, 151);
    const plan = planFetch({
      request: warmup, nowMs, stored, lastStoredOpenTimeMs: undefined, windowCandles: 100, catchUpFromMs: nowMs - 100 * step,
    });
    expect(plan.replay, 'nothing replayed').toEqual([]);
    expect((plan.throughOpenTimeMs - plan.fromOpenTimeMs) / step + 1, 'a full window').toBe(100);
    expect([plan.skippedFromOpenTimeMs, plan.skippedThroughOpenTimeMs], 'the candles not fetched: after the last stored, before the window')
      .toEqual([day[151]!.openTimeMs, day[199]!.openTimeMs]);
  });

  it('the horizon is inclusive, with one candle of slack for the 4h and 1d series behind the 30m cursor', () => {
    const stored = day.slice(51, 151);
    const endOfStored = day[151]!.openTimeMs;
    const plan = planFetch({
      request: warmup, nowMs, stored, lastStoredOpenTimeMs: undefined, windowCandles: 100, catchUpFromMs: endOfStored + step,
    });
    expect(plan.fromOpenTimeMs, 'caught up').toBe(day[151]!.openTimeMs);
    const beyond = planFetch({
      request: warmup, nowMs, stored, lastStoredOpenTimeMs: undefined, windowCandles: 100, catchUpFromMs: endOfStored + step + 1,
    });
    expect(beyond.fromOpenTimeMs, 'one millisecond beyond: the window').toBe(day[200]!.openTimeMs);
  });

  it('reconnect fetches everything after the last stored candle, however far back', () => {
    const plan = planFetch({
      request: { ...warmup, reason: 'reconnect' }, nowMs, stored: [], lastStoredOpenTimeMs: day[10]!.openTimeMs, windowCandles: 100,
    });
    expect(plan.fromOpenTimeMs, 'nothing skipped').toBe(day[11]!.openTimeMs);
  });

  it('gap fetches its own range, cut at the last closed candle', () => {
    const plan = planFetch({
      request: { ...warmup, reason: 'gap', fromOpenTimeMs: day[280]!.openTimeMs, toOpenTimeMs: day[305]!.openTimeMs },
      nowMs, stored: [], lastStoredOpenTimeMs: undefined, windowCandles: 100,
    });
    expect([plan.fromOpenTimeMs, plan.throughOpenTimeMs], 'range').toEqual([day[280]!.openTimeMs, day[299]!.openTimeMs]);
  });

  it('coalesces: warm-up > reconnect > gap, gaps united', () => {
    const gap = (a: number, b: number): BackfillRequest => ({ ...warmup, reason: 'gap', fromOpenTimeMs: a, toOpenTimeMs: b });
    expect(mergeBackfillRequests(gap(1, 2), warmup).reason, 'warm-up covers a gap').toBe('warmup');
    expect(mergeBackfillRequests({ ...warmup, reason: 'reconnect' }, gap(1, 2)).reason, 'reconnect covers a gap').toBe('reconnect');
    expect(mergeBackfillRequests(gap(5, 9), gap(1, 6)), 'union of gaps').toEqual(gap(1, 9));
  });

  it('pages at most 499 rows (weight 2) and fewer when fewer are wanted', () => {
    expect(pageLimit(0, 1000 * step, '1d', 499), 'capped').toBe(499);
    expect(pageLimit(0, 9 * step, '1d', 499), 'exact count').toBe(10);
  });

  it('lists every interval of each symbol', () => {
    expect(seriesRequests(['A', 'B'], 'reconnect').map((r) => `${r.symbol}@${r.interval}`), 'all series')
      .toEqual(['A@1d', 'A@4h', 'A@30m', 'B@1d', 'B@4h', 'B@30m']);
  });
});

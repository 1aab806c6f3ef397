import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/index.js';
import { tableKlines } from '../../src/csv/klineCsv.js';
import type { SimulatorFaults } from '../../src/sim/options.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { eventKline, exampleData, RecordingClient, waitFor, type KlineEvent } from './helpers.js';

const sims: Simulator[] = [];
const clients: RecordingClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function start(faults: SimulatorFaults, extra: { speed?: number; seed?: number } = {}): Promise<Simulator> {
  const sim = await startSimulator({ data: exampleData(), speed: extra.speed ?? 180_000, pushIntervalMs: 20, seed: extra.seed ?? 7, faults });
  sims.push(sim);
  return sim;
}
async function connect(url: string): Promise<RecordingClient> {
  const c = new RecordingClient(url);
  clients.push(c);
  return c.open();
}
const events = (c: RecordingClient): KlineEvent[] => c.json().filter((m) => (m as KlineEvent).e === 'kline') as KlineEvent[];
const closedTimes = (c: RecordingClient): number[] => events(c).filter((e) => e.s === 'BTCUSDT' && e.k.x).map((e) => e.k.t);

function garbageKind(f: { text: string; binary: boolean }): string | undefined {
  if (f.binary) return 'binary';
  let value: { k?: { o?: unknown }; stream?: string; data?: { k?: { o?: unknown } } };
  try { value = JSON.parse(f.text) as typeof value; } catch { return f.text === 'this is not json' ? 'nonJson' : 'truncated'; }
  if (value.stream === 'nosuchusdt@kline_30m' || (value as { s?: string }).s === 'NOSUCHUSDT') return 'unknownStream';
  if (typeof (value.k ?? value.data?.k)?.o === 'number') return 'wrongTypes';
  return undefined;
}

describe('fault injection', () => {
  it('drops every socket abruptly every dropEveryMs, and on demand', async () => {
    const sim = await start({ dropEveryMs: 100 });
    const c = await connect(`${sim.wsBaseUrl}/ws/btcusdt@kline_30m`);
    expect((await waitFor('drop', () => c.closed)).code, 'abnormal closure: no close frame').toBe(1006);
    expect(sim.stats().faults, 'counted').toMatchObject({ drops: expect.any(Number), droppedSockets: expect.any(Number) });
    expect(sim.stats().faults.droppedSockets, 'at least our socket').toBeGreaterThanOrEqual(1);
    const manual = await start({});
    const d = await connect(`${manual.wsBaseUrl}/ws`);
    expect(manual.dropConnections(), 'one socket terminated').toBe(1);
    expect((await waitFor('manual drop', () => d.closed)).code, 'abrupt').toBe(1006);
  });

  it('a stall pushes nothing, then the backlog arrives in one round with nothing lost', async () => {
    const sim = await start({});
    const c = await connect(`${sim.wsBaseUrl}/ws/btcusdt@kline_30m`);
    await waitFor('pushes before the stall', () => closedTimes(c).length >= 3);
    sim.stall(1000); // 100 simulated 30m candles at 180 000×
    const before = closedTimes(c).length;
    await waitFor('backlog', () => closedTimes(c).length >= before + 60, 10_000);
    const byEventTime = new Map<number, number>();
    for (const e of events(c).filter((e) => e.k.x)) byEventTime.set(e.E, (byEventTime.get(e.E) ?? 0) + 1);
    expect(Math.max(...byEventTime.values()), 'one round carried the stalled backlog').toBeGreaterThanOrEqual(50);
    const times = closedTimes(c);
    expect(times, 'still consecutive: a stall loses nothing').toEqual(times.map((_, i) => times[0]! + i * INTERVAL_MS['30m']));
  });

  it('periodic stalls are counted', async () => {
    const sim = await start({ stallEveryMs: 50, stallForMs: 20 });
    const stalls = await waitFor('two stalls', () => sim.stats().faults.stalls >= 2 && sim.stats().faults.stalls);
    expect(stalls, 'the stall timer fires every stallEveryMs').toBeGreaterThanOrEqual(2);
  });

  it('sends every kind of garbage frame, in the same order for the same seed', async () => {
    const kindsOf = async (seed: number): Promise<string[]> => {
      const sim = await start({ garbageRate: 1 }, { seed, speed: 3600 });
      const c = await connect(`${sim.wsBaseUrl}/stream?streams=btcusdt@kline_30m`);
      const kinds = () => c.frames.map(garbageKind).filter((k) => k !== undefined);
      await waitFor('all five kinds', () => new Set(kinds()).size === 5 && kinds().length >= 12, 10_000);
      expect(sim.stats().faults.garbage, 'counted').toBeGreaterThanOrEqual(12);
      return kinds().slice(0, 12);
    };
    const first = await kindsOf(11);
    expect(new Set(first).size, 'variety').toBeGreaterThan(1);
    expect(await kindsOf(11), 'deterministic from the seed').toEqual(first);
  });

  it('duplicates closed events without changing their truth', async () => {
    const sim = await start({ duplicateRate: 1 });
    const c = await connect(`${sim.wsBaseUrl}/ws/btcusdt@kline_30m`);
    await waitFor('ten closed pairs', () => closedTimes(c).length >= 20);
    const closed = events(c).filter((e) => e.k.x).map(eventKline).slice(0, 20);
    for (let i = 0; i < 20; i += 2) expect(closed[i + 1], 'each closed event sent twice, identical').toEqual(closed[i]);
    const unique = closed.filter((_, i) => i % 2 === 0);
    const table = exampleData().get('BTCUSDT@30m')!;
    const offset = (unique[0]!.openTimeMs - table.openTimeMs[0]!) / INTERVAL_MS['30m'];
    expect(unique, 'the truth is the CSV').toEqual(tableKlines(table, offset, offset + unique.length));
    expect(sim.stats().faults.duplicates, 'counted').toBeGreaterThanOrEqual(10);
  });

  it('re-sends an older forming update after a newer one', async () => {
    const sim = await start({ reorderRate: 1 }, { speed: 60 });
    const c = await connect(`${sim.wsBaseUrl}/ws/ethusdt@kline_1d`);
    await waitFor('an out-of-order forming update', () => events(c).some((e, i, all) => i > 0 && !e.k.x && e.k.t === all[i - 1]!.k.t && e.E < all[i - 1]!.E));
    expect(sim.stats().faults.reorders, 'counted').toBeGreaterThanOrEqual(1);
  });

  it('answers 429 during bursts regardless of weight, periodically and on demand', async () => {
    const sim = await start({ rest429EveryMs: 60, rest429ForMs: 40 });
    let status = 0;
    const deadline = performance.now() + 5000;
    while (status !== 429 && performance.now() < deadline) status = (await fetch(`${sim.restUrl}/fapi/v1/ping`)).status;
    expect(status, 'a burst hit').toBe(429);
    expect(sim.stats().faults.rest429Bursts, 'counted').toBeGreaterThanOrEqual(1);
    const quiet = await start({});
    quiet.burst429(60_000);
    const res = await fetch(`${quiet.restUrl}/fapi/v1/time`);
    expect([res.status, res.headers.get('retry-after')], 'burst on demand with Retry-After').toEqual([429, '60']);
  });

  it('slows every REST reply by restLatencyMs', async () => {
    const sim = await start({ restLatencyMs: 200 });
    const t0 = performance.now();
    const res = await fetch(`${sim.restUrl}/fapi/v1/ping`);
    expect(performance.now() - t0, 'cannot be faster than the injected latency').toBeGreaterThanOrEqual(195);
    expect([res.status, sim.stats().faults.slowRest], 'still answered, and counted').toEqual([200, 1]);
  });

  it('answers every REST request 503 -1001 during an outage on demand, and normally after it', async () => {
    let realMs = 1_000_000;
    const sim = await startSimulator({ data: exampleData(), speed: 60, faults: {}, realNowMs: () => realMs });
    sims.push(sim);
    sim.burst503(10_000);
    const during = [await fetch(`${sim.restUrl}/fapi/v1/time`), await fetch(`${sim.restUrl}/fapi/v1/ping`)];
    expect(during.map((r) => r.status), 'every path fails while it lasts').toEqual([503, 503]);
    expect(await during[0]!.json()).toEqual({ code: -1001, msg: 'Internal error; unable to process your request. Please try again.' });
    realMs += 10_000;
    expect((await fetch(`${sim.restUrl}/fapi/v1/time`)).status, 'over after its length').toBe(200);
    expect(sim.stats().faults.rest5xx, 'counted').toBe(2);
  });

  it('fails REST with 503 -1001 at the seeded rate', async () => {
    const statuses = async (seed: number, rate: number): Promise<number[]> => {
      const sim = await start({ rest5xxRate: rate }, { seed });
      const out: number[] = [];
      for (let i = 0; i < 20; i += 1) out.push((await fetch(`${sim.restUrl}/fapi/v1/ping`)).status);
      return out;
    };
    const always = await start({ rest5xxRate: 1 });
    const res = await fetch(`${always.restUrl}/fapi/v1/ping`);
    expect([res.status, await res.json()], 'Binance internal error body').toEqual([503, { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }]);
    const a = await statuses(3, 0.5);
    expect(a.filter((s) => s === 503).length, 'about half fail').toBeGreaterThan(2);
    expect(a.filter((s) => s === 200).length, 'about half pass').toBeGreaterThan(2);
    expect(await statuses(3, 0.5), 'same seed, same failures').toEqual(a);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/index.js';
import { createVirtualClock } from '../../src/sim/clock.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { exampleData, getJson, RecordingClient, waitFor, type KlineEvent } from './helpers.js';

const START = Date.UTC(2025, 6, 1);
const HALF_HOUR = INTERVAL_MS['30m'];

describe('virtual clock held, then run', () => {
  it('stands still while held; run() starts it from where it stood, without a jump', () => {
    let real = 1000;
    const clock = createVirtualClock({ startTimeMs: START, speed: 7200, realNowMs: () => real, held: true });
    real += 5000;
    expect([clock.nowMs(), clock.isHeld()], '5 real seconds held: the market has not moved').toEqual([START, true]);
    clock.run();
    expect(clock.nowMs(), 'released at the start, not start + the held time × speed').toBe(START);
    real += 250;
    expect([clock.nowMs(), clock.isHeld()], '250 real ms after the release at 7200× is 30 simulated minutes').toEqual([START + HALF_HOUR, false]);
  });

  it('run({ untilMs }) holds the market again at untilMs; a later run() resumes from there', () => {
    let real = 0;
    const clock = createVirtualClock({ startTimeMs: START, speed: 7200, realNowMs: () => real, held: true });
    clock.run({ untilMs: START + 2 * HALF_HOUR });
    real += 400;
    expect([clock.nowMs(), clock.isHeld()], 'before untilMs it runs').toEqual([START + 2_880_000, false]);
    real += 10_000;
    expect([clock.nowMs(), clock.isHeld()], 'past untilMs it stays there').toEqual([START + 2 * HALF_HOUR, true]);
    clock.run();
    real += 250;
    expect(clock.nowMs(), 'resumed from untilMs, no jump over the time it stood').toBe(START + 3 * HALF_HOUR);
    expect(() => clock.run({ untilMs: START }), 'a stop in the past would move time backwards').toThrow(/untilMs/);
  });

  it('a clock not created held runs from its creation, as before', () => {
    let real = 0;
    const clock = createVirtualClock({ startTimeMs: START, speed: 7200, realNowMs: () => real });
    real += 250;
    expect([clock.nowMs(), clock.isHeld()], 'running from the start').toEqual([START + HALF_HOUR, false]);
  });
});

describe('simulator with holdClock', () => {
  let sim: Simulator | undefined;
  const clients: RecordingClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await sim?.close();
    sim = undefined;
  });
  const serverTime = async (s: Simulator): Promise<number> => ((await getJson(`${s.restUrl}/fapi/v1/time`)).body as { serverTime: number }).serverTime;
  const events = (c: RecordingClient): KlineEvent[] => c.json().filter((m) => (m as KlineEvent).e === 'kline') as KlineEvent[];

  it('answers REST and streams at the start while held, and runs from the start when released', async () => {
    sim = await startSimulator({ data: exampleData(), speed: 7200, startTimeMs: START, pushIntervalMs: 20, holdClock: true });
    const client = new RecordingClient(`${sim.wsBaseUrl}/ws/btcusdt@kline_30m`);
    clients.push(client);
    await client.open();
    // Ten push rounds (200 ms: 24 simulated minutes if the clock ran) while held.
    await waitFor('ten forming updates while held', () => events(client).length >= 10);
    expect(await serverTime(sim), 'server time is the start while held').toBe(START);
    expect(events(client).filter((e) => e.k.x), 'no candle closes on a held market').toEqual([]);
    expect(new Set(events(client).map((e) => e.E)), 'every update is stamped at the start').toEqual(new Set([START]));

    const releasedAt = performance.now();
    sim.runClock();
    const first = await serverTime(sim);
    const elapsed = performance.now() - releasedAt;
    expect(first, 'not before the start').toBeGreaterThanOrEqual(START);
    expect(first - START, 'no jump: only the time since the release counts').toBeLessThanOrEqual(Math.ceil(elapsed * 7200));
    const closed = await waitFor('the first closed candle after the release', () => events(client).find((e) => e.k.x));
    expect(closed.k.t, 'the first candle to close is the one open at the start').toBe(START);
  });

  it('runClock({ untilMs }) ends the market at untilMs: its candles close, none after', async () => {
    sim = await startSimulator({ data: exampleData(), speed: 7200, startTimeMs: START, pushIntervalMs: 20, holdClock: true });
    const client = new RecordingClient(`${sim.wsBaseUrl}/ws/btcusdt@kline_30m`);
    clients.push(client);
    await client.open();
    const untilMs = START + 4 * HALF_HOUR;
    sim.runClock({ untilMs });
    const s = sim;
    await waitFor('the clock to reach untilMs', () => s.clock.isHeld(), 10_000);
    await waitFor('the fourth closed candle', () => events(client).filter((e) => e.k.x).length >= 4);
    const rounds = events(client).length;
    await waitFor('ten more push rounds on the ended market', () => events(client).length >= rounds + 10);
    expect(await serverTime(sim), 'server time stays at untilMs').toBe(untilMs);
    expect(events(client).filter((e) => e.k.x).map((e) => e.k.t), 'exactly the candles ending by untilMs closed').toEqual([0, 1, 2, 3].map((i) => START + i * HALF_HOUR));
  });
});

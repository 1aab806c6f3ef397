import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { exampleData, RecordingClient, waitFor } from './helpers.js';

let sim: Simulator | undefined;
const clients: RecordingClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.close();
});

function client(url: string, autoPong = true): RecordingClient {
  const c = new RecordingClient(url, { autoPong });
  clients.push(c);
  return c;
}

describe('market-stream connection limits (A6)', () => {
  it('closes a connection that sends more than 10 messages in a second, after answering the first 10', async () => {
    sim = await startSimulator({ data: exampleData() });
    const c = await client(`${sim.wsBaseUrl}/ws`).open();
    for (let id = 1; id <= 11; id += 1) c.send({ method: 'LIST_SUBSCRIPTIONS', id });
    const closed = await waitFor('server close', () => c.closed);
    expect(closed, 'policy close').toEqual({ code: 1008, reason: 'Too many messages' });
    expect(c.json().map((m) => (m as { id: number }).id), 'the first ten were answered').toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sim.stats().ws.tooManyMessages, 'counted').toBe(1);
  });

  it('ten messages a second are fine', async () => {
    sim = await startSimulator({ data: exampleData() });
    const c = await client(`${sim.wsBaseUrl}/ws`).open();
    for (let id = 1; id <= 10; id += 1) c.send({ method: 'LIST_SUBSCRIPTIONS', id });
    await c.reply(10);
    const probe = await client(`${sim.wsBaseUrl}/ws`).open(); // a later connection proves the server processed the burst
    probe.send({ method: 'LIST_SUBSCRIPTIONS', id: 1 });
    await probe.reply(1);
    expect(c.closed, 'still open at the limit').toBeUndefined();
  });

  it('pings every pingIntervalMs and keeps a client that answers pongs', async () => {
    sim = await startSimulator({ data: exampleData(), pingIntervalMs: 40, pongTimeoutMs: 400 });
    const c = await client(`${sim.wsBaseUrl}/ws`).open();
    await waitFor('twelve pings (longer than the pong timeout)', () => c.pings >= 12);
    expect(c.closed, 'auto-pong keeps it alive past pongTimeoutMs').toBeUndefined();
    expect(sim.stats().ws.pongsReceived, 'pongs seen by the server').toBeGreaterThanOrEqual(5);
  });

  it('closes a client that does not answer pings within pongTimeoutMs', async () => {
    sim = await startSimulator({ data: exampleData(), pingIntervalMs: 30, pongTimeoutMs: 120 });
    const c = await client(`${sim.wsBaseUrl}/ws`, false).open();
    const closed = await waitFor('pong timeout close', () => c.closed);
    expect(c.pings, 'it was pinged first').toBeGreaterThanOrEqual(1);
    expect(closed.reason, 'closed for the missing pong').toBe('Pong timeout');
    expect(sim.stats().ws.pongTimeouts, 'counted').toBe(1);
  });

  it('closes every connection at maxConnectionAgeMs', async () => {
    sim = await startSimulator({ data: exampleData(), maxConnectionAgeMs: 150 });
    const c = await client(`${sim.wsBaseUrl}/stream?streams=btcusdt@kline_30m`).open();
    const closed = await waitFor('age cut', () => c.closed);
    expect(closed, 'normal close at the age limit').toEqual({ code: 1000, reason: 'Connection lifetime exceeded' });
    expect(sim.stats().ws.ageCuts, 'counted').toBe(1);
  });

  it('caps streams per connection: an URL with too many is refused, a SUBSCRIBE past the cap gets an error', async () => {
    sim = await startSimulator({ data: exampleData(), maxStreamsPerConnection: 200 });
    const names = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `sim${String(i + from).padStart(3, '0')}usdt@kline_30m`);
    await expect(client(`${sim.wsBaseUrl}/ws/${names(201).join('/')}`).open(), '201 streams in the URL').rejects.toThrow();
    const c = await client(`${sim.wsBaseUrl}/ws/${names(150).join('/')}`).open();
    c.send({ method: 'SUBSCRIBE', params: names(50, 150), id: 1 });
    expect(await c.reply(1), '200 exactly is accepted').toEqual({ result: null, id: 1 });
    c.send({ method: 'SUBSCRIBE', params: names(1, 200), id: 2 });
    expect(await c.reply(2), 'the 201st is refused').toMatchObject({ error: { code: 2 }, id: 2 });
    c.send({ method: 'LIST_SUBSCRIPTIONS', id: 3 });
    expect(((await c.reply(3)).result as string[]).length, 'still 200').toBe(200);
  });
});

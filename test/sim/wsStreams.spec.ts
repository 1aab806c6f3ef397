import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/index.js';
import { tableKlines } from '../../src/csv/klineCsv.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { eventKline, exampleData, RecordingClient, waitFor, type KlineEvent } from './helpers.js';

let sim: Simulator | undefined;
const clients: RecordingClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.close();
});

async function connect(url: string): Promise<RecordingClient> {
  const client = new RecordingClient(url);
  clients.push(client);
  return client.open();
}

const KEY_ORDER = ['t', 'T', 's', 'i', 'f', 'L', 'o', 'c', 'h', 'l', 'v', 'n', 'x', 'q', 'V', 'Q', 'B'];
const STRING_FIELDS = ['s', 'i', 'o', 'c', 'h', 'l', 'v', 'q', 'V', 'Q', 'B'];

describe('market streams', () => {
  it('combined frames are {"stream","data"} with the exact kline payload types', async () => {
    sim = await startSimulator({ data: exampleData(), speed: 3600, pushIntervalMs: 25 });
    const client = await connect(`${sim.wsBaseUrl}/stream?streams=btcusdt@kline_30m/ethusdt@kline_4h`);
    await waitFor('frames of both streams', () => new Set(client.json().map((m) => (m as { stream: string }).stream)).size === 2);
    const frame = client.json()[0] as { stream: string; data: KlineEvent };
    expect(Object.keys(frame), 'wrapper keys').toEqual(['stream', 'data']);
    expect(Object.keys(frame.data), 'event keys').toEqual(['e', 'E', 's', 'k']);
    expect(Object.keys(frame.data.k), 'kline keys in Binance order').toEqual(KEY_ORDER);
    const { k } = frame.data;
    for (const f of STRING_FIELDS) expect(typeof (k as unknown as Record<string, unknown>)[f], `k.${f} is a string`).toBe('string');
    for (const f of ['t', 'T', 'f', 'L', 'n']) expect(typeof (k as unknown as Record<string, unknown>)[f], `k.${f} is a number`).toBe('number');
    expect([typeof frame.data.E, typeof k.x], 'E number, x boolean').toEqual(['number', 'boolean']);
    expect(frame.stream, 'lowercase stream name').toMatch(/^(btcusdt@kline_30m|ethusdt@kline_4h)$/);
    expect(frame.data.s, 'uppercase symbol').toBe(frame.stream.split('@')[0]!.toUpperCase());
    expect(k.T - k.t, 'T = t + interval − 1').toBe(INTERVAL_MS[k.i as '30m' | '4h'] - 1);
  });

  it('raw /market/ws/<a>/<b> frames are bare events', async () => {
    sim = await startSimulator({ data: exampleData(), speed: 3600, pushIntervalMs: 25 });
    const client = await connect(`${sim.wsBaseUrl}/ws/solusdt@kline_1d/btcusdt@kline_1d`);
    const events = await waitFor('events of both', () => {
      const seen = client.json() as KlineEvent[];
      return new Set(seen.map((e) => e.s)).size === 2 && seen;
    });
    expect(events.every((e) => e.e === 'kline' && !('stream' in e)), 'no wrapper on /ws').toBe(true);
  });

  it('every candle closed while subscribed arrives once, in order, equal to the CSV row; the forming one follows', async () => {
    sim = await startSimulator({ data: exampleData(), speed: 180_000, pushIntervalMs: 30 });
    const before = sim.clock.nowMs();
    const client = await connect(`${sim.wsBaseUrl}/stream?streams=btcusdt@kline_30m/solusdt@kline_4h`);
    const after = sim.clock.nowMs();
    const closedOf = (stream: string) => client.json()
      .filter((m) => (m as { stream: string }).stream === stream && (m as { data: KlineEvent }).data.k.x)
      .map((m) => eventKline((m as { data: KlineEvent }).data));
    await waitFor('40 closed 30m candles and 3 closed 4h', () => closedOf('btcusdt@kline_30m').length >= 40 && closedOf('solusdt@kline_4h').length >= 3, 15_000);
    for (const [stream, key, interval] of [['btcusdt@kline_30m', 'BTCUSDT@30m', '30m'], ['solusdt@kline_4h', 'SOLUSDT@4h', '4h']] as const) {
      const closed = closedOf(stream);
      const stepMs = INTERVAL_MS[interval];
      const first = closed[0]!;
      expect(first.closeTimeMs + 1, 'the first closed candle closed after we started connecting').toBeGreaterThan(before);
      expect(first.openTimeMs, 'and had opened by the time we were connected (none skipped)').toBeLessThanOrEqual(after);
      expect(closed.map((k) => k.openTimeMs), `${stream}: consecutive, no gap, no repeat`).toEqual(closed.map((_, i) => first.openTimeMs + i * stepMs));
      const table = exampleData().get(key)!;
      const offset = (first.openTimeMs - table.openTimeMs[0]!) / stepMs;
      expect(closed, `${stream}: equal to the CSV rows exactly`).toEqual(tableKlines(table, offset, offset + closed.length));
      expect(closed, 'equal to the simulator truth').toEqual(sim.closedKlines(key.split('@')[0]!, interval, first.openTimeMs, closed.at(-1)!.openTimeMs));
    }
    const btc = client.json().filter((m) => (m as { stream: string }).stream === 'btcusdt@kline_30m').map((m) => (m as { data: KlineEvent }).data.k);
    const lastClosedAt = btc.map((k) => k.x).lastIndexOf(true);
    const afterClose = btc.slice(lastClosedAt + 1);
    if (afterClose.length > 0) expect(afterClose.every((k) => !k.x && k.t === btc[lastClosedAt]!.t + INTERVAL_MS['30m']), 'forming updates are the next candle').toBe(true);
  });

  it('SUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY and UNSUBSCRIBE round trip over a real socket', async () => {
    sim = await startSimulator({ data: exampleData(), speed: 3600, pushIntervalMs: 25 });
    const client = await connect(`${sim.wsBaseUrl}/ws`);
    client.send({ method: 'SUBSCRIBE', params: ['btcusdt@kline_30m', 'ethusdt@kline_1d'], id: 1 });
    expect(await client.reply(1), 'ACK').toEqual({ result: null, id: 1 });
    client.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
    expect(await client.reply(2), 'list').toEqual({ result: ['btcusdt@kline_30m', 'ethusdt@kline_1d'], id: 2 });
    await waitFor('raw pushes', () => client.json().some((m) => (m as KlineEvent).e === 'kline'));
    client.send({ method: 'SET_PROPERTY', params: ['combined', true], id: 3 });
    await client.reply(3);
    const ackAt = client.frames.length;
    await waitFor('wrapped pushes', () => client.json().slice(ackAt).some((m) => 'stream' in (m as object)));
    expect(client.json().slice(ackAt).every((m) => 'stream' in (m as object)), 'after SET_PROPERTY combined, every push is wrapped').toBe(true);
    client.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@kline_30m'], id: 4 });
    await client.reply(4);
    const unsubAt = client.frames.length;
    await waitFor('more 1d pushes', () => client.json().slice(unsubAt).filter((m) => (m as { stream?: string }).stream === 'ethusdt@kline_1d').length >= 3);
    expect(client.json().slice(unsubAt).some((m) => (m as { stream?: string }).stream === 'btcusdt@kline_30m'), 'nothing after the UNSUBSCRIBE ACK').toBe(false);
    client.send('{"method":"GET_PROPERTY","params":["bogus"],"id":5}');
    expect(await client.reply(5), 'error body over the wire').toEqual({ error: { code: 0, msg: 'Unknown property' }, id: 5 });
  });

  it('the legacy /stream and /ws paths ACK SUBSCRIBE but never push klines (2026 silent feed)', async () => {
    sim = await startSimulator({ data: exampleData(), speed: 3600, pushIntervalMs: 25 });
    const origin = sim.wsBaseUrl.replace(/\/market$/, '');
    const legacyCombined = await connect(`${origin}/stream?streams=btcusdt@kline_30m`);
    const legacyRaw = await connect(`${origin}/ws`);
    legacyRaw.send({ method: 'SUBSCRIBE', params: ['btcusdt@kline_30m'], id: 9 });
    expect(await legacyRaw.reply(9), 'the legacy path still ACKs').toEqual({ result: null, id: 9 });
    const routed = await connect(`${sim.wsBaseUrl}/stream?streams=btcusdt@kline_30m`);
    await waitFor('the routed path gets 10 pushes meanwhile', () => routed.frames.length >= 10);
    expect(legacyCombined.frames, 'legacy combined: silent').toEqual([]);
    expect(legacyRaw.json(), 'legacy raw: only the ACK').toEqual([{ result: null, id: 9 }]);
    expect(sim.stats().connections.legacy, 'counted').toBe(2);
  });

  it('refuses an unknown path', async () => {
    sim = await startSimulator({ data: exampleData() });
    const client = new RecordingClient(`${sim.wsBaseUrl.replace(/\/market$/, '')}/public/ws/btcusdt@kline_1m`);
    clients.push(client);
    await expect(client.open(), 'upgrade refused').rejects.toThrow();
    expect(sim.stats().ws.rejectedUpgrades, 'counted').toBe(1);
  });
});

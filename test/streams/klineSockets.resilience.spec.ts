import { afterEach, describe, it, expect } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { of } from 'rxjs';
import WebSocket from 'ws';
import { FakeBinance, waitFor } from './klineSockets.fakeBinance.js';
import { closes, opens, runSockets, streamNames, type Running } from './klineSockets.harness.js';

let fake: FakeBinance | undefined;
let running: Running | undefined;
afterEach(async () => {
  running?.subscription.unsubscribe();
  await fake?.close();
  fake = undefined;
  running = undefined;
});

describe('klineSockets: reconnects, stale feeds and age swaps', () => {
  it('reconnects after an abrupt drop, resubscribes everything and says reconnect=true', async () => {
    fake = await FakeBinance.start();
    const wanted = streamNames(5);
    running = runSockets(fake, of(new Set(wanted)), { maxStreamsPerConn: 10, subscribeBatchSize: 2 });
    const r = running;
    await waitFor(() => opens(r.events).length === 1, 'first open');
    fake.drop(fake.connections[0]!);
    const reopened = await waitFor(() => opens(r.events)[1], 'open after the drop');
    const second = fake.connections[1]!;
    expect(reopened.reconnect, 'a drop may leave a gap: reconnect=true triggers the backfill').toBe(true);
    expect([...second.subscribed].sort(), 'the new connection owns every stream again').toEqual([...wanted].sort());
    expect(second.urlStreams.length, 'the reopening URL stays one batch short').toBe(2);
    expect(closes(r.events)[0]?.reason, 'closed names the failure').toMatch(/socket closed \(1006\)/);
    expect(r.stats.reconnects, 'one reconnect counted').toBe(1);
    const warn = r.logs.find((l) => l.msg === 'shard reconnecting');
    expect(warn, 'reconnect logged as a warning with attempt and delay').toMatchObject({ level: 40, shard: 's0', attempt: 1 });
    expect(warn?.delayMs, 'delay within the first backoff cap').toBeLessThan(20);
    expect(r.errors, 'the stream goes on').toEqual([]);
  });

  it('retries a refused dial quietly (no closed event) and connects once the server answers', async () => {
    fake = await FakeBinance.start();
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const livePort = new URL(fake.baseUrl).port;
    let dials = 0;
    const createSocket = (url: string): WebSocket => new WebSocket(dials++ < 2 ? url.replace(`:${livePort}/`, `:${deadPort}/`) : url);
    running = runSockets(fake, of(new Set(streamNames(2))), { createSocket });
    const r = running;
    const open = await waitFor(() => opens(r.events)[0], 'open after two refused dials');
    expect(dials, 'two refused dials, then the good one').toBe(3);
    expect(open.reconnect, 'a retried dial is a reconnect (a gap is possible)').toBe(true);
    expect(closes(r.events), 'nothing was open, so nothing is reported closed').toEqual([]);
    expect(r.logs.filter((l) => l.msg === 'shard reconnecting').map((l) => l.attempt), 'backoff attempts logged').toEqual([1, 2]);
  });

  it('tears down a silent connection after staleAfterMs and reconnects', async () => {
    fake = await FakeBinance.start();
    fake.ack = false; // an ACK-less, frame-less feed: what the retired legacy URL looks like
    running = runSockets(fake, of(new Set(streamNames(2))), { staleAfterMs: 300 });
    const r = running;
    await waitFor(() => fake!.connections.length >= 2 && fake!.connections[0]!.closed, 'a second connection after the first went stale', 5000);
    expect(closes(r.events)[0]?.reason, 'the close reason is the stale error').toMatch(/silent for 300 ms/);
    expect(r.stats.reconnects, 'stale teardown counts as a reconnect').toBeGreaterThanOrEqual(1);
  });

  it('replaces an aged connection make-before-break: the new one is subscribed before the old closes', async () => {
    fake = await FakeBinance.start();
    const wanted = streamNames(3);
    running = runSockets(fake, of(new Set(wanted)), { maxStreamsPerConn: 10, subscribeBatchSize: 1, maxConnectionAgeMs: 800 });
    const r = running;
    await waitFor(() => fake!.connections[0]?.closed, 'the first connection retired', 5000);
    const ev = fake.events;
    const lastAckOfSecond = Math.max(...ev.map((e, i) => (e.startsWith('ack 2 ') ? i : -1)));
    expect(ev.indexOf('connect 2'), 'replacement dialled while the old one lives').toBeLessThan(ev.indexOf('close 1'));
    expect(lastAckOfSecond, 'replacement fully subscribed before the old one closes').toBeLessThan(ev.indexOf('close 1'));
    expect([...fake.connections[1]!.subscribed].sort(), 'replacement owns every stream').toEqual([...wanted].sort());
    expect(closes(r.events)[0]?.reason, 'the old connection is reported replaced').toBe('replaced');
    expect(opens(r.events)[1]?.reconnect, 'a swap leaves no gap, so no backfill').toBe(false);
    expect(r.stats.reconnects, 'a swap is not a reconnect').toBe(0);
  });
});

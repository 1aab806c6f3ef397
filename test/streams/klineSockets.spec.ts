import { afterEach, describe, it, expect } from 'vitest';
import { BehaviorSubject, of } from 'rxjs';
import { FakeBinance, klinePayload, waitFor } from './klineSockets.fakeBinance.js';
import { closes, opens, runSockets, streamNames, type Running } from './klineSockets.harness.js';

let fake: FakeBinance | undefined;
let running: Running | undefined;
afterEach(async () => {
  running?.subscription.unsubscribe();
  await fake?.close();
  fake = undefined;
  running = undefined;
});

describe('klineSockets: sharding and subscriptions', () => {
  it('spreads 7 streams over 3 connections of at most 3 on the routed /market/stream path', async () => {
    fake = await FakeBinance.start();
    const wanted = streamNames(7);
    running = runSockets(fake, of(new Set(wanted)), { maxStreamsPerConn: 3 });
    const r = running;
    await waitFor(() => opens(r.events).length === 3, 'three shards open');
    const conns = fake.live();
    expect(conns.length, 'ceil(7 / 3) connections').toBe(3);
    expect(conns.every((c) => c.subscribed.size <= 3), 'no connection above maxStreamsPerConn').toBe(true);
    expect(conns.every((c) => c.path === '/market/stream'), 'klines come from the routed market base').toBe(true);
    expect(conns.flatMap((c) => [...c.subscribed]).sort(), 'every stream subscribed exactly once').toEqual([...wanted].sort());
    expect(opens(r.events).map((e) => e.reconnect), 'first connections are not reconnects').toEqual([false, false, false]);
    expect(r.stats.shards.size, 'stats list the three shards').toBe(3);
    expect(r.logs.filter((l) => l.msg === 'shard open').map((l) => [l.shard, l.streams]).sort(), 'shard open logged with its size')
      .toEqual([['s0', 3], ['s1', 3], ['s2', 1]]);
  });

  it('turns a universe change into exactly the diff on the open shard, with no new connection', async () => {
    fake = await FakeBinance.start();
    const [a, b, c, d, e, f] = streamNames(6);
    const universe = new BehaviorSubject<ReadonlySet<string>>(new Set([a!, b!, c!, d!]));
    running = runSockets(fake, universe, { maxStreamsPerConn: 10, subscribeBatchSize: 2 });
    const r = running;
    await waitFor(() => opens(r.events).length === 1, 'shard open');
    const conn = fake.connections[0]!;
    expect(conn.urlStreams, 'the URL carries only the first batch').toEqual([a, b]);
    expect(conn.received.map((m) => [m.method, m.params]), 'the rest is SUBSCRIBEd').toEqual([['SUBSCRIBE', [c, d]]]);

    universe.next(new Set([b!, c!, d!, e!, f!]));
    await waitFor(() => conn.received.length === 3, 'diff messages');
    expect(conn.received.slice(1).map((m) => [m.method, m.params]), 'only the diff is sent').toEqual([
      ['UNSUBSCRIBE', [a]],
      ['SUBSCRIBE', [e, f]],
    ]);
    expect(conn.received.every((m) => Number.isInteger(m.id)), 'ids are integers').toBe(true);
    expect(new Set(conn.received.map((m) => m.id)).size, 'ids are distinct').toBe(3);
    expect(fake.connections.length, 'no new connection for a diff that fits').toBe(1);
    expect([...conn.subscribed].sort(), 'server now holds the new universe').toEqual([b, c, d, e, f].sort());
  });

  it('paces control messages: never more than 5 within any second on the server clock', async () => {
    fake = await FakeBinance.start();
    const wanted = streamNames(9);
    running = runSockets(fake, of(new Set(wanted)), { maxStreamsPerConn: 50, subscribeBatchSize: 1, controlMessagesPerSecond: 5 });
    const r = running;
    const open = await waitFor(() => opens(r.events)[0], 'shard open after every ACK');
    const times = fake.connections[0]!.received.map((m) => m.atMs);
    expect(times.length, 'one URL stream + 8 single-stream SUBSCRIBEs').toBe(8);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest, 'at most 5 control messages in any 1 s window').toBeLessThanOrEqual(5);
    expect(open.streams.length, 'open is emitted once all 9 are subscribed').toBe(9);
  });

  it('forwards data frames with their shard and consumes the ACKs', async () => {
    fake = await FakeBinance.start();
    const [a] = streamNames(1);
    running = runSockets(fake, of(new Set([a!])));
    const r = running;
    await waitFor(() => opens(r.events).length === 1, 'shard open');
    expect(fake.push(a!, klinePayload('SYM0USDT', '30m', 1_735_689_600_000)), 'fake pushed to one client').toBe(1);
    const frame = await waitFor(() => r.events.find((e) => e.type === 'frame'), 'a frame');
    expect(frame, 'raw combined text, tagged with the shard').toEqual({ type: 'frame', shard: 's0', data: JSON.stringify({ stream: a, data: klinePayload('SYM0USDT', '30m', 1_735_689_600_000) }) });
    expect(r.stats.frames, 'frame counted').toBe(1);
    expect(r.stats.shards.get('s0')?.lastFrameMs, 'last-frame time recorded').toBeTypeOf('number');
  });

  it('passes on a text frame of invalid UTF-8 (for the parser to count as bad) and keeps the connection', async () => {
    fake = await FakeBinance.start();
    const [a] = streamNames(1);
    running = runSockets(fake, of(new Set([a!])));
    const r = running;
    await waitFor(() => opens(r.events).length === 1, 'shard open');
    expect(fake.pushRawText(a!, Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 'fake sent the bad frame').toBe(1);
    fake.push(a!, klinePayload('SYM0USDT', '30m', 1_735_689_600_000));
    await waitFor(() => r.events.filter((e) => e.type === 'frame').length === 2, 'both frames');
    const frames = r.events.filter((e) => e.type === 'frame');
    expect(frames[0], 'the invalid bytes arrive decoded with replacement characters').toEqual({ type: 'frame', shard: 's0', data: '{"\ufffd\ufffd"}' });
    expect(closes(r.events), 'no close (ws would close with 1007 if it validated UTF-8)').toEqual([]);
    expect(fake.connections.length, 'still the first connection').toBe(1);
    expect(r.stats.frames, 'both counted').toBe(2);
  });

  it('counts but does not emit the data frames skipFrame answers true for', async () => {
    fake = await FakeBinance.start();
    const [a] = streamNames(1);
    const skipped: string[] = [];
    running = runSockets(fake, of(new Set([a!])), { skipFrame: (text) => text.includes('"c":"1.1"') && skipped.push(text) > 0 });
    const r = running;
    await waitFor(() => opens(r.events).length === 1, 'shard open');
    const skippedPayload = klinePayload('SYM0USDT', '30m', 1_735_689_600_000);
    const kept = { stream: a, data: { ...(klinePayload('SYM0USDT', '30m', 1_735_689_600_000) as object), E: 7, k: { c: '2.0' } } };
    fake.push(a!, skippedPayload);
    fake.push(a!, kept.data);
    await waitFor(() => r.events.some((e) => e.type === 'frame'), 'the kept frame');
    const frames = r.events.filter((e) => e.type === 'frame');
    expect(frames, 'only the frame skipFrame rejected is emitted').toEqual([{ type: 'frame', shard: 's0', data: JSON.stringify(kept) }]);
    expect(skipped, 'the skipped frame went through skipFrame').toEqual([JSON.stringify({ stream: a, data: skippedPayload })]);
    expect(r.stats.frames, 'both frames counted').toBe(2);
  });

  it('closes a shard that ends up empty and opens nothing new', async () => {
    fake = await FakeBinance.start();
    const wanted = streamNames(7);
    const universe = new BehaviorSubject<ReadonlySet<string>>(new Set(wanted));
    running = runSockets(fake, universe, { maxStreamsPerConn: 3 });
    const r = running;
    await waitFor(() => opens(r.events).length === 3, 'three shards open');
    const first = fake.connections.find((c) => c.subscribed.has(wanted[0]!))!;
    universe.next(new Set([...first.subscribed]));
    await waitFor(() => fake!.live().length === 1, 'two emptied connections closed');
    expect(fake.live()[0], 'the shard that still owns streams stays').toBe(first);
    expect(closes(r.events).map((e) => e.reason), 'closed events say why').toEqual(['empty', 'empty']);
    expect(fake.connections.length, 'no connection was opened').toBe(3);
    expect(r.stats.shards.size, 'stats forget closed shards').toBe(1);
  });

  it('closes every socket on unsubscribe', async () => {
    fake = await FakeBinance.start();
    running = runSockets(fake, of(new Set(streamNames(7))), { maxStreamsPerConn: 3 });
    const r = running;
    await waitFor(() => opens(r.events).length === 3, 'three shards open');
    r.subscription.unsubscribe();
    await waitFor(() => fake!.live().length === 0, 'server sees every client gone');
    expect(fake.connections.length, 'no reconnect after unsubscribe').toBe(3);
    expect(r.errors, 'unsubscribing is not an error').toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../../src/sinks/http/health.js';
import { startServer } from './fixtures.js';

let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function health(): Promise<{ status: number; body: HealthReport }> {
  const res = await fetch(`${server!.url}/health`);
  expect(res.headers.get('content-type'), 'health is JSON').toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as HealthReport };
}

describe('GET /health', () => {
  it('answers 200 ok when every shard is younger than staleAfterMs and the DB answers', async () => {
    server = await startServer();
    const { status, body } = await health();
    expect(status, 'healthy bot').toBe(200);
    expect(body.ok, 'ok flag').toBe(true);
    expect(body.reasons, 'no reasons when healthy').toEqual([]);
    expect(body.shards.map((s) => [s.id, s.stale]), 'a shard 1 ms under the limit is fresh').toEqual([['s0', false], ['s1', false]]);
    expect(body.uptimeS, 'uptime from startedAtMs and the injected clock').toBe((server.clock.nowMs - server.sources.startedAtMs) / 1000);
    expect(body.db, 'db answered').toBe(true);
  });

  it('answers 503 naming the shard whose last frame is staleAfterMs old', async () => {
    server = await startServer();
    server.sources.shardList[1]!.lastFrameAgeMs = server.sources.staleAfterMs;
    const { status, body } = await health();
    expect(status, 'a stale shard fails health').toBe(503);
    expect(body.ok, 'ok flag').toBe(false);
    expect(body.reasons.map((r) => [r.code, r.shard]), 'exactly the stale shard').toEqual([['shard_stale', 's1']]);
    expect(body.reasons[0]!.detail, 'detail says how old').toContain(String(server.sources.staleAfterMs));
  });

  it('answers 503 when the database does not answer, or throws', async () => {
    server = await startServer();
    server.sources.db = false;
    const down = await health();
    expect([down.status, down.body.reasons.map((r) => r.code)], 'SELECT 1 false').toEqual([503, ['db_down']]);
    server.sources.db = 'throws';
    const throwing = await health();
    expect([throwing.status, throwing.body.reasons.map((r) => r.code)], 'a throwing SELECT 1 is a down DB, not a 500').toEqual([503, ['db_down']]);
    server.sources.db = true;
    expect((await health()).status, 'recovers when the DB answers again').toBe(200);
  });

  it('lists every reason at once: stale shard and DB down', async () => {
    server = await startServer();
    server.sources.db = false;
    server.sources.shardList[0]!.lastFrameAgeMs = 600_000;
    const { status, body } = await health();
    expect(status, 'unhealthy').toBe(503);
    expect(body.reasons.map((r) => r.code).sort(), 'both problems reported').toEqual(['db_down', 'shard_stale']);
  });

  it('a shard with no frame yet is not stale until it has existed staleAfterMs', async () => {
    server = await startServer();
    const { sources, clock } = server;
    sources.startedAtMs = clock.nowMs - (sources.staleAfterMs - 1);
    sources.shardList = [{ id: 's0', streams: 9, lastFrameAgeMs: null }];
    expect((await health()).status, 'just started: waiting for the first frame is healthy').toBe(200);
    clock.nowMs += 1;
    const late = await health();
    expect([late.status, late.body.reasons.map((r) => [r.code, r.shard])], 'silent for staleAfterMs since start').toEqual([503, [['shard_silent', 's0']]]);
  });

  it('uses a shard\'s own age when given: a shard created after a rotation gets its own grace period', async () => {
    server = await startServer();
    server.sources.shardList = [{ id: 's7', streams: 2, lastFrameAgeMs: null, ageMs: 5_000 }];
    expect((await health()).status, 'new shard, old process: healthy').toBe(200);
    server.sources.shardList = [{ id: 's7', streams: 2, lastFrameAgeMs: null, ageMs: server.sources.staleAfterMs }];
    expect((await health()).status, 'the shard itself is now too old').toBe(503);
  });

  it('reports held Telegram chats without failing health', async () => {
    server = await startServer();
    server.sources.held = ['-100123', '@alerts_channel'];
    const { status, body } = await health();
    expect(status, 'held chats are not an outage').toBe(200);
    expect(body.heldChats, 'but they are visible').toEqual(server.sources.held);
  });

  it('reports symbols declared late by the watermark without failing health', async () => {
    server = await startServer();
    server.sources.late = { watermarkMs: Date.UTC(2025, 6, 1, 10), lateSymbols: ['XRPUSDT'], lateDeclarations: 1, buffered: 4, stepWaitP50Ms: 3, stepWaitP99Ms: 90 };
    const { status, body } = await health();
    expect(status, 'a late symbol does not hold the others: not an outage').toBe(200);
    expect(body.eventTime, 'but it is visible, with the watermark').toEqual(server.sources.late);
  });
});

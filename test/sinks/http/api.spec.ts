import { afterEach, describe, expect, it } from 'vitest';
import { wordMemory, wordSignals, wordTrades } from '../../../src/sinks/http/worded.js';
import { DEFAULT_LIMIT, MAX_LIMIT, type StatusReport } from '../../../src/sinks/http/api.js';
import { createHttpServer } from '../../../src/sinks/http/server.js';
import { fakeSources, silentLogger, startServer } from './fixtures.js';

let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** JSON as it travels: what the API returns must equal the sources after a JSON round trip. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

async function getJson(path: string, init?: RequestInit): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${server!.url}${path}`, init);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('JSON API', () => {
  it('/api/status combines the bot status, shard freshness, uptime and open trades', async () => {
    server = await startServer();
    const { sources, clock } = server;
    const { status, body } = await getJson('/api/status');
    const report = body as StatusReport;
    expect(status, '200').toBe(200);
    expect(report.universe, 'universe symbols').toEqual(sources.universe);
    expect(report.profile, 'profile').toBe('seed');
    expect(report.shards.map((s) => [s.id, s.streams, s.lastFrameAgeMs, s.stale]), 'shards with freshness')
      .toEqual(sources.shardList.map((s) => [s.id, s.streams, s.lastFrameAgeMs, false]));
    expect(report.uptimeS, 'uptime').toBe((clock.nowMs - sources.startedAtMs) / 1000);
    expect([report.openTradeCount, report.openTrades], 'open trades and their count, side and model worded').toEqual([sources.open.length, wire(wordTrades(sources.open, 'vi'))]);
    expect(report.profileText, 'the profile by its name, in the dashboard language').toBe('Cơ bản theo từng khung');
    expect(report.problems, 'healthy: nothing to say').toEqual([]);
    sources.shardList[0]!.lastFrameAgeMs = sources.staleAfterMs + 1;
    const stale = (await getJson('/api/status')).body as StatusReport;
    expect([stale.ok, stale.shards[0]!.stale], 'status reflects a stale shard but still answers 200').toEqual([false, true]);
    expect(stale.problems, 'says what is wrong, in words: Binance is out of reach').toEqual(['mất kết nối tới Binance (không có dữ liệu nến mới)']);
    sources.db = false;
    sources.shardList[1]!.lastFrameAgeMs = sources.staleAfterMs + 5;
    const worse = (await getJson('/api/status')).body as StatusReport;
    expect(worse.problems, 'two stale shards are one outage; the database its own line').toEqual(['mất kết nối tới Binance (không có dữ liệu nến mới)', 'cơ sở dữ liệu không phản hồi']);
  });

  it('/api/signals returns sent and blocked signals with reasons, honouring limit', async () => {
    server = await startServer();
    const { sources } = server;
    const all = await getJson('/api/signals');
    expect(all.body, 'default limit, reasons worded in the dashboard language').toEqual({ signals: wire(wordSignals(sources.signals.slice(0, DEFAULT_LIMIT), 'vi')) });
    const blockedRow = (all.body as { signals: { status: string; reasonTexts: string[] }[] }).signals.find((x) => x.status === 'blocked');
    expect(blockedRow?.reasonTexts[0], 'a Vietnamese reason, with the rule by name').toMatch(/^Mã đang trong thời gian nghỉ \(Chuỗi thua của mã\): /);
    expect(sources.signals.some((s) => s.status === 'blocked' && s.reasons.length > 0), 'fixture has blocked signals with reasons').toBe(true);
    const three = await getJson('/api/signals?limit=3');
    expect(three.body, 'limit=3').toEqual({ signals: wire(wordSignals(sources.signals.slice(0, 3), 'vi')) });
    expect(sources.limits, 'the limit reached the sources').toEqual([DEFAULT_LIMIT, 3]);
  });

  it('/api/trades returns open and recent closed trades', async () => {
    server = await startServer();
    const { body } = await getJson('/api/trades?limit=5');
    expect(body, 'open and closed, sides, models and outcomes worded').toEqual({ open: wire(wordTrades(server.sources.open, 'vi')), closed: wire(wordTrades(server.sources.trades.slice(0, 5), 'vi')) });
  });

  it('/api/memory and /api/equity return the sources as JSON', async () => {
    server = await startServer();
    expect((await getJson('/api/memory')).body, 'memory verdicts and events').toEqual(wire(wordMemory(server.sources.memory(), 'vi')));
    const equity = (await getJson('/api/equity')).body as { points: unknown[] };
    expect(equity, 'equity curve').toEqual({ points: wire(server.sources.equityPoints) });
    expect(equity.points.length, 'one point per daily close of the example data').toBe(server.sources.equityPoints.length);
  });

  it.each(['0', '-1', '2.5', 'abc', String(MAX_LIMIT + 1)])('refuses limit=%s with 400', async (limit) => {
    server = await startServer();
    const { status, body } = await getJson(`/api/signals?limit=${limit}`);
    expect([status, (body as { error: string }).error], 'bad limit').toEqual([400, 'bad_request']);
    expect(server.sources.limits, 'sources not asked').toEqual([]);
  });

  it('404 for unknown paths, 405 with Allow for other methods', async () => {
    server = await startServer();
    for (const path of ['/nope', '/api', '/api/status/extra', '/health/', '//evil.example/', '//localhost/health']) {
      expect((await getJson(path)).status, `${path} is not a route`).toBe(404);
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await getJson('/api/status', { method });
      expect([res.status, res.headers.get('allow')], `${method} refused: the server is read-only`).toEqual([405, 'GET']);
    }
  });

  it('a throwing source gives 500 for that request and the server keeps serving', async () => {
    server = await startServer();
    server.sources.memory = () => {
      throw new Error('database is locked');
    };
    const failed = await getJson('/api/memory');
    expect([failed.status, failed.body], '500 without internals').toEqual([500, { error: 'internal' }]);
    expect((await getJson('/api/equity')).status, 'other routes still answer').toBe(200);
  });

  it('config port 0 disables the server; listenPort 0 picks a free port', async () => {
    const sources = fakeSources(Date.now());
    const disabled = await createHttpServer({ host: '127.0.0.1', port: 0, sources, logger: silentLogger });
    expect(disabled.url, 'HTTP_PORT=0 means no server').toBeNull();
    await disabled.close();
    const ephemeral = await createHttpServer({ host: '127.0.0.1', port: 0, listenPort: 0, sources, logger: silentLogger });
    try {
      expect(ephemeral.url, 'bound to a real port').toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
      expect((await fetch(`${ephemeral.url}/health`)).status, 'it answers').toBe(200);
    } finally {
      await ephemeral.close();
    }
  });

  it('close() returns even with a keep-alive connection open, and the port stops answering', async () => {
    server = await startServer();
    const { url } = server;
    expect((await fetch(`${url}/api/status`, { keepalive: true })).status, 'served').toBe(200);
    await server.close();
    server = undefined;
    await expect(fetch(`${url}/api/status`), 'nothing listens after close').rejects.toThrow();
  });
});

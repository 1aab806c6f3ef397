import { describe, expect, it } from 'vitest';
import { freePort } from '../e2e/support/freePort.js';
import { runOfflineBotUntil } from '../support/offlineBot.js';

describe('regression: the HTTP server is announced once, as the dashboard (review: "http server listening" and "http listening")', () => {
  it('logs one "dashboard at" line with the URL to open', async () => {
    const port = await freePort();
    const { stdout: out, code } = await runOfflineBotUntil('the started line', (o) => o.includes('kline-signals started'), { HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) });
    expect(code).toBe(0);
    const logs = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; url?: string });
    expect(logs.filter((l) => /listen|dashboard/.test(l.msg)).map((l) => [l.msg, l.url]), 'one line').toEqual([['dashboard at', `http://127.0.0.1:${port}/`]]);
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botCliArgs } from '../support/botCli.js';
import { waitUntil } from '../e2e/support/poll.js';

/** A port free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('regression: the HTTP server is announced once, as the dashboard (review: "http server listening" and "http listening")', () => {
  it('logs one "dashboard at" line with the URL to open', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'ks-dash-'));
    const child = spawn(process.execPath, botCliArgs(['run']), {
      env: {
        PATH: process.env.PATH ?? '', DB_PATH: join(dir, 'sim.db'), HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), LOG_FORMAT: 'json',
        BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitUntil('the started line', () => out.includes('kline-signals started'), 30_000);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    const logs = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; url?: string });
    expect(logs.filter((l) => /listen|dashboard/.test(l.msg)).map((l) => [l.msg, l.url]), 'one line').toEqual([['dashboard at', `http://127.0.0.1:${port}/`]]);
  }, 60_000);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBinance, MAX_CLOCK_SKEW_MS } from '../../src/doctor/binanceCheck.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A REST base answering ping and a server time `offsetMs` away from the local clock. */
async function binance(offsetMs: number): Promise<string> {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url === '/fapi/v1/time' ? JSON.stringify({ serverTime: Date.now() + offsetMs }) : '{}');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('doctor: Binance and the clock', () => {
  it('a clock within the limit is fine; beyond it, ✘ saying by how much and how to fix it', async () => {
    // The local clock is read through nowMs: a fixed skew, whatever the round trip.
    const url = await binance(0);
    expect((await checkBinance(url)).status).toBe('ok');
    const behind = await checkBinance(url, () => Date.now() - 3_000);
    expect(behind).toMatchObject({ status: 'fail', hint: 'synchronise the system clock (timedatectl set-ntp true, or chrony)' });
    expect(behind.detail).toMatch(new RegExp(`^${url} answers, but this clock is 3\\d{3} ms behind Binance \\(at most ${MAX_CLOCK_SKEW_MS} ms\\)$`));
  });
});

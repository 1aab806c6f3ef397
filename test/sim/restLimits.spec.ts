import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { exampleData } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => sim?.close());

async function ping(restUrl: string): Promise<{ status: number; weight: number; retryAfter: string | null; body: { code?: number; msg?: string } }> {
  const res = await fetch(`${restUrl}/fapi/v1/ping`);
  return { status: res.status, weight: Number(res.headers.get('x-mbx-used-weight-1m')), retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { code?: number; msg?: string } };
}

describe('REST weight limits (B5)', () => {
  it('counts weight per calendar-aligned window, answers 429 over the limit, then 418 to a client that keeps going', async () => {
    let wall = 120_500; // 0.5 s into a window of 60 s
    sim = await startSimulator({ data: exampleData(), weightLimit: 5, weightWindowMs: 60_000, banAfter429s: 3, banMs: 7_000, realNowMs: () => wall });
    const ok = [];
    for (let i = 0; i < 5; i += 1) ok.push(await ping(sim.restUrl));
    expect(ok.map((r) => [r.status, r.weight]), 'weight 1..5 within the limit').toEqual([[200, 1], [200, 2], [200, 3], [200, 4], [200, 5]]);
    const first429 = await ping(sim.restUrl);
    expect(first429.status, 'over the limit').toBe(429);
    expect(first429.retryAfter, 'seconds to the end of the window (59.5 s → 60)').toBe('60');
    expect(first429.body, 'Binance -1003 body').toEqual({ code: -1003, msg: 'Too many requests; current limit is 5 requests per minute. Please use the websocket for live updates to avoid polling the API.' });
    expect(first429.weight, 'header still sent, over the limit').toBeGreaterThan(5);
    expect([(await ping(sim.restUrl)).status, (await ping(sim.restUrl)).status], 'second and third in the 429 period').toEqual([429, 429]);
    const banned = await ping(sim.restUrl);
    expect(banned.status, 'the fourth request in the 429 period is banned').toBe(418);
    expect(banned.retryAfter, 'ban length in seconds').toBe('7');
    expect(banned.body.code, '-1003 way too many').toBe(-1003);
    expect(banned.body.msg, 'names the ban end in ms').toBe(`Way too many requests; IP banned until ${wall + 7_000}. Please use the websocket for live updates to avoid bans.`);
    wall += 61_000; // next window, ban over
    expect((await ping(sim.restUrl)).status, 'a window later the ban is over... ').toBe(200);
    expect((await ping(sim.restUrl)).weight, '...and the weight restarted').toBe(2);
    expect(sim.stats().rest, 'stats count them').toMatchObject({ status429: 3, status418: 1, requests: 11 });
  });

  it('a ban outlives the window it started in', async () => {
    let wall = 59_000;
    sim = await startSimulator({ data: exampleData(), weightLimit: 1, banAfter429s: 0, banMs: 120_000, realNowMs: () => wall });
    await ping(sim.restUrl);
    expect((await ping(sim.restUrl)).status, 'banAfter429s 0: banned at once').toBe(418);
    wall += 60_000;
    const still = await ping(sim.restUrl);
    expect([still.status, still.retryAfter], 'new window, still banned for 60 s').toEqual([418, '60']);
  });
});

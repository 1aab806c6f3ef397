import { describe, expect, it } from 'vitest';
import { VirtualTimeScheduler } from 'rxjs';
import { createLogger } from '../../src/logging/logger.js';
import { OutageLog } from '../../src/logging/outageLog.js';

const T0 = Date.UTC(2026, 11, 7, 12, 50);

/** An OutageLog on a clock the test moves, and the JSON lines it wrote. */
function stage(hint?: (host: string) => string | undefined) {
  let nowMs = T0;
  const scheduler = { now: () => nowMs } as unknown as VirtualTimeScheduler;
  const lines: Record<string, unknown>[] = [];
  const sink = { write: (line: string) => (lines.push(JSON.parse(line) as Record<string, unknown>), true) };
  const logger = createLogger({ level: 'debug', secrets: [], destination: sink as never }).child({ component: 'network' });
  const outage = new OutageLog({ logger, scheduler, retryAtLeastEveryMs: 60_000, summaryEveryMs: 300_000, ...(hint ? { hint } : {}) });
  return { outage, lines, messages: () => lines.map((l) => l.msg), advance: (ms: number) => (nowMs += ms) };
}

describe('OutageLog', () => {
  it('says the first network failure of a host in one human line, with the retry cadence and the hint', () => {
    const { outage, lines } = stage(() => 'try `npm run demo` offline');
    expect(outage.failed('fapi.binance.com', 'ENOTFOUND')).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'cannot reach fapi.binance.com: DNS lookup failed; retrying at least every 60 s; try `npm run demo` offline',
      detail: { host: 'fapi.binance.com', code: 'ENOTFOUND', attempts: 1, sinceMs: T0 },
    });
    expect(lines[0], 'no stack: nothing to debug, the network is down').not.toHaveProperty('err');
  });

  it('stays quiet for the retries that follow, then summarises at most every summaryEveryMs', () => {
    const { outage, messages, advance } = stage();
    outage.failed('fapi.binance.com', 'ECONNREFUSED');
    for (let i = 0; i < 20; i++) {
      advance(14_000);
      expect(outage.failed('fapi.binance.com', 'ECONNREFUSED')).toBe(true);
    }
    expect(messages(), '20 retries in 280 s: nothing more yet').toEqual(['cannot reach fapi.binance.com: connection refused; retrying at least every 60 s']);
    advance(20_000);
    outage.failed('fapi.binance.com', 'ECONNREFUSED');
    expect(messages()[1]).toBe('still cannot reach fapi.binance.com: connection refused (22 attempts since 12:50 UTC)');
    advance(10_000);
    outage.failed('fapi.binance.com', 'ECONNREFUSED');
    expect(messages(), 'the next summary waits another period').toHaveLength(2);
  });

  it('says once when the host is back, and a later failure is a new outage', () => {
    const { outage, lines, messages, advance } = stage();
    outage.failed('fstream.binance.com', 'ETIMEDOUT');
    advance(30_000);
    outage.failed('fstream.binance.com', 'ETIMEDOUT');
    advance(150_000);
    outage.reached('fstream.binance.com');
    outage.reached('fstream.binance.com');
    expect(messages()).toEqual([
      'cannot reach fstream.binance.com: timed out; retrying at least every 60 s',
      'reached fstream.binance.com again after 3 min (2 failed attempts since 12:50 UTC)',
    ]);
    expect(lines[1]).toMatchObject({ level: 30 });
    expect(outage.unreachable()).toEqual([]);
    outage.failed('fstream.binance.com', 'ECONNRESET');
    expect(messages()[2]).toBe('cannot reach fstream.binance.com: connection reset; retrying at least every 60 s');
  });

  it('keeps hosts apart, and leaves other failures (HTTP 500, a bad answer) to the caller', () => {
    const { outage, messages } = stage();
    outage.failed('fapi.binance.com', 'ENOTFOUND');
    outage.failed('fstream.binance.com', 'ENOTFOUND');
    expect(outage.unreachable()).toEqual(['fapi.binance.com', 'fstream.binance.com']);
    expect(outage.failed('fapi.binance.com', undefined), 'an HTTP error has no network code').toBe(false);
    expect(outage.failed('fapi.binance.com', 'ERR_BAD_RESPONSE')).toBe(false);
    expect(messages()).toHaveLength(2);
    outage.reached('example.org');
    expect(messages(), 'a host that never failed is not announced').toHaveLength(2);
  });
});

describe('OutageLog: HTTP answers that refuse for a while (5xx, 429, 418)', () => {
  const HOST = 'fapi.binance.com';

  it('says a run of 503s in one line, summarises it at most every summaryEveryMs, and says once when answers are normal again', () => {
    const { outage, lines, messages, advance } = stage();
    expect(outage.refused(HOST, { status: 503 })).toBe(true);
    for (let i = 0; i < 20; i++) {
      advance(14_000);
      outage.refused(HOST, { status: 503 });
    }
    expect(messages(), '20 retries in 280 s: nothing more yet').toEqual(['Binance answers 503 Service Unavailable: retrying at least every 60 s']);
    expect(lines[0]).toMatchObject({ level: 40, detail: { host: HOST, status: 503, attempts: 1, sinceMs: T0 } });
    expect(lines[0], 'no stack: Binance is down, nothing to debug').not.toHaveProperty('err');
    advance(20_000);
    outage.refused(HOST, { status: 502 });
    expect(messages()[1], 'the summary says the latest answer').toBe('Binance still answers 502 Bad Gateway (22 failed requests since 12:50 UTC)');
    advance(10_000);
    outage.refused(HOST, { status: 503 });
    expect(messages(), 'the next summary waits another period').toHaveLength(2);
    advance(30_000);
    outage.answeredNormally(HOST);
    outage.answeredNormally(HOST);
    expect(messages().slice(2)).toEqual(['Binance answers normally again after 6 min (23 failed requests since 12:50 UTC)']);
    expect(lines[2]).toMatchObject({ level: 30, detail: { host: HOST, attempts: 23, sinceMs: T0 } });
    outage.refused(HOST, { status: 500 });
    expect(messages()[3], 'a later 5xx is a new outage').toBe('Binance answers 500 Internal Server Error: retrying at least every 60 s');
    advance(2_000);
    outage.answeredNormally(HOST);
    expect(messages()[4], 'one request, said in the singular').toBe('Binance answers normally again after 2 s (1 failed request since 12:55 UTC)');
  });

  it('says a 429 hit the weight limit and how long the bot waits per Retry-After', () => {
    const { outage, messages, advance } = stage();
    outage.refused(HOST, { status: 429, retryAfterMs: 30_000 });
    advance(300_000);
    outage.refused(HOST, { status: 429 });
    expect(messages()).toEqual([
      'Binance says the request weight limit was hit (429 Too Many Requests): waiting 30 s as it asks before the next request',
      'Binance still says the request weight limit was hit (2 failed requests since 12:50 UTC); waiting for the next minute of the weight window',
    ]);
  });

  it('says a 418 ban as an error with its end in UTC, the date added when it ends on another day', () => {
    const { outage, lines, messages, advance } = stage();
    outage.refused(HOST, { status: 418, bannedUntilMs: T0 + 12 * 60_000 });
    expect(lines[0]).toMatchObject({ level: 50, detail: { status: 418, bannedUntilMs: T0 + 12 * 60_000 } });
    advance(300_000);
    outage.refused(HOST, { status: 418, bannedUntilMs: T0 + 3 * 86_400_000 });
    expect(messages()).toEqual([
      'Binance banned this IP until 13:02 UTC (418, too many requests after a 429): no request is sent before then',
      'this IP is still banned by Binance until 10 Dec 12:50 UTC (2 failed requests since 12:50 UTC)',
    ]);
  });

  it('says a 403 is Binance\'s web firewall refusing this IP', () => {
    const { outage, messages, advance } = stage();
    outage.refused(HOST, { status: 403 });
    advance(300_000);
    outage.refused(HOST, { status: 403 });
    expect(messages()).toEqual([
      "Binance's web firewall refuses requests from this IP (403 Forbidden)",
      "Binance's web firewall still refuses requests from this IP (2 failed requests since 12:50 UTC)",
    ]);
  });

  it('tells a change of kind as it comes, counting on, and ends the run once', () => {
    const { outage, messages, advance } = stage();
    outage.refused(HOST, { status: 503 });
    advance(1_000);
    outage.refused(HOST, { status: 429, retryAfterMs: 5_000 });
    outage.refused(HOST, { status: 429, retryAfterMs: 5_000 });
    advance(9_000);
    outage.answeredNormally(HOST);
    expect(messages()).toEqual([
      'Binance answers 503 Service Unavailable: retrying at least every 60 s',
      'Binance says the request weight limit was hit (429 Too Many Requests): waiting 5 s as it asks before the next request',
      'Binance answers normally again after 10 s (3 failed requests since 12:50 UTC)',
    ]);
  });

  it('leaves answers that say a request is wrong to the caller, and keeps refusals apart from network outages', () => {
    const { outage, messages } = stage();
    expect(outage.refused(HOST, { status: 400 }), 'a bad request is a bug, not an outage').toBe(false);
    expect(outage.refused(HOST, { status: 404 })).toBe(false);
    expect(messages()).toEqual([]);
    outage.refused(HOST, { status: 503 });
    outage.refused(HOST, { status: 502 });
    expect(outage.unreachable(), 'a host that answers is reachable').toEqual([]);
    expect(outage.refusing(), 'for the heartbeat: the latest status').toEqual([{ host: HOST, status: 502 }]);
    outage.reached(HOST);
    expect(messages(), 'a socket opening on the host says nothing of its REST answers').toHaveLength(1);
    outage.answeredNormally('example.org');
    expect(messages(), 'a host that never refused is not announced').toHaveLength(1);
  });
});

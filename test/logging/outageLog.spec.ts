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

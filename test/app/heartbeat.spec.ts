import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { heartbeat$, heartbeatText, type HeartbeatFacts } from '../../src/app/heartbeat.js';
import { heartbeatMinutes, isLocalExchange } from '../../src/config/heartbeatMinutes.js';

const AT = Date.UTC(2026, 11, 7, 12, 45);
const FACTS: HeartbeatFacts = {
  symbols: 40, symbolsLive: 38, shards: 1, shardsConnected: 1, newestCandleEndMs: Date.UTC(2026, 11, 7, 12, 30),
  signalsToday: 2, openTrades: 1, unreachable: [], refusing: [],
};

function rx(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('heartbeat$', () => {
  it('reads the facts once a period, the first after one period', () => {
    const scheduler = rx();
    scheduler.run(({ expectObservable }) => {
      let beat = 0;
      const facts = () => ({ ...FACTS, openTrades: ++beat });
      expectObservable(heartbeat$({ everyMs: 60_000, scheduler, facts }), '^ 200000ms !').toBe('60000ms a 59999ms b 59999ms c', {
        a: { ...FACTS, openTrades: 1 }, b: { ...FACTS, openTrades: 2 }, c: { ...FACTS, openTrades: 3 },
      });
    });
  });

  it('is silent when switched off (HEARTBEAT_MINUTES=0), and reads nothing', () => {
    const scheduler = rx();
    scheduler.run(({ expectObservable }) => {
      const facts = () => {
        throw new Error('read while off');
      };
      expectObservable(heartbeat$({ everyMs: 0, scheduler, facts }), '^ 36000000ms !').toBe('');
    });
  });

  it('stops reading when unsubscribed (shutdown)', () => {
    const scheduler = rx();
    scheduler.run(({ expectObservable }) => {
      expectObservable(heartbeat$({ everyMs: 1000, scheduler, facts: () => FACTS }), '^ 2500ms !').toBe('1000ms a 999ms a', { a: FACTS });
    });
  });
});

describe('heartbeatText', () => {
  it('says symbols live, connections, the newest closed candle, signals today and open trades', () => {
    expect(heartbeatText(FACTS, AT)).toBe(
      'alive: 38 of 40 symbols live, 1 of 1 connection open, newest candle closed 12:30 UTC, 2 signals today, 1 open trade',
    );
  });

  it('says when nothing came yet, a candle of another day with its date, and the hosts out of reach', () => {
    const text = heartbeatText({ ...FACTS, newestCandleEndMs: undefined, symbolsLive: 0, shardsConnected: 0, signalsToday: 0, openTrades: 0, unreachable: ['fapi.binance.com'] }, AT);
    expect(text).toBe('alive: 0 of 40 symbols live, 0 of 1 connection open, no candle yet, 0 signals today, 0 open trades, cannot reach fapi.binance.com');
    expect(heartbeatText({ ...FACTS, newestCandleEndMs: Date.UTC(2025, 5, 3, 8, 0) }, AT)).toContain('newest candle closed 2025-06-03 08:00 UTC');
  });

  it('says the hosts that answer with refusals, with the latest status', () => {
    expect(heartbeatText({ ...FACTS, refusing: [{ host: 'fapi.binance.com', status: 503 }] }, AT)).toBe(
      'alive: 38 of 40 symbols live, 1 of 1 connection open, newest candle closed 12:30 UTC, 2 signals today, 1 open trade, fapi.binance.com answers 503',
    );
  });
});

describe('HEARTBEAT_MINUTES', () => {
  it('defaults to 30 against Binance and to 1 against a simulator on this machine', () => {
    expect(heartbeatMinutes({ HEARTBEAT_MINUTES: undefined, BINANCE_REST_URL: 'https://fapi.binance.com' })).toBe(30);
    expect(heartbeatMinutes({ HEARTBEAT_MINUTES: undefined, BINANCE_REST_URL: 'http://127.0.0.1:41234' })).toBe(1);
    expect(heartbeatMinutes({ HEARTBEAT_MINUTES: undefined, BINANCE_REST_URL: 'http://localhost:8080' })).toBe(1);
    expect(heartbeatMinutes({ HEARTBEAT_MINUTES: 0, BINANCE_REST_URL: 'http://127.0.0.1:41234' }), 'set wins, 0 = off').toBe(0);
    expect(heartbeatMinutes({ HEARTBEAT_MINUTES: 5, BINANCE_REST_URL: 'https://fapi.binance.com' })).toBe(5);
    expect(isLocalExchange('http://[::1]:9')).toBe(true);
    expect(isLocalExchange('https://127.example.com')).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { classifyMessage } from '../../src/streams/sockets/classifyMessage.js';
import { gapForRate, paceEvenly } from '../../src/streams/sockets/paceEvenly.js';
import { SubscriptionLedger } from '../../src/streams/sockets/subscriptionLedger.js';
import { combinedStreamUrl } from '../../src/streams/sockets/shardSession.js';

describe('SubscriptionLedger', () => {
  it('opens with one batch in the URL and SUBSCRIBEs the rest in batches with integer ids', () => {
    const ledger = new SubscriptionLedger(['a', 'b', 'c', 'd', 'e'], 2);
    expect(ledger.urlStreams, 'URL carries the first batch only').toEqual(['a', 'b']);
    expect(ledger.initialMessages, 'rest in batches').toEqual([
      { method: 'SUBSCRIBE', params: ['c', 'd'], id: 1 },
      { method: 'SUBSCRIBE', params: ['e'], id: 2 },
    ]);
    expect(ledger.ready, 'not ready before the ACKs').toBe(false);
    expect(ledger.answer(1), 'one ACK outstanding still').toBe(false);
    expect(ledger.answer(2), 'last initial ACK makes it ready').toBe(true);
    expect(ledger.answer(2), 'a repeated ACK does not re-open').toBe(false);
  });

  it('is ready at once when everything fits in the URL', () => {
    expect(new SubscriptionLedger(['a'], 5).ready, 'nothing to wait for').toBe(true);
  });

  it('reconciles to the exact diff, UNSUBSCRIBE first, and nothing when unchanged', () => {
    const ledger = new SubscriptionLedger(['a', 'b', 'c'], 50);
    expect(ledger.reconcile(new Set(['b', 'c', 'd'])), 'diff').toEqual([
      { method: 'UNSUBSCRIBE', params: ['a'], id: 1 },
      { method: 'SUBSCRIBE', params: ['d'], id: 2 },
    ]);
    expect(ledger.reconcile(new Set(['b', 'c', 'd'])), 'same universe, no messages').toEqual([]);
    expect(ledger.streams().sort(), 'requested set follows').toEqual(['b', 'c', 'd']);
  });
});

describe('classifyMessage', () => {
  it('recognises data by prefix, ACKs and both error shapes', () => {
    expect(classifyMessage('{"stream":"x@kline_1d","data":{}}'), 'data').toEqual({ kind: 'data' });
    expect(classifyMessage('{"result":null,"id":7}'), 'ack').toEqual({ kind: 'ack', id: 7 });
    expect(classifyMessage('{"error":{"code":2,"msg":"bad"},"id":3}'), 'wrapped error').toEqual({ kind: 'error', id: 3, code: 2, msg: 'bad' });
    expect(classifyMessage('{"code":3,"msg":"Invalid JSON"}'), 'bare error').toEqual({ kind: 'error', id: undefined, code: 3, msg: 'Invalid JSON' });
    expect(classifyMessage('not json'), 'junk is left to parseKline').toEqual({ kind: 'data' });
  });
});

describe('paceEvenly', () => {
  it('sends the first at once and the rest gapMs apart; completion waits for the last gap', () => {
    const rx = new TestScheduler((a, e) => expect(a, 'marble output').toEqual(e));
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const src = hot('(abc)-d|');
      expectObservable(src.pipe(paceEvenly(3, rx))).toBe('a 2ms b 2ms c 2ms d 2ms |');
      expectSubscriptions(src.subscriptions).toBe('^------!');
    });
  });

  it('releases its source on early unsubscribe', () => {
    const rx = new TestScheduler((a, e) => expect(a, 'marble output').toEqual(e));
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const src = hot('(ab)----c');
      expectObservable(src.pipe(paceEvenly(3, rx)), '^-!').toBe('a');
      expectSubscriptions(src.subscriptions).toBe('^-!');
    });
  });

  it('keeps 10 % headroom under the rate', () => {
    expect(gapForRate(5), '5/s ⇒ 220 ms, so 6 sends span 1.1 s').toBe(220);
  });
});

describe('combinedStreamUrl', () => {
  it('puts combined streams under the routed base', () => {
    expect(combinedStreamUrl('wss://fstream.binance.com/market/', ['btcusdt@kline_30m', 'ethusdt@kline_4h']), 'routed /market/stream URL')
      .toBe('wss://fstream.binance.com/market/stream?streams=btcusdt@kline_30m/ethusdt@kline_4h');
  });
});

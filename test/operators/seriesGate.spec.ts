import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { pino } from 'pino';
import { seriesGate, type GapRequest } from '../../src/operators/seriesGate.js';
import type { GateInput, SeriesNotice } from '../../src/core/candles/gateInput.js';
import type { Kline } from '../../src/domain/kline.js';
import { exampleKlines, formingOf } from '../core/candles/support/exampleKlines.js';
import { captureLogger } from '../core/candles/support/captureLogger.js';

const btc = exampleKlines('BTCUSDT', '30m').slice(500, 510);
const [a, b, c, d, e] = btc as [Kline, Kline, Kline, Kline, Kline];
const eth = exampleKlines('ETHUSDT', '30m')[500]!;
const silent = pino({ level: 'silent' });
const values: Record<string, GateInput> = { a, b, c, d, e, x: eth, f: formingOf(c) };
const gap = (from: Kline, to: Kline): GapRequest => ({
  symbol: 'BTCUSDT', interval: '30m', fromOpenTimeMs: from.openTimeMs, toOpenTimeMs: to.openTimeMs,
});
const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('seriesGate', () => {
  it('passes closed candles of each series in order, filtering forming ones', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-x-b-f-c-|', values);
      expectObservable(source.pipe(seriesGate({ onGap: () => {}, logger: silent }))).toBe('-a-x-b---c-|', values);
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('drops duplicates and older candles and tells onDuplicate', () => {
    const dropped: Kline[] = [];
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-a-b-c-b-|', values);
      const gate = seriesGate({ onGap: () => {}, onDuplicate: (k) => dropped.push(k), logger: silent });
      expectObservable(source.pipe(gate)).toBe('-a-b-----c---|', values);
    });
    expect(dropped, 'each duplicate reported once').toEqual([a, b, b]);
  });

  it('holds a candle after a hole, asks for the hole, and releases in order when it fills', () => {
    const gaps: GapRequest[] = [];
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-d-c-b-----e-|', values);
      const gate = seriesGate({ onGap: (g) => gaps.push(g), logger: silent });
      expectObservable(source.pipe(gate)).toBe('-a-----(bcd)-e-|', values);
    });
    expect(gaps, 'the hole each time candles stay held').toEqual([gap(b, c), gap(b, b)]);
  });

  it('releases past a hole REST settled empty, logs it as a defect and counts it', () => {
    const missing: GapRequest[] = [];
    const { logger, lines } = captureLogger();
    const settled: SeriesNotice = {
      kind: 'settled', symbol: 'BTCUSDT', interval: '30m', fromOpenTimeMs: b.openTimeMs, throughOpenTimeMs: c.openTimeMs,
    };
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-d-s-|', { ...values, s: settled });
      expectObservable(source.pipe(seriesGate({ onGap: () => {}, onMissing: (g) => missing.push(g), logger }))).toBe('-a---d-|', values);
    });
    expect(missing, 'the confirmed hole').toEqual([gap(b, c)]);
    expect(lines.filter((l) => l.msg === 'candles missing on the exchange' && l.level === 50), 'one error line').toHaveLength(1);
  });

  it('passes an error through after what was released', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-#', values, new Error('socket died'));
      expectObservable(source.pipe(seriesGate({ onGap: () => {}, logger: silent }))).toBe('-a-b-#', values, new Error('socket died'));
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('completes with its source, dropping what is still held behind a hole', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-c-|', values);
      expectObservable(source.pipe(seriesGate({ onGap: () => {}, logger: silent }))).toBe('a---|', values);
    });
  });

  it('releases the source on early unsubscribe', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-d-|', values);
      expectObservable(source.pipe(seriesGate({ onGap: () => {}, logger: silent })), '^----!').toBe('-a-b-', values);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('keeps its state per subscription', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const gated = cold('a-b-|', values).pipe(seriesGate({ onGap: () => {}, logger: silent }));
      expectObservable(gated).toBe('a-b-|', values);
      expectObservable(gated).toBe('a-b-|', values);
    });
  });
});

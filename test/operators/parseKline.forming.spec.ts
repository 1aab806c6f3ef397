import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { INTERVAL_MS, type Interval } from '../../src/domain/kline.js';
import { isFormingFrame, parseKline, parseKlineFrame } from '../../src/operators/parseKline.js';
import { combinedFrame, klineEventJson } from '../../src/sim/wire.js';

const DIR = fileURLToPath(new URL('../../examples/klines/', import.meta.url));

/** Forming frames of real candles as the simulator prints them (Binance's key order), one per row. */
function simFrames(symbol: string, interval: Interval, count: number): string[] {
  const lines = readFileSync(`${DIR}${symbol}-${interval}.csv`, 'utf8').trim().split('\n').slice(1, count + 1);
  return lines.map((line) => {
    const [t, o, h, l, c, v, , q, n, tbv, tbq] = line.split(',').map(Number) as number[];
    const candle = { openTimeMs: t!, closeTimeMs: t! + INTERVAL_MS[interval] - 1, open: o!, high: h!, low: l!, close: c!, volume: v!, quoteVolume: q!, trades: n!, takerBuyVolume: tbv!, takerBuyQuoteVolume: tbq! };
    const json = klineEventJson(symbol, interval, candle, false, t! + 1000, { priceDecimals: 2, quantityDecimals: 3 });
    return combinedFrame(`${symbol.toLowerCase()}@kline_${interval}`, json);
  });
}

const SAMPLE = simFrames('ETHUSDT', '4h', 1)[0]!;

describe('isFormingFrame', () => {
  it('recognises every forming frame of the real files, each of which the full parse reads as forming', () => {
    const frames = (['1d', '4h', '30m'] as const).flatMap((i) => ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].flatMap((s) => simFrames(s, i, 200)));
    const missed = frames.filter((f) => !isFormingFrame(f));
    const disagree = frames.filter((f) => { const k = parseKlineFrame(f); return k === null || 'bad' in k || k.closed; });
    expect(frames.length, 'frames of 9 series').toBe(1800);
    expect(missed, 'the wire format is recognised').toEqual([]);
    expect(disagree, 'the full parse agrees they are valid forming candles').toEqual([]);
  });

  it('rejects closed, mismatched, mis-spaced and invalid frames (the full parse decides those)', () => {
    const cases: Record<string, string> = {
      closed: SAMPLE.replace('"x":false', '"x":true'),
      otherStream: SAMPLE.replace('"stream":"ethusdt', '"stream":"btcusdt'),
      otherPayloadSymbol: SAMPLE.replace('"s":"ETHUSDT","k"', '"s":"BTCUSDT","k"'),
      otherInterval: SAMPLE.replace('"i":"4h"', '"i":"1d"'),
      leadingZero: SAMPLE.replace(/"t":(\d)/, '"t":0$1'),
      spaced: SAMPLE.replace('"x":false', '"x": false'),
      trailingGarbage: `${SAMPLE}}`,
      negativePrice: SAMPLE.replace(/"o":"/, '"o":"-'),
      unknownInterval: SAMPLE.replaceAll('4h', '1m'),
    };
    for (const [name, frame] of Object.entries(cases)) {
      expect(frame, `${name} differs from the sample`).not.toBe(SAMPLE);
      expect(isFormingFrame(frame), name).toBe(false);
    }
    expect(isFormingFrame(SAMPLE), 'the unmodified sample is recognised').toBe(true);
  });

  it('never takes a malformed text for a forming frame: every truncation and every one-character change', () => {
    let accepted = 0;
    let rejected = 0;
    const wrong: string[] = [];
    for (let cut = 0; cut < SAMPLE.length; cut += 1) if (isFormingFrame(SAMPLE.slice(0, cut))) wrong.push(`prefix ${cut}`);
    for (let i = 0; i < SAMPLE.length; i += 1) {
      for (const ch of ['0', '9', '"', '}', ' ', 'x', 'A', '-', '.', ',', '\\']) {
        const mutated = SAMPLE.slice(0, i) + ch + SAMPLE.slice(i + 1);
        if (mutated === SAMPLE) continue;
        if (!isFormingFrame(mutated)) {
          rejected += 1;
          continue;
        }
        accepted += 1;
        const k = parseKlineFrame(mutated);
        if (k === null || 'bad' in k || k.closed) wrong.push(mutated);
      }
    }
    expect(wrong, 'whatever is taken for a forming frame parses as one').toEqual([]);
    expect(accepted, 'digit changes keep a valid frame').toBeGreaterThan(50);
    expect(rejected, 'most changes break the format').toBeGreaterThan(accepted);
  });

  it('drops forming frames quietly but still reports a truncated forming frame as bad JSON', () => {
    const rx = new TestScheduler((actual, expected) => expect(actual, 'marble output').toEqual(expected));
    const bad: string[] = [];
    let forming = 0;
    const spaced = SAMPLE.replace('"x":false', '"x": false');
    rx.run(({ cold, expectObservable }) => {
      const src = cold('a-b-c-d|', { a: SAMPLE, b: SAMPLE.slice(0, -1), c: spaced, d: SAMPLE.replace('"x":false', '"x":"no"') });
      expectObservable(src.pipe(parseKline({ onBadFrame: (kind) => bad.push(kind), onForming: () => (forming += 1) }))).toBe('-------|');
    });
    expect(bad, 'the truncated frame is bad JSON, the string x a bad shape').toEqual(['json', 'shape']);
    expect(forming, 'the exact and the re-spaced forming frames are both counted').toBe(2);
  });
});

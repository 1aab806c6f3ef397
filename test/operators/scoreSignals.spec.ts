import { describe, expect, it } from 'vitest';
import { scanSymbol } from '../../src/core/models/scanSymbol.js';
import type { ModelProfile } from '../../src/domain/signal.js';
import { scoreSignals } from '../../src/operators/scoreSignals.js';
import { HALF_HOUR_MS, T0, quietCandle } from './support/candles.js';
import { makeDesk } from './support/desk.js';
import { itKeepsTheStreamContract } from './support/lifecycle.js';
import { newScheduler } from './support/marbles.js';
import { firstScanWithCandidates, stepOn } from './support/steps.js';
import { longTrade } from './support/trades.js';

const FROM = Date.UTC(2025, 3, 1);

/** A warm step on real candles whose scan finds candidates under `profile`. */
function warmStepWithCandidates(symbol: string, profile: ModelProfile) {
  const desk = makeDesk({ config: { profile } });
  const { features, kline } = firstScanWithCandidates(symbol, FROM, (f) => scanSymbol(profile, f, desk.config.models));
  const step = stepOn(kline, { features, warm: true });
  return { step, candidates: scanSymbol(profile, features, desk.config.models) };
}

describe('scoreSignals', () => {
  it.each<ModelProfile>(['seed', 'confluence'])('scores warm free symbols with the %s profile; skips cold ones and ones with an open trade', (profile) => {
    const desk = makeDesk({ config: { profile }, openTrades: [longTrade(4, 'SOLUSDT', T0)] });
    const { step: w, candidates } = warmStepWithCandidates('BTCUSDT', profile);
    expect(candidates.length, 'the real candle under test does give candidates').toBeGreaterThan(0);
    const cold = stepOn(quietCandle('ETHUSDT', T0), { warm: false });
    const busy = stepOn(quietCandle('SOLUSDT', T0 + HALF_HOUR_MS), { warm: true });
    newScheduler().run(({ hot, expectObservable }) => {
      const steps = hot('-c-b-w-|', { c: cold, b: busy, w });
      // cold and busy carry features that throw when read: passing unchanged proves they were not scanned.
      expectObservable(steps.pipe(scoreSignals({ desk }))).toBe('-c-b-x-|', { c: cold, b: busy, x: { ...w, candidates } });
    });
  });

  it('keeps arrival order for a burst of closes in one frame', () => {
    const desk = makeDesk({ config: { profile: 'seed' } });
    const btc = warmStepWithCandidates('BTCUSDT', 'seed');
    const eth = warmStepWithCandidates('ETHUSDT', 'seed');
    const cold = stepOn(quietCandle('SOLUSDT', T0), { warm: false });
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const steps = hot('-(abcd)-|', { a: btc.step, b: cold, c: eth.step, d: btc.step });
      const scored = { a: { ...btc.step, candidates: btc.candidates }, b: cold, c: { ...eth.step, candidates: eth.candidates } };
      expectObservable(steps.pipe(scoreSignals({ desk }))).toBe('-(abca)-|', scored);
      expectSubscriptions(steps.subscriptions).toBe('^-------!');
    });
  });

  itKeepsTheStreamContract(
    () => scoreSignals({ desk: makeDesk() }),
    () => [stepOn(quietCandle('BTCUSDT', T0), { warm: false }), stepOn(quietCandle('ETHUSDT', T0), { warm: false })],
  );
});

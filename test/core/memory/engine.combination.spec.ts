import { describe, expect, it } from 'vitest';
import { closedTrade, HOUR_MS, T0 } from './fixtures.js';
import { defaultEngine, feed } from './engineHarness.js';
import type { ModelName } from '../../../src/domain/signal.js';

const at = (hours: number) => T0 + hours * HOUR_MS;
let nextId = 1;
const trade = (hours: number, win: boolean, symbol: string, model: ModelName = 'continuation', pnl?: number) =>
  closedTrade({ id: nextId++, exitTimeMs: at(hours), win, symbol, model, ...(pnl === undefined ? {} : { pnl }) });

/** BTC wins 4 of 9 with no two losses in a row, ETH wins once: 5 of 10 overall. */
const lowRates = () => [
  ...'LWLWLWLWL'.split('').map((r, i) => trade(i, r === 'W', 'BTCUSDT')),
  trade(9, true, 'ETHUSDT'),
];

describe('memory engine: combining verdicts', () => {
  it('adds rule 1 and rule 6 to the threshold of the symbol they cover', () => {
    const state = feed(defaultEngine(), lowRates()).state(at(9));
    const rules = state.verdicts.map((v) => `${v.rule}:${v.type}`).sort();
    expect(rules, 'rule 1 globally, rule 6 on BTC only').toEqual(['globalWinRate:threshold', 'symbolWinRate:threshold']);
    expect(state.scoreThreshold('BTCUSDT'), '75 + 5 + 5').toBe(85);
    expect(state.scoreThreshold('ETHUSDT'), '75 + 5').toBe(80);
    expect(state.adjustmentsFor({ symbol: 'BTCUSDT', model: 'reversal' }).length, 'both are BTC reasons').toBe(2);
  });

  it('clamps the effective threshold to 50–95', () => {
    expect(feed(defaultEngine({ scoreThreshold: 90 }), lowRates()).state(at(9)).scoreThreshold('BTCUSDT'), '90 + 10').toBe(95);
    expect(defaultEngine({ scoreThreshold: 45 }).state(at(0)).scoreThreshold('BTCUSDT'), '45 + 0').toBe(50);
  });

  it('takes the smaller of the base and the drawdown caps', () => {
    const trades = [trade(0, false, 'BTCUSDT', 'continuation', -90)];
    const capped = feed(defaultEngine(), trades).state(at(0));
    expect(capped.drawdownPct, '910 of 1000').toBeCloseTo(9, 10);
    expect(capped.riskPerTradePct, 'rule 4 caps 1 % at 0.5 %').toBe(0.5);
    expect(capped.maxSignalsPerDay, 'rule 3 caps 5 at 2').toBe(2);
    const tight = feed(defaultEngine({ riskPerTradePct: 0.3, maxSignalsPerDay: 1 }), trades).state(at(0));
    expect(tight.riskPerTradePct, 'a base below the cap stays').toBe(0.3);
    expect(tight.maxSignalsPerDay, 'a base below the cap stays').toBe(1);
    expect(defaultEngine().state(at(0)).riskPerTradePct, 'no trades, no cap').toBe(1);
  });

  it('gates by scope: a global pause blocks all, a symbol cooldown its symbol, a model lock its model', () => {
    const pause = feed(defaultEngine(), [trade(0, false, 'BTCUSDT'), trade(1, false, 'ETHUSDT'), trade(2, false, 'SOLUSDT')]);
    expect(pause.state(at(2)).gate({ symbol: 'XRPUSDT', model: 'continuation' }).map((l) => l.rule), 'rule 2').toEqual([
      'globalLossStreak',
    ]);

    const cooldown = feed(defaultEngine(), [trade(0, false, 'BTCUSDT'), trade(1, true, 'ETHUSDT'), trade(2, false, 'BTCUSDT')]);
    const state = cooldown.state(at(2));
    expect(state.gate({ symbol: 'BTCUSDT', model: 'reversal' }).map((l) => l.rule), 'rule 5 on BTC').toEqual(['symbolLossStreak']);
    expect(state.gate({ symbol: 'ETHUSDT', model: 'reversal' }), 'ETH is free').toEqual([]);
    expect(state.gate({ symbol: 'BTCUSDT', model: 'reversal' }, at(26)), 'over after 24 h').toEqual([]);

    const reversalRun = [];
    for (let i = 0; i < 10; i += 1) {
      reversalRun.push(trade(2 * i, false, `S${i}USDT`, 'reversal'), trade(2 * i + 1, true, 'BTCUSDT', 'continuation'));
    }
    const model = feed(defaultEngine(), reversalRun).state(at(19));
    expect(model.gate({ symbol: 'ETHUSDT', model: 'reversal' }).map((l) => l.rule), 'rule 7').toEqual(['reversalWinRate']);
    expect(model.gate({ symbol: 'ETHUSDT', model: 'continuation' }), 'continuation is free').toEqual([]);
  });

  it('holds a manual pause over everything until its end, and lists it with the rule locks', () => {
    const engine = defaultEngine();
    const lock = engine.setManualPause(at(5), at(1));
    expect(lock, 'the pause is a global lock from now').toMatchObject({ rule: 'manualPause', startMs: at(1), untilMs: at(5) });
    expect(engine.state(at(4)).gate({ symbol: 'BTCUSDT', model: 'continuation' }).length, 'blocked while held').toBe(1);
    expect(engine.state(at(5)).gate({ symbol: 'BTCUSDT', model: 'continuation' }), 'free at until').toEqual([]);
    engine.setManualPause(at(9), at(2));
    expect(engine.setManualPause(null, at(3)), 'cleared').toBeNull();
    expect(engine.state(at(3)).locks, 'no lock after clearing').toEqual([]);
  });

  it('reads the state at an earlier time without the later trades', () => {
    const trades = [trade(0, false, 'BTCUSDT'), trade(1, false, 'ETHUSDT'), trade(2, false, 'SOLUSDT')];
    const engine = feed(defaultEngine(), trades);
    expect(engine.state(at(1)).locks, 'before the third loss there is no pause').toEqual([]);
    expect(engine.state(at(1)).equity, 'two losses of 10').toBe(980);
    expect(engine.state(at(2)).locks.length, 'at the third loss there is').toBe(1);
  });
});

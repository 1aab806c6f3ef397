import { describe, expect, it } from 'vitest';
import { confluenceReversal } from '../../../src/core/models/confluence/reversal.js';
import { DEFAULT_MODEL_CONFIG, type ConfluenceReversalConfig } from '../../../src/core/models/modelConfig.js';
import type { SymbolFeatures } from '../../../src/core/models/symbolFeatures.js';
import type { Side } from '../../../src/domain/signal.js';
import { alternate, flat, mirror, nextDown, nextUp, series, windows, type Bar } from './build.js';

// 30m: band of ±2 around 100; the previous close 95 is below its own lower band, 99 is back above.
const M30_TRIGGER: Bar[] = [...alternate(49, 99, 101), { c: 95 }, { o: 96, c: 99 }];
// 1d: close 110 > SMA50 104.
const D1_ABOVE = [...flat(31, 100), ...flat(20, 110)];
// 1d: SMA50 exactly 100, close 95 = 0.95 × SMA50.
const D1_NEAR_EDGE = [...flat(49, 100), { c: 105 }, { c: 95 }];
// 4h: 19 alternating 90/110 then the last close; %B of 80 ≈ 0.06, of 88 ≈ 0.23, of 100 ≈ 0.5.
const h4With = (last: number): Bar[] => [...flat(32, 100), ...alternate(19, 90, 110), { c: last }];

const SIDES: readonly Side[] = ['LONG', 'SHORT'];
const forSide = (side: Side, bars: readonly Bar[]): Bar[] => (side === 'LONG' ? [...bars] : mirror(bars));
const build = (side: Side, d1: Bar[], h4: Bar[], m30: Bar[]): SymbolFeatures =>
  windows(forSide(side, d1), forSide(side, h4), forSide(side, m30));
const withConfig = (patch: Partial<ConfluenceReversalConfig>): ConfluenceReversalConfig => ({ ...DEFAULT_MODEL_CONFIG.reversal, ...patch });

/** A factor f with f × base === target exactly, when one exists next to target / base. */
function exactFactor(target: number, base: number): number | undefined {
  return [target / base, nextUp(target / base), nextDown(target / base)].find((f) => f * base === target);
}

describe('confluence reversal', () => {
  for (const side of SIDES) {
    describe(side, () => {
      it('scores the trigger, depth, 4h %B and 1d trend, entry at the 30m close and 3× / 4× ATR stops', () => {
        const w = build(side, D1_ABOVE, h4With(80), M30_TRIGGER);
        const m30 = w['30m'];
        const prev = m30.previous?.close as number;
        const band = side === 'LONG' ? m30.previousBands?.lower : m30.previousBands?.upper;
        expect(side === 'LONG' ? prev < (band as number) : prev > (band as number), 'precondition: previous close outside its own band').toBe(true);
        const c = confluenceReversal(w);
        const atr = m30.atr as number;
        const sign = side === 'LONG' ? 1 : -1;
        expect(c?.side, 'side from the band crossed').toBe(side);
        expect(c?.model, 'model name').toBe('reversal');
        expect(Math.abs(prev - (band as number)) >= 0.5 * atr, 'precondition: deep enough for 20').toBe(true);
        expect(c?.breakdown, 'all four components').toEqual({ trigger: 30, depth: 20, percentB4h: 25, daily: 25 });
        expect(c?.score, 'score is the sum').toBe(100);
        expect(c?.entry, 'entry is the 30m close').toBe(m30.last?.close);
        expect(c?.stopLoss, 'SL 3 ATR').toBe((c?.entry as number) - sign * 3 * atr);
        expect(c?.takeProfit, 'TP 4 ATR').toBe((c?.entry as number) + sign * 4 * atr);
      });

      it('depth: 20 at exactly depthAtr × ATR (inclusive), 10 just short of it', () => {
        // Find a previous close whose depth is an exact multiple of the ATR in floating point.
        let found = false;
        for (let prevClose = 96; prevClose >= 90 && !found; prevClose -= 0.25) {
          const w = build(side, D1_ABOVE, h4With(80), [...alternate(49, 99, 101), { c: prevClose }, { o: 96, c: 99 }]);
          const m30 = w['30m'];
          const prev = m30.previous?.close as number;
          const depth = side === 'LONG' ? (m30.previousBands?.lower as number) - prev : prev - (m30.previousBands?.upper as number);
          const atr = m30.atr as number;
          const f = exactFactor(depth, atr);
          if (f === undefined || confluenceReversal(w) === null) continue;
          found = true;
          expect(confluenceReversal(w, withConfig({ depthAtr: f }))?.breakdown.depth, 'at least: equal counts').toBe(20);
          let g = nextUp(f);
          for (let i = 0; i < 64 && g * atr <= depth; i++) g = nextUp(g);
          expect(confluenceReversal(w, withConfig({ depthAtr: g }))?.breakdown.depth, 'less: 10').toBe(10);
        }
        expect(found, 'some construction hits the edge exactly').toBe(true);
      });

      it('4h %B: 25 / 12 / 0 by tier, strict at each edge, and 0 on a zero-width band', () => {
        expect(confluenceReversal(build(side, D1_ABOVE, h4With(88), M30_TRIGGER))?.breakdown.percentB4h, '%B ≈ 0.23 (SHORT ≈ 0.77)').toBe(12);
        expect(confluenceReversal(build(side, D1_ABOVE, h4With(100), M30_TRIGGER))?.breakdown.percentB4h, '%B ≈ 0.5').toBe(0);
        expect(confluenceReversal(build(side, D1_ABOVE, flat(51, 100), M30_TRIGGER))?.breakdown.percentB4h, 'flat 4h: no %B').toBe(0);
        const w = build(side, D1_ABOVE, h4With(88), M30_TRIGGER);
        const pb = w['4h'].bands?.percentB as number;
        // LONG compares pb < full; SHORT pb > 1 − full. Put the edge exactly on pb, then one ulp past it.
        const edge = side === 'LONG' ? pb : 1 - pb;
        expect(side === 'LONG' || 1 - edge === pb, 'precondition: the mirrored edge is exact').toBe(true);
        expect(confluenceReversal(w, withConfig({ percentBFull: edge }))?.breakdown.percentB4h, 'equal to the edge is not beyond').toBe(12);
        // A larger `full` widens the 25-point tier on both sides (SHORT reads pb > 1 − full).
        let past = nextUp(edge);
        for (let i = 0; i < 64 && side === 'SHORT' && !(pb > 1 - past); i++) past = nextUp(past);
        expect(confluenceReversal(w, withConfig({ percentBFull: past }))?.breakdown.percentB4h, 'just inside the edge').toBe(25);
      });

      it('daily: 10 at exactly 5 % against SMA50 (inclusive), 0 one ulp further, 10 when close = SMA50', () => {
        const d1 = series('1d', forSide(side, D1_NEAR_EDGE));
        expect(d1.smaSlow, 'precondition: SMA50 = 100').toBe(100);
        expect(confluenceReversal(build(side, D1_NEAR_EDGE, h4With(80), M30_TRIGGER))?.breakdown.daily, 'within 5 %').toBe(10);
        const further = [...flat(49, 100), { c: 200 - nextDown(95) }, { c: nextDown(95) }];
        expect(series('1d', forSide(side, further)).smaSlow, 'precondition: SMA50 still 100').toBe(100);
        expect(confluenceReversal(build(side, further, h4With(80), M30_TRIGGER))?.breakdown.daily, 'beyond 5 %').toBe(0);
        expect(confluenceReversal(build(side, flat(51, 100), h4With(80), M30_TRIGGER))?.breakdown.daily, 'at SMA50: not above, within').toBe(10);
      });

      it('no trigger when the previous close is not outside or the current close is still outside', () => {
        expect(confluenceReversal(build(side, D1_ABOVE, h4With(80), flat(51, 100))), 'flat: previous close on its band').toBeNull();
        const stillOutside = [...alternate(49, 99, 101), { c: 95 }, { o: 89, c: 90 }];
        expect(confluenceReversal(build(side, D1_ABOVE, h4With(80), stillOutside)), 'still outside').toBeNull();
        expect(confluenceReversal(build(side, D1_ABOVE, h4With(80), alternate(51, 99, 101))), 'inside the band all along').toBeNull();
      });
    });
  }
});

import type { LockVerdict, Verdict } from '../../../src/domain/memory.js';
import type { Db } from '../../../src/sinks/sqlite/db.js';
import { HOUR, insertMemoryEvent, insertSignal, insertTrade, t } from './fixtureDb.js';

const pause: LockVerdict = {
  type: 'lock', rule: 'globalLossStreak', scope: { kind: 'global' }, startMs: t('2025-02-02T00:00:00'),
  untilMs: t('2025-02-02T12:00:00'), detail: { kind: 'lossStreak', losses: 3 },
};
const btcThreshold: Verdict = {
  type: 'threshold', rule: 'symbolWinRate', scope: { kind: 'symbol', symbol: 'BTCUSDT' }, add: 5, detail: { kind: 'none' as const },
};
const globalThreshold: Verdict = { type: 'threshold', rule: 'globalWinRate', scope: { kind: 'global' }, add: 5, detail: { kind: 'none' as const } };
const orphanLock: LockVerdict = {
  type: 'lock', rule: 'reversalWinRate', scope: { kind: 'model', model: 'reversal' }, startMs: t('2024-12-30T00:00:00'),
  untilMs: t('2025-01-02T00:00:00'), detail: { kind: 'none' as const },
};

/**
 * Six closed trades, one open, three blocked candidates and three memory activations, with
 * figures computed by hand in summary.spec.ts. Starting equity 1000 USDT.
 *
 * | # | symbol  | model        | signal end       | hold | outcome | R     | pnl   | equity |
 * | 1 | BTCUSDT | continuation | 2025-01-04 14:00 | 10 h | WIN     | 2     | 20    | 1020   |
 * | 2 | ETHUSDT | reversal     | 2025-01-09 04:00 | 20 h | LOSS    | -1    | -10.2 | 1009.8 |
 * | 3 | BTCUSDT | reversal     | 2025-01-18 18:00 | 30 h | LOSS    | -1    | -10.1 | 999.7  |
 * | 4 | SOLUSDT | continuation | 2025-01-31 12:00 | 36 h | EXPIRED | -0.25 | -2.5  | 997.2  |  exits in February
 * | 5 | ETHUSDT | continuation | 2025-02-09 00:00 | 24 h | EXPIRED | 0.5   | 5     | 1002.2 |
 * | 6 | BTCUSDT | continuation | 2025-02-14 18:00 | 6 h  | WIN     | 1.5   | 15    | 1017.2 |
 * | 7 | SOLUSDT | reversal     | 2025-02-25 00:00 | open |         |       |       |        |
 */
export function fillScenario(db: Db): void {
  insertMemoryEvent(db, { kind: 'end', atMs: orphanLock.untilMs, verdict: orphanLock });
  insertTrade(db, { symbol: 'BTCUSDT', model: 'continuation', endMs: t('2025-01-04T14:00:00'), holdingHours: 10, outcome: 'WIN', r: 2, pnl: 20, equityAfter: 1020 });
  insertTrade(db, { symbol: 'ETHUSDT', model: 'reversal', side: 'SHORT', endMs: t('2025-01-09T04:00:00'), holdingHours: 20, outcome: 'LOSS', r: -1, pnl: -10.2, equityAfter: 1009.8 });
  insertTrade(db, { symbol: 'BTCUSDT', model: 'reversal', endMs: t('2025-01-18T18:00:00'), holdingHours: 30, outcome: 'LOSS', r: -1, pnl: -10.1, equityAfter: 999.7 });
  insertMemoryEvent(db, { kind: 'start', atMs: t('2025-01-20T00:00:00'), verdict: btcThreshold });
  // Names symbolWinRate but is ETHUSDT: outside the BTCUSDT activation's scope.
  insertSignal(db, { symbol: 'ETHUSDT', model: 'continuation', endMs: t('2025-01-25T00:00:00'), status: 'blocked', reasons: [{ code: 'threshold_raised', detail: { add: 5, why: { kind: 'none' } }, rule: 'symbolWinRate' }] });
  insertTrade(db, { symbol: 'SOLUSDT', model: 'continuation', endMs: t('2025-01-31T12:00:00'), holdingHours: 36, outcome: 'EXPIRED', r: -0.25, pnl: -2.5, equityAfter: 997.2 });
  insertMemoryEvent(db, { kind: 'start', atMs: pause.startMs, verdict: pause });
  insertMemoryEvent(db, { kind: 'start', atMs: pause.startMs, verdict: globalThreshold });
  insertSignal(db, { symbol: 'ETHUSDT', model: 'continuation', endMs: pause.startMs + 6 * HOUR, status: 'blocked', reasons: [{ code: 'pause', detail: { untilMs: pause.untilMs, why: { kind: 'lossStreak', losses: 3 } }, rule: 'globalLossStreak' }] });
  // At `until` exactly the lock no longer holds: this one must not be attributed to it.
  insertSignal(db, { symbol: 'BTCUSDT', model: 'continuation', endMs: pause.untilMs, status: 'blocked', reasons: [{ code: 'pause', detail: { untilMs: pause.untilMs, why: { kind: 'lossStreak', losses: 3 } }, rule: 'globalLossStreak' }] });
  insertMemoryEvent(db, { kind: 'end', atMs: pause.untilMs, verdict: pause });
  insertTrade(db, { symbol: 'ETHUSDT', model: 'continuation', side: 'SHORT', endMs: t('2025-02-09T00:00:00'), holdingHours: 24, outcome: 'EXPIRED', r: 0.5, pnl: 5, equityAfter: 1002.2 });
  insertTrade(db, {
    symbol: 'BTCUSDT', model: 'continuation', endMs: t('2025-02-14T18:00:00'), holdingHours: 6, outcome: 'WIN', r: 1.5, pnl: 15, equityAfter: 1017.2,
    reasons: [{ code: 'threshold_raised', detail: { add: 5, why: { kind: 'none' } }, rule: 'symbolWinRate' }, { code: 'threshold_raised', detail: { add: 5, why: { kind: 'none' } }, rule: 'globalWinRate' }],
  });
  insertMemoryEvent(db, { kind: 'end', atMs: t('2025-02-15T00:00:00'), verdict: globalThreshold });
  insertTrade(db, { symbol: 'SOLUSDT', model: 'reversal', endMs: t('2025-02-25T00:00:00'), holdingHours: 0, outcome: null, r: 0, pnl: 0, equityAfter: 0 });
}

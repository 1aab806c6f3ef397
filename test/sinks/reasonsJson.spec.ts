import { describe, expect, it } from 'vitest';
import type { Reason } from '../../src/domain/reason.js';
import { reasonsJson } from '../../src/sinks/sqlite/reasonsJson.js';

const pause: Reason = { code: 'pause', detail: { untilMs: 1_741_210_200_000, why: { kind: 'lossStreak', losses: 3 } }, rule: 'globalLossStreak' };
const riskCap: Reason = { code: 'risk_cap', detail: { maxRiskPct: 0.5, why: { kind: 'drawdown', drawdownPct: 9.555653314425, linePct: 8 } }, rule: 'drawdownRiskCap' };
const dailyLimit: Reason = { code: 'daily_limit', detail: { sentToday: 5, max: 5 } };

describe('reasonsJson', () => {
  it('writes what JSON.stringify writes: none, one, several', () => {
    for (const reasons of [[], [dailyLimit], [pause, riskCap, dailyLimit]]) expect(reasonsJson(reasons)).toBe(JSON.stringify(reasons));
  });

  it('writes a reason shared by many signals the same each time, wherever it stands in the list', () => {
    const first = reasonsJson([pause, riskCap]);
    expect(reasonsJson([pause, riskCap])).toBe(first);
    expect(reasonsJson([dailyLimit, pause, pause])).toBe(JSON.stringify([dailyLimit, pause, pause]));
    expect(JSON.parse(reasonsJson([riskCap, pause]))).toEqual([riskCap, pause]);
  });
});

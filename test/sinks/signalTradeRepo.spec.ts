import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { HaltRepo } from '../../src/sinks/sqlite/haltRepo.js';
import { SignalRepo } from '../../src/sinks/sqlite/signalRepo.js';
import { TradeRepo } from '../../src/sinks/sqlite/tradeRepo.js';
import type { Signal } from '../../src/domain/signal.js';
import type { ClosedTrade, OpenTrade } from '../../src/domain/trade.js';

const DAY = Date.UTC(2025, 2, 10);
const db = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'ks-repo-')), 'k.db'));

function signal(endMs: number, status: Signal['status'] = 'sent', model: Signal['model'] = 'continuation'): Signal {
  return {
    symbol: 'BTCUSDT', interval: '30m', openTimeMs: endMs - 1_800_000, endMs, model, side: 'LONG', score: 80,
    breakdown: { daily: 25, pullback: 30 }, entry: 100, stopLoss: 95, takeProfit: 110, status, quantity: 2,
    riskPct: 1, effectiveThreshold: 75, effectiveDailyMax: 5, reasons: status === 'blocked' ? [{ code: 'pause', detail: { untilMs: 0, why: { kind: 'lossStreak', losses: 3 } }, rule: 'globalLossStreak' }] : [],
  };
}

describe('SignalRepo', () => {
  it('stores a signal once: a replayed candidate keeps the first row and its id', () => {
    const repo = new SignalRepo(db());
    const first = repo.insert(signal(DAY + 1_800_000), 'seed');
    const again = repo.insert({ ...signal(DAY + 1_800_000), score: 99 }, 'seed');
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const [row] = repo.recent(10);
    expect(row).toMatchObject({ score: 80, breakdown: { daily: 25, pullback: 30 }, reasons: [] });
  });

  it('counts sent signals by the UTC day of the close time: the 23:30 candle belongs to its own day', () => {
    const repo = new SignalRepo(db());
    repo.insert(signal(DAY), 'seed'); // 23:30–00:00 of the previous day
    repo.insert(signal(DAY + 1_800_000), 'seed');
    repo.insert(signal(DAY + 3_600_000, 'blocked'), 'seed');
    repo.insert(signal(DAY + 86_400_000), 'seed'); // 23:30 candle of DAY
    expect(repo.sentOnDay(DAY - 86_400_000)).toBe(1);
    expect(repo.sentOnDay(DAY)).toBe(2);
    expect(repo.recent(10, 'blocked')[0]!.reasons[0]!.code).toBe('pause');
  });
});

describe('TradeRepo', () => {
  it('opens once per signal, closes once, and lists closed trades in exit order', () => {
    const d = db();
    const signals = new SignalRepo(d);
    const trades = new TradeRepo(d);
    const ids = [1, 2].map((i) => signals.insert(signal(DAY + i * 1_800_000), 'seed').id);
    const open = (signalId: number, openedAtMs: number): OpenTrade => ({
      signalId, symbol: 'BTCUSDT', interval: '30m', model: 'continuation', side: 'LONG', entry: 100, stopLoss: 95,
      takeProfit: 110, quantity: 2, openedAtMs, expiresAtMs: openedAtMs + 48 * 1_800_000,
    });
    expect(trades.open(open(ids[0]!, DAY))).toBe(true);
    expect(trades.open(open(ids[0]!, DAY)), 'a replay opens nothing').toBe(false);
    trades.open(open(ids[1]!, DAY + 1));
    const close = (t: OpenTrade, exitTimeMs: number): ClosedTrade => ({
      ...t, exitTimeMs, exitPrice: 95, outcome: 'LOSS', rMultiple: -1.02, pnl: -10.2, equityAfter: 989.8,
    });
    expect(trades.close(close(open(ids[1]!, DAY + 1), DAY + 10))).toBe(true);
    expect(trades.close(close(open(ids[1]!, DAY + 1), DAY + 10)), 'closing twice changes nothing').toBe(false);
    trades.close(close(open(ids[0]!, DAY), DAY + 20));
    expect(trades.openTrades()).toEqual([]);
    expect(trades.closedTrades().map((t) => t.signalId)).toEqual([ids[1], ids[0]]);
    expect(trades.closedTrades()[0]).toMatchObject({ outcome: 'LOSS', rMultiple: -1.02, equityAfter: 989.8 });
  });
});

describe('TradeRepo: why a trade closed', () => {
  it('stores the exit reason of a trade whose symbol stopped trading and reads it back; other trades have none', () => {
    const d = db();
    const signals = new SignalRepo(d);
    const trades = new TradeRepo(d);
    const [a, b] = [1, 2].map((i) => signals.insert(signal(DAY + i * 1_800_000), 'seed').id);
    const open = (signalId: number): OpenTrade => ({
      signalId, symbol: 'BTCUSDT', interval: '30m', model: 'continuation', side: 'LONG', entry: 100, stopLoss: 95,
      takeProfit: 110, quantity: 2, openedAtMs: DAY, expiresAtMs: DAY + 48 * 1_800_000,
    });
    for (const id of [a!, b!]) trades.open(open(id));
    const reason = { code: 'symbol_halted', detail: { symbol: 'BTCUSDT', status: null } } as const;
    trades.close({ ...open(a!), exitTimeMs: DAY + 10, exitPrice: 99, outcome: 'EXPIRED', rMultiple: -0.3, pnl: -2, equityAfter: 998, exitReason: reason });
    trades.close({ ...open(b!), exitTimeMs: DAY + 20, exitPrice: 95, outcome: 'LOSS', rMultiple: -1, pnl: -10, equityAfter: 988 });
    const [halted, lost] = trades.closedTrades();
    expect(halted!.exitReason, 'stored as JSON, read back typed').toEqual(reason);
    expect('exitReason' in lost!, 'a plain close has no reason field at all').toBe(false);
    const raw = d.prepare('SELECT exit_reason FROM trades WHERE signal_id = ?').get(a) as { exit_reason: string };
    expect(JSON.parse(raw.exit_reason)).toEqual(reason);
  });
});

describe('HaltRepo', () => {
  it('records a stop once, until the symbol trades again', () => {
    const halts = new HaltRepo(db());
    expect(halts.record({ symbol: 'SOLUSDT', status: 'SETTLING', lastEndMs: DAY })).toBe(true);
    expect(halts.record({ symbol: 'SOLUSDT', status: 'CLOSE', lastEndMs: DAY + 1 }), 'told already').toBe(false);
    expect(halts.get('SOLUSDT'), 'the first stop is kept').toEqual({ symbol: 'SOLUSDT', status: 'SETTLING', lastEndMs: DAY });
    expect(halts.clear('SOLUSDT'), 'trading again').toBe(true);
    expect(halts.record({ symbol: 'SOLUSDT', status: null, lastEndMs: null }), 'a new stop later is new').toBe(true);
    expect(halts.all()).toEqual([{ symbol: 'SOLUSDT', status: null, lastEndMs: null }]);
  });
});

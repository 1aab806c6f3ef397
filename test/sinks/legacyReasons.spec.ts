import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { MemoryRepo } from '../../src/sinks/sqlite/memoryRepo.js';
import { SignalRepo } from '../../src/sinks/sqlite/signalRepo.js';
import { SEED_RULE_BOOK } from '../../src/core/memory/ruleBook.js';
import { stringsFor } from '../../src/sinks/telegram/templates/common.js';
import { reasonText } from '../../src/sinks/telegram/templates/reasonText.js';
import { leaks } from './wording/identifiers.js';

/** Rows exactly as the bot wrote them before reasons were typed (free-text details, memory_* codes). */
function oldDb() {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ks-legacy-')), 'k.db'));
  db.prepare(
    `INSERT INTO signals (symbol, interval, open_time, end_time, model, profile, side, status, score, breakdown, threshold, entry, stop_loss, take_profit, quantity, risk_pct, reasons)
     VALUES ('BTCUSDT', '30m', 0, 1800000, 'continuation', 'seed', 'LONG', 'sent', 76.27742, '{"base":70,"momentum":6.27742}', 80, 100, 95, 110, 1, 0.5, ?)`,
  ).run(JSON.stringify([
    { code: 'memory_threshold', detail: 'win rate 9/20 of the last trades is below 55 %', rule: 'globalWinRate' },
    { code: 'memory_riskCap', detail: 'drawdown 8.12 % is above 8 %', rule: 'drawdownRiskCap' },
    { code: 'pause', detail: '3 losses in a row: all signals paused for 12 h until 2025-01-01T12:00:00.000Z', rule: 'globalLossStreak' },
  ]));
  db.prepare(`INSERT INTO memory_events (at_ms, kind, rule, type, scope, reason, verdict) VALUES (1, 'start', 'globalLossStreak', 'lock', 'global', ?, ?)`).run(
    '3 losses in a row', JSON.stringify({ type: 'lock', rule: 'globalLossStreak', scope: { kind: 'global' }, startMs: 1, untilMs: 2, reason: '3 losses in a row' }),
  );
  db.prepare(`INSERT INTO memory_state (key, rule, scope, start_ms, until_ms, reason, updated_ms) VALUES ('k', 'globalLossStreak', 'global', 1, 2, '3 losses in a row', 1)`).run();
  return db;
}

describe('rows written before reasons were typed (regression)', () => {
  it('read with their old codes mapped, and render with labels and rule names only', () => {
    const db = oldDb();
    const [row] = new SignalRepo(db).recent(5);
    expect(row?.reasons, 'memory_* codes mapped, English detail dropped, rule kept').toEqual([
      { code: 'threshold_raised', rule: 'globalWinRate' },
      { code: 'risk_cap', rule: 'drawdownRiskCap' },
      { code: 'pause', rule: 'globalLossStreak' },
    ]);
    for (const language of ['vi', 'en'] as const) {
      const text = (row?.reasons ?? []).map((r) => reasonText(r, stringsFor(language), SEED_RULE_BOOK)).join('\n');
      expect(leaks(text, language), text).toEqual([]);
    }
    expect(reasonText(row!.reasons[1]!, stringsFor('vi'), SEED_RULE_BOOK)).toBe('Giảm rủi ro mỗi lệnh (Sụt giảm vốn: giảm rủi ro)');
  });

  it('memory events and locks with a `reason` sentence read as verdicts without facts', () => {
    const db = oldDb();
    const repo = new MemoryRepo(db);
    expect(repo.recent(5)[0]?.verdict, 'event verdict in today\'s shape').toEqual({ type: 'lock', rule: 'globalLossStreak', scope: { kind: 'global' }, startMs: 1, untilMs: 2, detail: { kind: 'none' } });
    expect(repo.loadSnapshot().locks[0]?.detail, 'lock row').toEqual({ kind: 'none' });
  });
});

import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/sinks/sqlite/migrations.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOT_BIN } from '../support/botCli.js';

/** The compiled bin operators run, on the dist/ the test run's global setup has just rebuilt. */
function runCli(args: string[], env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'ks-cfg-'));
  return spawnSync(process.execPath, [BOT_BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', DB_PATH: join(cwd, 'db.sqlite'), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the real entry point with a bad environment', () => {
  it.each([
    ['WS_MAX_STREAMS_PER_CONN', '500'],
    ['LANGUAGE', 'de'],
    ['RISK_PER_TRADE', 'lots'],
  ])('`run` with %s=%s exits 1 with one line naming it, before connecting', (name, value) => {
    // An unroutable Binance URL: if the bot tried to connect it would hang or log retries, not exit 1 at once.
    const r = runCli(['run'], { [name]: value, BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, 'exactly one line on stderr').toHaveLength(1);
    expect(lines[0]).toContain(`${name}=${JSON.stringify(value)}`);
    expect(lines[0]).toMatch(/allowed/);
    expect(r.stdout, 'nothing was logged: no connection was attempted').toBe('');
  });

  it('`run` with a rules file with a bad field exits 1 with one line naming the rule and the field, before connecting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-rules-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify([
      { id: 'globalWinRate', kind: 'winRateThreshold', scope: 'global', params: { windowTrades: 20, minTrades: 10, belowWinRatePct: 55, thresholdAdd: 5 } },
      { id: 'strictStreak', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 2, lockHours: -1 } },
    ]));
    const r = runCli(['run'], { MEMORY_RULES_FILE: file, BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market' });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, 'exactly one line on stderr').toHaveLength(1);
    expect(lines[0]).toMatch(/^config error: MEMORY_RULES_FILE rule 2 \(strictStreak\) params\.lockHours="-1" is invalid: allowed /);
    expect(r.stdout, 'nothing was logged: no connection was attempted').toBe('');
  });

  it('`run` with a subscribers file with a bad field, or a bad inline list, exits 1 with one line naming it, before connecting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-subs-'));
    const file = join(dir, 'subscribers.json');
    writeFileSync(file, JSON.stringify([{ chat: '-1001234', language: 'vi' }, { chat: '@mychannel', language: 'en', minScore: 101 }]));
    const cases: Array<[string, RegExp]> = [
      [file, /^config error: TELEGRAM_SUBSCRIBERS subscriber 2 minScore="101" is invalid: allowed a number 0–100$/],
      ['-1001234:fr', /^config error: TELEGRAM_SUBSCRIBERS="-1001234:fr" is invalid: allowed unset, comma-separated chat:language/],
    ];
    for (const [value, line] of cases) {
      const r = runCli(['run'], { TELEGRAM_SUBSCRIBERS: value, BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market' });
      expect(r.status, r.stderr).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, 'exactly one line on stderr').toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(r.stdout, 'nothing was logged: no connection was attempted').toBe('');
    }
  });

  it('`doctor --json` with a good environment checks the settings and the database without creating it (Binance: test/e2e/ops/doctor.spec.ts)', () => {
    const r = runCli(['doctor', '--json'], { BINANCE_REST_URL: 'http://127.0.0.1:9', HTTP_PORT: '0' });
    const report = JSON.parse(r.stdout) as { checks: Array<{ name: string; status: string; data?: Record<string, unknown> }> };
    expect(report.checks.map((c) => `${c.name} ${c.status}`)).toEqual(['settings ok', 'database ok', 'Binance fail', 'Telegram ok', 'dashboard ok']);
    expect(report.checks[1]?.data, 'a missing database is created at first run, not by doctor').toMatchObject({ exists: false });
    expect(r.status, 'Binance unreachable: a run would not work').toBe(1);
  });
});

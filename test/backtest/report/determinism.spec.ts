import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReportFiles } from '../../../src/backtest/report/writeReportFiles.js';
import { buildReport, reportJson } from '../../../src/backtest/report/buildReport.js';
import type { Db } from '../../../src/sinks/sqlite/db.js';
import { insertTrade, openDatabase, openReadOnly, runInfo, t, tempDbPath } from './fixtureDb.js';
import { fillScenario } from './scenario.js';

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function scenarioFile(): string {
  const path = tempDbPath();
  const db = openDatabase(path);
  fillScenario(db);
  db.close();
  return path;
}

function reader(path: string): Db {
  const db = openReadOnly(path);
  opened.push(db);
  return db;
}

/** report.json text without its one run-time field. */
function withoutRuntime(json: string): string {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  delete parsed.runtime;
  return JSON.stringify(parsed);
}

describe('report determinism', () => {
  it('two builds of the same data differ only in runtime, whatever order the config was built in', () => {
    const first = reportJson(buildReport({ db: reader(scenarioFile()), run: runInfo() }));
    const config = { MODEL_PROFILE: 'confluence', RISK_PER_TRADE: 1, SCORE_THRESHOLD: 75 };
    const later = runInfo({ startedAtMs: t('2026-05-01T08:00:00'), finishedAtMs: t('2026-05-01T08:03:00'), config, symbols: ['ETHUSDT', 'SOLUSDT', 'BTCUSDT'] });
    const second = reportJson(buildReport({ db: reader(scenarioFile()), run: later }));
    expect(first, 'the runtime field does differ').not.toBe(second);
    expect(withoutRuntime(second), 'everything else is byte-identical').toBe(withoutRuntime(first));
    expect(JSON.parse(second).runtime, 'wall-clock facts').toEqual({ startedAt: '2026-05-01T08:00:00.000Z', finishedAt: '2026-05-01T08:03:00.000Z', wallMs: 180_000 });
  });

  it('rounds summed floats so that 0.1 + 0.2 reads 0.3', () => {
    const db = openDatabase(tempDbPath());
    opened.push(db);
    const base = { model: 'continuation' as const, holdingHours: 1, outcome: 'WIN' as const };
    insertTrade(db, { ...base, symbol: 'BTCUSDT', endMs: t('2025-01-02T00:00:00'), r: 0.1, pnl: 0.1, equityAfter: 1000.1 });
    insertTrade(db, { ...base, symbol: 'ETHUSDT', endMs: t('2025-01-03T00:00:00'), r: 0.2, pnl: 0.2, equityAfter: 1000.3 });
    const summary = buildReport({ db, run: runInfo() }).summary;
    expect(0.1 + 0.2, 'the float noise exists').not.toBe(0.3);
    expect([summary.totalR, summary.totalPnl, summary.expectancyR], 'rounded to 1e-10').toEqual([0.3, 0.3, 0.15]);
  });

  it('redacts secret-looking config keys and sorts config keys', () => {
    const run = runInfo({ config: { TELEGRAM_BOT_TOKEN: '123:abc', LANGUAGE: 'vi', ACCOUNT_BALANCE: 1000 } });
    const db = openDatabase(tempDbPath());
    opened.push(db);
    const report = buildReport({ db, run });
    expect(report.run.config, 'a shared report never carries the bot token').toEqual({ ACCOUNT_BALANCE: 1000, LANGUAGE: 'vi', TELEGRAM_BOT_TOKEN: '[redacted]' });
    expect(Object.keys(report.run.config), 'sorted').toEqual(['ACCOUNT_BALANCE', 'LANGUAGE', 'TELEGRAM_BOT_TOKEN']);
    expect(reportJson(report), 'the token text is nowhere').not.toContain('123:abc');
  });
});

describe('writeReportFiles', () => {
  it('writes report.json and report.html that read back as the report', () => {
    const report = buildReport({ db: reader(scenarioFile()), run: runInfo() });
    const dir = join(mkdtempSync(join(tmpdir(), 'ks-report-out-')), 'out');
    const { jsonPath, htmlPath } = writeReportFiles(dir, report);
    expect(readFileSync(jsonPath, 'utf8'), 'the JSON on disk is reportJson').toBe(reportJson(report));
    expect(JSON.parse(readFileSync(jsonPath, 'utf8')).schemaVersion, 'versioned: 2 since metrics and market were added').toBe(2);
    expect(readFileSync(htmlPath, 'utf8'), 'the page on disk').toContain('<svg');
  });
});

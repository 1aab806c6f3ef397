import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/backtest/report/buildReport.js';
import { compareReports } from '../../../src/backtest/report/compareReports.js';
import { renderReportHtml } from '../../../src/backtest/report/html/renderReportHtml.js';
import type { BacktestReport, RunInfo } from '../../../src/backtest/report/types.js';
import type { Db } from '../../../src/sinks/sqlite/db.js';
import { insertTrade, openDatabase, runInfo, t, tempDbPath } from './fixtureDb.js';
import { fillScenario } from './scenario.js';

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function report(fill: (db: Db) => void, run: Partial<RunInfo> = {}): BacktestReport {
  const db = openDatabase(tempDbPath());
  opened.push(db);
  fill(db);
  return buildReport({ db, run: runInfo(run) });
}

/**
 * Anything a browser would fetch or run, looked for in markup only (text between tags is escaped,
 * so a `<` there is always a tag): resource attributes, resource elements, CSS url() and @import.
 */
function externalResources(html: string): string[] {
  const tags = html.match(/<[^>]*>/g) ?? [];
  const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1] ?? '');
  return [
    ...tags.filter((tag) => /\s(?:src|href|xlink:href|action|poster|srcset|on[a-z]+)\s*=/i.test(tag)),
    ...tags.filter((tag) => /^<(?:script|link|iframe|object|embed|img|image|use|base)\b/i.test(tag)),
    ...styles.filter((css) => /url\s*\(|@import/i.test(css)),
  ];
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('renderReportHtml', () => {
  it('is one self-contained page: no URL at all, an <svg> per chart, a shaded span per lock', () => {
    const r = report(fillScenario);
    const html = renderReportHtml(r);
    expect(html.startsWith('<!DOCTYPE html>'), 'a full document').toBe(true);
    expect(html, 'nothing fetched over http').not.toMatch(/https?:\/\//i);
    expect(externalResources(html), 'no external resource in the markup').toEqual([]);
    expect(count(html, '<svg'), 'equity and drawdown charts').toBe(2);
    expect(count(html, 'class="span"'), 'the one lock of the scenario is shaded over the equity').toBe(r.memory.filter((a) => a.type === 'lock').length);
    expect(count(html, '<tr>') - 1, 'every trade has a row').toBeGreaterThanOrEqual(r.trades.length);
    expect(html, 'month table').toContain('2025-02');
    expect(html, 'memory table names the rule by its name').toContain('Losing streak');
    expect(html, 'never by its id').not.toContain('globalLossStreak');
  });

  it('escapes every text: a reason with markup and a URL in the config stay text', () => {
    const r = report(
      (db) => insertTrade(db, {
        symbol: 'BTCUSDT', model: 'continuation', endMs: t('2025-01-02T00:00:00'), holdingHours: 2, outcome: 'WIN', r: 1, pnl: 10, equityAfter: 1010,
        reasons: [{ code: 'open_trade', detail: { symbol: '<img src=x onerror="alert(1)">' } }],
      }),
      { config: { BINANCE_REST_URL: 'https://fapi.binance.com', NOTE: '</style><script>alert(2)</script>' } },
    );
    const html = renderReportHtml(r);
    expect(html, 'the markup arrives escaped').toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(externalResources(html), 'no element or attribute made from data').toEqual([]);
    expect(count(html, '<style>'), 'the config text did not close the style block').toBe(1);
    expect(html, 'the URL is shown as a table cell, not linked').toContain('<td>https://fapi.binance.com</td>');
  });

  it('renders a comparison with both runs side by side and both curves', () => {
    const on = report(fillScenario);
    const off = report((db) => insertTrade(db, {
      symbol: 'ETHUSDT', model: 'reversal', endMs: t('2025-01-10T00:00:00'), holdingHours: 3, outcome: 'LOSS', r: -1, pnl: -10, equityAfter: 990,
    }), { memory: false });
    const html = renderReportHtml(compareReports([{ label: 'memory on', report: on }, { label: 'memory off', report: off }]));
    expect(count(html, '<svg'), 'equity and drawdown overlays').toBe(2);
    expect(html, 'both runs head the table, in words').toMatch(/<th>confluence, memory on<\/th><th>confluence, memory off<\/th>/);
    expect(html, 'not by folder label').not.toMatch(/<th>memory on<\/th>/);
    expect(html, 'final equity of each run').toContain('1017.20');
    expect(html, 'final equity of the other run').toContain('990.00');
    expect(count(html, '<path'), 'one equity and one drawdown line per run').toBe(4);
    expect(html, 'nothing fetched').not.toMatch(/https?:\/\//i);
  });

  it('heads the columns with the folder labels when two runs have the same profile and memory', () => {
    const a = report(fillScenario);
    const html = renderReportHtml(compareReports([{ label: 'btc-only', report: a }, { label: 'all-symbols', report: a }]));
    expect(html).toMatch(/<th>btc-only<\/th><th>all-symbols<\/th>/);
  });

  it('compareReports keeps the order and refuses duplicate labels', () => {
    const r = report(fillScenario);
    const c = compareReports([{ label: 'seed', report: r }, { label: 'confluence', report: r }]);
    expect(c.runs.map((x) => x.label), 'given order').toEqual(['seed', 'confluence']);
    expect(c.runs[0]?.summary, 'summary carried unchanged').toEqual(r.summary);
    expect(() => compareReports([{ label: 'a', report: r }, { label: 'a', report: r }]), 'columns need distinct heads').toThrow(RangeError);
    expect(() => compareReports([]), 'nothing to put side by side').toThrow(RangeError);
  });

  const chromium = '/usr/bin/chromium';
  it.skipIf(!existsSync(chromium))('opens in headless chromium without console errors (skipped: /usr/bin/chromium not installed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-report-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReportHtml(report(fillScenario)));
    const out = execFileSync(chromium, ['--headless=new', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0', '--dump-dom', `file://${file}`], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000,
    });
    expect(out, 'the DOM loaded').toContain('<svg');
  });
});

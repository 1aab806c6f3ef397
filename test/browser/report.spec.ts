import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktestCli } from '../../src/backtest/cli.js';
import type { BacktestReport, ComparisonReport } from '../../src/backtest/report/types.js';
import { BrowserPage, VIEWPORT_WIDTH } from './support/browserPage.js';
import { CHROMIUM_MISSING, findChromium, launchChromium, type RunningChromium } from './support/chromium.js';
import { EXAMPLE_KLINES, screenshotPath } from './support/screenshotDir.js';
import { CLIPPED_CHART_TEXT, drawnSvgsExpression, TALLEST_CELL_PX, visibleShapes, type DrawnSvg } from './support/svgProbe.js';

const executable = findChromium();
const title = executable ? 'backtest reports in headless Chromium' : `backtest reports in headless Chromium (${CHROMIUM_MISSING})`;

/** One stdout line of the backtest (`--json`): a run's label and where its report.json went. */
interface RunLine {
  readonly run: string;
  readonly trades: number;
  readonly report: string;
}

let outDir = '';
let chrome: RunningChromium | undefined;
const runs: RunLine[] = [];
const MAX_SCREENSHOT_HEIGHT = 6000;

/** Opens a report page by file:// and measures its charts once the load event fired. */
async function openReport(file: string): Promise<{ page: BrowserPage; charts: DrawnSvg[] }> {
  const page = await BrowserPage.open(chrome!);
  await page.navigate(pathToFileURL(file).href);
  const charts = await page.evaluate<DrawnSvg[]>(drawnSvgsExpression('svg.chart'));
  return { page, charts };
}

/** What a reader would call broken layout: chart text cut off at the edge, a cell taller than a screen. */
async function expectReadableLayout(page: BrowserPage): Promise<void> {
  expect(await page.evaluate<string[]>(CLIPPED_CHART_TEXT), 'no chart label cut off at the chart edge').toEqual([]);
  expect(await page.evaluate<number>(TALLEST_CELL_PX), 'no table cell taller than one screen (900 px)').toBeLessThan(900);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'nothing wider than the 1280 px window').toBeLessThanOrEqual(VIEWPORT_WIDTH);
}

/** Saves a full-page screenshot and checks it is the whole page, 1280 px wide. */
async function saveFullPage(page: BrowserPage, name: string): Promise<void> {
  const docHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
  const png = await page.screenshotFullPage(screenshotPath(name), MAX_SCREENSHOT_HEIGHT);
  expect(png.width, `${name} is the 1280 px viewport wide`).toBe(VIEWPORT_WIDTH);
  expect(docHeight, `${name}: the page fits a commit-friendly screenshot`).toBeLessThanOrEqual(MAX_SCREENSHOT_HEIGHT);
  expect(png.height, `${name} covers the whole page`).toBe(docHeight);
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

describe.skipIf(!executable)(title, () => {
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'ks-report-browser-'));
    // Four months of the three example symbols, both profiles, memory on and off: four runs and a comparison.
    const code = await runBacktestCli(
      ['--data', EXAMPLE_KLINES, '--profile', 'both', '--compare', '--to', '2025-05-01T00:00:00Z', '--out', outDir, '--json'],
      { env: {}, logger: pino({ level: 'silent' }), writeLine: (line) => runs.push(JSON.parse(line) as RunLine), writeError: () => undefined },
    );
    expect(code, 'the backtest itself succeeded').toBe(0);
    chrome = await launchChromium(executable!);
  }, 45_000);

  afterAll(async () => {
    await chrome?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('comparison.html loads without a console error and draws one line per run in each chart', async () => {
    const comparison = readJson<ComparisonReport>(join(outDir, 'comparison.json'));
    const { page, charts } = await openReport(join(outDir, 'comparison.html'));
    try {
      expect(page.problems, 'no console error, exception or failed load').toEqual([]);
      expect(charts.map((c) => c.label), 'an equity and a drawdown chart').toEqual(['Equity (USDT)', 'Drawdown (%)']);
      const runsWithTrades = comparison.runs.filter((r) => r.equity.length > 0).length;
      expect(runsWithTrades, 'the fixture has runs with trades to draw').toBeGreaterThan(1);
      for (const chart of charts) {
        expect(chart.width * chart.height, `${chart.label} takes space on the page`).toBeGreaterThan(0);
        expect(visibleShapes(chart).length, `${chart.label}: a drawn line per run with trades`).toBe(runsWithTrades);
      }
      const metricColumns = await page.evaluate<number>('document.querySelectorAll("table.metrics thead th").length');
      expect(metricColumns, 'the metrics table: a label column and one column per run').toBe(comparison.runs.length + 1);
      await expectReadableLayout(page);
      await saveFullPage(page, 'comparison.png');
      expect(page.problems, 'still no problem after the screenshot').toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a run report.html draws its equity, drawdown and memory spans without a console error', async () => {
    // The run with trades and memory activations but the fewest trades: a page a person can read in one screen.
    const candidates = runs.filter((r) => r.trades > 0 && readJson<BacktestReport>(r.report).memory.length > 0);
    const chosen = [...candidates].sort((a, b) => a.trades - b.trades)[0];
    expect(chosen, 'a run with trades and memory activations exists').toBeDefined();
    const report = readJson<BacktestReport>(chosen!.report);
    const { page, charts } = await openReport(join(dirname(chosen!.report), 'report.html'));
    try {
      expect(page.problems, 'no console error, exception or failed load').toEqual([]);
      expect(charts.map((c) => c.label), 'an equity and a drawdown chart').toEqual(['Equity (USDT)', 'Drawdown (%)']);
      for (const chart of charts) {
        expect(chart.width * chart.height, `${chart.label} takes space on the page`).toBeGreaterThan(0);
        expect(visibleShapes(chart).length, `${chart.label}: the curve is drawn`).toBe(1);
      }
      const lanes = new Set(report.memory.map((m) => m.rule)).size;
      expect(charts[0]!.rects, 'equity chart: a lane bar per memory activation, plus shading per lock')
        .toBe(report.memory.length + report.memory.filter((m) => m.type === 'lock').length);
      expect(lanes, 'memory lanes exist to draw').toBeGreaterThan(0);
      const rows = await page.evaluate<number>('document.querySelectorAll("table.trades tbody tr").length');
      expect(rows, 'the trades table lists every trade').toBe(report.trades.length);
      const metricLabels = await page.evaluate<string[]>('Array.from(document.querySelectorAll("table.metrics tbody td:first-child")).map((td) => td.textContent)');
      for (const label of ['Win rate', 'Expectancy per trade', 'Profit factor', 'CAGR', 'Max drawdown', 'Sharpe (daily, ×√365)', 'Sortino (daily, ×√365)', 'Calmar (CAGR / max DD)', 'Best symbol', 'Long: trades · win · R']) {
        expect(metricLabels, `the metrics table has ${label}`).toContain(label);
      }
      const prices = await page.evaluate<DrawnSvg[]>(drawnSvgsExpression('svg.price-chart'));
      expect(prices.map((c) => c.label), 'a price chart per symbol').toEqual(report.market.prices.map((p) => `${p.symbol} price (30m close)`));
      const markers = await page.evaluate<{ entries: number; exits: number }>(
        '({ entries: document.querySelectorAll("svg.price-chart polygon.entry").length, exits: document.querySelectorAll("svg.price-chart circle.exit").length })',
      );
      expect(markers, 'an entry per trade, an exit per closed trade').toEqual({
        entries: report.trades.length, exits: report.trades.filter((t) => t.exitTimeMs !== null).length,
      });
      for (const chart of prices) {
        expect(chart.width * chart.height, `${chart.label} takes space on the page`).toBeGreaterThan(0);
        expect(chart.shapes.some((sh) => sh.tag === 'path' && sh.length > 100), `${chart.label}: the price line is drawn`).toBe(true);
      }
      await expectReadableLayout(page);
      await saveFullPage(page, 'report.png');
      expect(page.problems, 'still no problem after the screenshot').toEqual([]);
    } finally {
      await page.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { DASHBOARD_LABELS } from '../../src/sinks/http/dashboard/labels.js';
import { BotProcess } from '../e2e/support/botProcess.js';
import { freePort } from '../e2e/support/freePort.js';
import { BrowserPage, VIEWPORT_WIDTH } from './support/browserPage.js';
import { DASHBOARD_FILLED, EQUITY_CHART_SCALE, OVERFLOWING_PANELS, SIDEWAYS_PROBLEMS, type DashboardPanels } from './support/dashboardPanels.js';
import { CHROMIUM_MISSING, findChromium, launchChromium, type RunningChromium } from './support/chromium.js';
import { pollAsync } from './support/pollAsync.js';
import { EXAMPLE_KLINES, screenshotPath } from './support/screenshotDir.js';
import { drawnSvgsExpression, visibleShapes, type DrawnSvg } from './support/svgProbe.js';

const executable = findChromium();
const title = executable ? 'live dashboard in headless Chromium' : `live dashboard in headless Chromium (${CHROMIUM_MISSING})`;
const VI = DASHBOARD_LABELS.vi;
const MIN_EQUITY_TIMES = 4;

let dir = '';
let sim: Simulator | undefined;
let bot: BotProcess | undefined;
let chrome: RunningChromium | undefined;
let httpPort = 0;

async function getJson<T>(path: string): Promise<T | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${httpPort}${path}`);
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

describe.skipIf(!executable)(title, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ks-dashboard-browser-'));
    // 1 s of real time is one simulated hour; June 2025 leaves five months of history to warm every window.
    sim = await startSimulator({ data: EXAMPLE_KLINES, speed: 3600, startTimeMs: Date.UTC(2025, 5, 1) });
    httpPort = await freePort();
    bot = new BotProcess({
      BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsBaseUrl, DB_PATH: join(dir, 'bot.db'),
      FIXED_SYMBOLS: 'BTC,ETH,SOL', MAX_SYMBOLS_SUBSCRIBED: '3', HTTP_HOST: '127.0.0.1', HTTP_PORT: String(httpPort),
      LOG_LEVEL: 'warn', LANGUAGE: 'vi',
      // Settings that make signals frequent and trades close fast (MODELS.md: confluence trades often).
      MODEL_PROFILE: 'confluence', SCORE_THRESHOLD: '50', TRADE_EXPIRY_CANDLES: '2', MAX_SIGNALS_PER_DAY: '20',
    });
    // Enough closed trades, at several candle closes, for the equity chart to show a curve and not one vertical step.
    await pollAsync(`signals in /api/signals and ${MIN_EQUITY_TIMES} exit times in /api/equity`, async () => {
      if (bot!.exit) throw new Error(`bot exited early: ${bot!.stderr.slice(-2000)}`);
      const signals = await getJson<{ signals: unknown[] }>('/api/signals');
      const equity = await getJson<{ points: { tMs: number }[] }>('/api/equity');
      return (signals?.signals.length ?? 0) > 0 && new Set(equity?.points.map((p) => p.tMs)).size >= MIN_EQUITY_TIMES;
    }, 40_000, 250);
    chrome = await launchChromium(executable!);
  }, 55_000);

  afterAll(async () => {
    await chrome?.close();
    await bot?.kill();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fills every panel from the live API in Vietnamese, draws the equity chart, and logs no console error', async () => {
    const page = await BrowserPage.open(chrome!);
    try {
      await page.navigate(`http://127.0.0.1:${httpPort}/`);
      const panels = await page.waitFor<DashboardPanels>('the live refresh to fill every panel', DASHBOARD_FILLED, 15_000);
      expect(page.problems, 'no console error, exception or failed request').toEqual([]);
      expect(panels.lang, 'the page is in Vietnamese (LANGUAGE=vi)').toBe('vi');
      expect(panels.headings, 'every panel carries its Vietnamese title')
        .toEqual(expect.arrayContaining([VI.status, VI.openTrades, VI.equityCurve, VI.signalsSent, VI.blocked, VI.memory, VI.recentTrades]));
      expect(panels.health, 'the header shows the health, and the cause when unhealthy').toMatch(new RegExp(`^(${VI.healthy}|${VI.unhealthy}: .+)$`));
      expect(panels.bannerShown, 'no "disconnected" banner').toBe(false);
      expect(panels.universe, 'status lists the three watched symbols').toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
      expect(panels.shardRows, 'the shards table has a row per shard').toBeGreaterThan(0);
      expect(panels.signalRows + panels.blockedRows, 'signals or blocked candidates are listed').toBeGreaterThan(0);
      for (const [panel, text] of Object.entries(panels.panelText)) expect(text.length, `panel ${panel} is filled`).toBeGreaterThan(0);

      const [chart] = await page.evaluate<DrawnSvg[]>(drawnSvgsExpression('#ks-equity-chart svg'));
      expect(chart, 'the equity chart is an <svg>').toBeDefined();
      expect(chart!.width * chart!.height, 'the chart takes space').toBeGreaterThan(0);
      expect(visibleShapes(chart!).map((s) => s.tag).sort(), 'equity line and drawdown area are drawn').toEqual(['polygon', 'polyline']);

      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'nothing wider than the window').toBeLessThanOrEqual(VIEWPORT_WIDTH);
      expect(await page.evaluate<string[]>(OVERFLOWING_PANELS), 'no panel cut off at its right edge').toEqual([]);
      expect(await page.evaluate<number>(EQUITY_CHART_SCALE), 'chart text near its set size, not stretched with the panel').toBeLessThan(1.25);
      const docHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
      const png = await page.screenshotFullPage(screenshotPath('dashboard.png'));
      expect(png.width, 'screenshot is the 1280 px viewport wide').toBe(VIEWPORT_WIDTH);
      expect(png.height, 'screenshot covers the whole page').toBe(Math.min(docHeight, 6000));
      expect(page.problems, 'still no problem after a few refreshes').toEqual([]);
    } finally {
      await page.close();
    }
  }, 40_000);

  for (const width of [390, 1400]) {
    it(`fits a ${width} px wide screen: the page never scrolls sideways, wide tables scroll inside their panel; "updated" is a 24-h UTC clock`, async () => {
      const page = await BrowserPage.open(chrome!, width);
      try {
        await page.navigate(`http://127.0.0.1:${httpPort}/`);
        await page.waitFor<DashboardPanels>('the live refresh to fill every panel', DASHBOARD_FILLED, 15_000);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'the page is no wider than the screen').toBeLessThanOrEqual(width);
        expect(await page.evaluate<string[]>(SIDEWAYS_PROBLEMS), 'no panel past the edge, no table cut off').toEqual([]);
        const updated = await page.evaluate<string>("document.getElementById('ks-updated').textContent");
        expect(updated, 'HH:MM:SS UTC, not the browser locale\'s 12-h clock').toMatch(/ \d{2}:\d{2}:\d{2} UTC$/);
        const png = await page.screenshotFullPage(screenshotPath(`dashboard-${width}.png`));
        expect(png.width, `screenshot is ${width} px wide`).toBe(width);
        expect(page.problems, 'no console error').toEqual([]);
      } finally {
        await page.close();
      }
    }, 40_000);
  }

  it('stops cleanly on SIGTERM', async () => {
    const exit = await bot!.stop();
    expect(exit, 'SIGTERM stops the bot cleanly').toEqual({ code: 0, signal: null });
  });
});

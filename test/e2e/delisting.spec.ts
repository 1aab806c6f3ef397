import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/kline.js';
import { TelegramFake } from '../fakes/telegramFake.js';
import { ALERT_CHAT, makeToken } from './ops/support/opsStage.js';
import { waitForQuiet } from './ops/support/quiet.js';
import { dbPathIn } from './support/botEnv.js';
import { BotProcess, killAllBots } from './support/botProcess.js';
import { E2E_SYMBOLS, queryReadOnly } from './support/candleAudit.js';
import { waitStoredThrough } from './support/storedThrough.js';
import { startFixture, type E2eFixture } from './support/fixture.js';
import { freePort } from './support/freePort.js';
import { waitUntil } from './support/poll.js';

/** Two hours of market per real second: a 30m candle every 250 ms. */
const SPEED = 7200;
/** The bundled candles start on 2025-01-01: every window is warm from the start. */
const START_MS = Date.UTC(2025, 6, 1);
const HALF_HOUR_MS = INTERVAL_MS['30m'];
/** The market runs in chunks of this much, held after each, until a paper trade is open at a hold. */
const CHUNK_MS = 2 * 3_600_000;

interface TradeRow {
  signal_id: number; symbol: string; status: string; outcome: string | null; exit_time: number | null; exit_price: number | null;
  exit_reason: string | null;
}

let fx: E2eFixture | undefined;
let fake: TelegramFake | undefined;
afterEach(async () => {
  await killAllBots();
  await fake?.close();
  await fx?.cleanup();
  fx = undefined;
  fake = undefined;
});

async function getJson<T>(port: number, path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return (await res.json()) as T;
}

/** Polls an async check (an HTTP read) until it holds. */
async function waitUntilAsync(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a symbol that stops trading (e2e, issue 13 item 4)', () => {
  it('leaves the universe, its trade closes EXPIRED at its last close with the reason, and the user is told once, across a restart', async () => {
    fx = await startFixture({ speed: SPEED, startTimeMs: START_MS, seed: 5, holdClock: true });
    const { sim, dir } = fx;
    const token = makeToken();
    fake = await TelegramFake.start({ token });
    const dbPath = dbPathIn(dir);
    const httpPort = await freePort();
    const env = {
      BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsBaseUrl, DB_PATH: dbPath,
      FIXED_SYMBOLS: 'BTC,ETH,SOL', MAX_SYMBOLS_SUBSCRIBED: '3', STALE_AFTER_SECONDS: '5',
      // The shortest refresh the config allows; the symbol that stopped is declared late long before it.
      UNIVERSE_REFRESH_SECONDS: '10', WATERMARK_MAX_WAIT_SECONDS: '2',
      SCORE_THRESHOLD: '55', MAX_SIGNALS_PER_DAY: '20', MEMORY_ENABLED: 'false',
      TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_ID: ALERT_CHAT, TELEGRAM_API_ROOT: fake.apiRoot,
      LANGUAGE: 'en', LOG_LEVEL: 'info', HTTP_HOST: '127.0.0.1', HTTP_PORT: String(httpPort),
    };
    let bot = new BotProcess(env);

    // Warm on a held market, then run it in chunks until a paper trade is open at a hold: at a hold
    // every candle up to it is processed, so the trade is still open when its symbol stops.
    await waitStoredThrough(bot, dbPath, START_MS);
    let open: TradeRow | undefined;
    let holdMs = START_MS;
    for (let chunk = 1; chunk <= 40 && open === undefined; chunk += 1) {
      holdMs = START_MS + chunk * CHUNK_MS;
      sim.runClock({ untilMs: holdMs });
      await waitUntil(`every symbol processed through ${new Date(holdMs).toISOString()}`, () => {
        if (bot.exit) throw new Error(`bot exited: ${bot.stderr.slice(-1500)}`);
        const ends = queryReadOnly(dbPath, (d) => d.prepare('SELECT symbol, end_ms FROM scan_cursors').all() as Array<{ symbol: string; end_ms: number }>);
        return E2E_SYMBOLS.every((s) => (ends.find((e) => e.symbol === s)?.end_ms ?? 0) >= holdMs);
      }, 20_000, 50);
      open = queryReadOnly(dbPath, (d) => d.prepare(`SELECT * FROM trades WHERE status = 'open' ORDER BY signal_id LIMIT 1`).get() as TradeRow | undefined);
    }
    expect(open, 'a paper trade is open at a hold').toBeDefined();
    const symbol = open!.symbol;
    const lastCandle = sim.closedKlines(symbol, '30m', holdMs - HALF_HOUR_MS, holdMs).at(-1)!;
    expect(lastCandle.closeTimeMs + 1, 'the symbol last closed a 30m candle at the hold').toBe(holdMs);

    // The symbol settles at the hold; the market runs on.
    sim.setSymbolStatus(symbol, 'SETTLING', holdMs);
    sim.runClock();

    const closed = await waitUntil(`the ${symbol} trade to close`, () => {
      if (bot.exit) throw new Error(`bot exited: ${bot.stderr.slice(-1500)}`);
      const row = queryReadOnly(dbPath, (d) => d.prepare('SELECT * FROM trades WHERE signal_id = ?').get(open!.signal_id) as TradeRow);
      return row.status === 'closed' && row;
    }, 40_000, 200);
    expect(closed.outcome, 'closed as EXPIRED').toBe('EXPIRED');
    expect(closed.exit_time, 'at the end of its last closed 30m candle (event time, not the refresh)').toBe(holdMs);
    expect(closed.exit_price, 'at that candle\'s close').toBe(lastCandle.close);
    expect(JSON.parse(closed.exit_reason ?? 'null'), 'the reason is stored').toEqual({ code: 'symbol_halted', detail: { symbol, status: 'SETTLING' } });

    await waitUntilAsync(`${symbol} to leave the universe`, async () => {
      const status = await getJson<{ universe: string[] }>(httpPort, '/api/status');
      return !status.universe.includes(symbol) && status.universe.length === 2;
    }, 20_000);
    const status = await getJson<{ universe: string[]; stoppedTrading: Array<{ symbol: string; status: string | null }> }>(httpPort, '/api/status');
    expect(status.stoppedTrading, '/api/status names it with its status').toEqual([{ symbol, status: 'SETTLING' }]);
    await waitUntilAsync('its streams unsubscribed and the watermark past the stop', async () => {
      const health = await getJson<{ shards: Array<{ streams: number }>; eventTime: { watermarkMs: number | null; lateSymbols: string[] } }>(httpPort, '/health');
      const streams = health.shards.reduce((n, s) => n + s.streams, 0);
      return streams === 6 && (health.eventTime.watermarkMs ?? 0) > holdMs + CHUNK_MS && !health.eventTime.lateSymbols.includes(symbol);
    }, 20_000);

    const notices = () => fake!.messages.filter((m) => m.chatId === ALERT_CHAT && m.plainText.startsWith(`⛔ ${symbol} stopped trading on Binance`));
    const outboxNotices = () => queryReadOnly(dbPath, (d) => d.prepare(`SELECT key, text FROM outbox WHERE kind = 'halt'`).all() as Array<{ key: string; text: string }>);
    await waitUntil('the notice delivered', () => notices().length > 0, 30_000, 100);
    const tradeMessage = await waitUntil('the trade result delivered', () =>
      fake!.messages.find((m) => m.plainText.includes(`closed: ${symbol} stopped trading on Binance (delisted or settling)`)), 30_000, 100);
    expect(tradeMessage.plainText, 'the trade result says EXPIRED').toContain('EXPIRED');

    // A restart on the same database: the symbol is still settling, nothing is said again.
    expect(await bot.stop(), 'SIGTERM is a clean stop').toEqual({ code: 0, signal: null });
    expect(bot.logs.filter((e) => e.level >= 50).map((e) => e.msg), 'no error log').toEqual([]);
    bot = new BotProcess(env);
    await bot.waitForLog('symbol stopped trading, dropping it from the universe', 30_000, (e) => e.symbol === symbol);
    const pending = () => queryReadOnly(dbPath, (d) => (d.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'`).get() as { n: number }).n);
    await waitForQuiet('the outbox drained after the restart', () => `${fake!.messages.length}/${pending()}`, () => pending() === 0, 2_000, 30_000);
    expect(outboxNotices().length, 'one notice row in the outbox').toBe(1);
    expect(notices().length, 'one notice delivered, none after the restart').toBe(1);

    // It trades again: back in the universe (a fixed symbol).
    sim.setSymbolStatus(symbol, 'TRADING');
    await waitUntilAsync(`${symbol} back in the universe`, async () => (await getJson<{ universe: string[] }>(httpPort, '/api/status')).universe.includes(symbol), 30_000);
    expect(await bot.stop(), 'SIGTERM is a clean stop').toEqual({ code: 0, signal: null });
    expect(bot.logs.filter((e) => e.level >= 50).map((e) => e.msg), 'no error log').toEqual([]);
  }, 240_000);
});

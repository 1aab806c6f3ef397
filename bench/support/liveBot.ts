import { join } from 'node:path';
import { INTERVALS } from '../../src/domain/kline.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { lastClosedIndex } from '../../src/sim/series.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { BotProcess, freePort, pollUntil } from './botProcess.js';
import { marketSymbols } from './recording.js';

const WINDOW = 500;

/** The environment of a bot watching `maxSymbols` of the simulator, with /metrics on `httpPort`. */
export function botEnv(sim: Simulator, dir: string, maxSymbols: number | 'all', httpPort: number): Record<string, string> {
  return {
    BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsBaseUrl, DB_PATH: join(dir, 'bot.db'),
    FIXED_SYMBOLS: 'BTC,ETH,SOL', MAX_SYMBOLS_SUBSCRIBED: String(maxSymbols),
    LOG_LEVEL: 'info', HTTP_HOST: '127.0.0.1', HTTP_PORT: String(httpPort), LANGUAGE: 'vi',
  };
}

/** Closed candles the windows of `symbols` hold once warm: min(500, closed so far) per series. */
export function expectedWindowCandles(sim: Simulator, symbols: number): number {
  let total = 0;
  for (const symbol of marketSymbols(sim.market, symbols)) {
    for (const interval of INTERVALS) total += Math.min(WINDOW, lastClosedIndex(sim.market.seriesOf(symbol, interval)!, sim.clock.nowMs()) + 1);
  }
  return total;
}

/** `kline_signals_closed_candles_total` from the bot's /metrics, or undefined while it is not up. */
async function closedCandlesTotal(port: number): Promise<number | undefined> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const match = /^kline_signals_closed_candles_total (\d+)/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** A started bot and how long it took to be live. */
export interface LiveBot {
  readonly bot: BotProcess;
  readonly msToLive: number;
  /** Where its /health, /metrics and dashboard answer. */
  readonly httpPort: number;
}

/**
 * Spawns `kline-signals run` against the simulator and waits until its windows hold every closed
 * candle of every watched series (the /metrics closed-candles counter reaches the expected count):
 * the bot is live. Time is from spawn, polled every 50 ms.
 */
export async function startLiveBot(sim: Simulator, dir: string, symbols: number, timeoutMs: number, maxSymbols: number | 'all' = symbols): Promise<LiveBot> {
  const port = await freePort();
  const expected = expectedWindowCandles(sim, symbols);
  const bot = new BotProcess(['run'], botEnv(sim, dir, maxSymbols, port), join(dir, 'bot.log'));
  try {
    const liveAt = await pollUntil(`${symbols} symbols live`, async () => {
      if (bot.hasExited) throw new Error(`bot exited: ${bot.stderr}`);
      const seen = await closedCandlesTotal(port);
      return seen !== undefined && seen >= expected ? performance.now() : undefined;
    }, timeoutMs, 50);
    return { bot, msToLive: liveAt - bot.spawnedAtMs, httpPort: port };
  } catch (err) {
    await bot.stop();
    throw err;
  }
}

/**
 * Writes the newest 500 closed candles of every trading symbol of the simulator into a new bot
 * database, as a previous run would have left them: the next start is warm without first paying a
 * cold start (used where the cold start would be bound by REST weight, not by the bot).
 */
export function prepopulate(sim: Simulator, dir: string, symbols: number): number {
  const repos = createRepos(openDatabase(join(dir, 'bot.db')));
  try {
    const nowMs = sim.clock.nowMs();
    const klines = marketSymbols(sim.market, symbols).flatMap((symbol) =>
      INTERVALS.flatMap((interval) => sim.closedKlines(symbol, interval, 0, Number.MAX_SAFE_INTEGER).slice(-WINDOW)));
    repos.candles.upsert(klines);
    if (nowMs !== sim.clock.nowMs() && Math.floor(nowMs / 1_800_000) !== Math.floor(sim.clock.nowMs() / 1_800_000)) {
      throw new Error('a 30m candle closed while prepopulating');
    }
    return klines.length;
  } finally {
    repos.db.close();
  }
}

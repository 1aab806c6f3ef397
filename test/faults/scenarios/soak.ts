import { expect } from 'vitest';
import { botEnv } from '../../e2e/support/botEnv.js';
import { BotProcess, killAllBots } from '../../e2e/support/botProcess.js';
import { startFixture } from '../../e2e/support/fixture.js';
import { freePort } from '../../e2e/support/freePort.js';
import { getText, metricValue } from '../../e2e/support/httpProbe.js';
import { pause, waitFor } from '../../e2e/ops/support/waitFor.js';
import { summaryLine } from '../support/scale.js';

/** How many symbols, how long the bot runs after its warm-up, and how often /metrics is sampled. */
export interface SoakSize {
  /** The simulated market's size; `all` watches every one of them (MAX_SYMBOLS_SUBSCRIBED=all). */
  readonly symbols: number;
  readonly watch: 'all' | 'count';
  readonly durationMs: number;
  readonly sampleEveryMs: number;
  /**
   * Whether heap used must stay flat too. It is read between collections, so it swings by up to the
   * 50 % growth step the bot allows (src/cli.ts): only a long soak has enough collections in each
   * third for its lowest reading to be the live heap; a short one reports it.
   */
  readonly checkHeap: boolean;
}

const SPEED = 600; // a 30m close of every symbol every 3 s of real time
/** A cold start of 600 symbols costs ~8,000 REST weight: the soak is about memory, not the 2,400/min budget. */
const WEIGHT_LIMIT = 1_000_000;

interface Sample { readonly rssBytes: number; readonly heapUsedBytes: number; readonly lagS: number; readonly closed: number }

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : ((s[Math.floor((s.length - 1) / 2)] as number) + (s[Math.ceil((s.length - 1) / 2)] as number)) / 2;
};
const quantile = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? NaN;

/**
 * The bot watching `symbols` symbols on the simulator at high speed. After the warm-up (every
 * symbol's backfill done: the backfilled counter stops moving), RSS, heap used and event-loop lag
 * are read from /metrics every `sampleEveryMs`. Flat memory: the last third's median RSS within +15 %
 * of the first third's, and (checkHeap) its lowest heap reading too; lag p99 under 200 ms.
 */
export async function soakScenario({ symbols: SYMBOLS, watch, durationMs, sampleEveryMs, checkHeap }: SoakSize): Promise<string> {
  const fx = await startFixture({ speed: SPEED, seed: 61, symbols: SYMBOLS, weightLimit: WEIGHT_LIMIT, pushIntervalMs: 1_000 });
  try {
    const httpPort = await freePort();
    const bot = new BotProcess(botEnv({
      sim: fx.sim, dir: fx.dir, httpPort,
      overrides: { MAX_SYMBOLS_SUBSCRIBED: watch === 'all' ? 'all' : String(SYMBOLS), WS_MAX_STREAMS_PER_CONN: '200', STALE_AFTER_SECONDS: '60', LOG_LEVEL: 'warn' },
    }));
    const read = async (): Promise<{ text: string; sample: Sample }> => {
      const text = (await getText(httpPort, '/metrics')).body;
      return { text, sample: {
        rssBytes: metricValue(text, 'process_resident_memory_bytes') ?? NaN,
        heapUsedBytes: metricValue(text, 'nodejs_heap_size_used_bytes') ?? NaN,
        lagS: metricValue(text, 'nodejs_eventloop_lag_seconds') ?? NaN,
        closed: metricValue(text, 'kline_signals_closed_candles_total') ?? 0,
      } };
    };
    let lastBackfilled = -1;
    const warmStart = performance.now();
    await waitFor(`the ${SYMBOLS}-symbol warm-up to finish`, async () => {
      if (bot.exit) throw new Error(`bot exited during warm-up: ${bot.stderr.slice(-1000)}`);
      const text = await read().then((r) => r.text).catch(() => '');
      const backfilled = metricValue(text, 'kline_signals_backfilled_candles_total') ?? 0;
      const done = backfilled > SYMBOLS * 3 * 50 && backfilled === lastBackfilled;
      lastBackfilled = backfilled;
      return done;
    }, 240_000, 3_000);
    const warmUpS = Math.round((performance.now() - warmStart) / 1000);

    const samples: Sample[] = [];
    const end = performance.now() + durationMs;
    while (performance.now() < end) {
      expect(bot.exit, 'the bot stays up through the soak').toBeUndefined();
      samples.push((await read()).sample);
      await pause(sampleEveryMs);
    }
    const exit = await bot.stop(20_000);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const firstRss = median(samples.slice(0, third).map((s) => s.rssBytes));
    const lastRss = median(samples.slice(-third).map((s) => s.rssBytes));
    // The lowest reading of a third: the heap right after a collection, i.e. what is live.
    const firstHeap = Math.min(...samples.slice(0, third).map((s) => s.heapUsedBytes));
    const lastHeap = Math.min(...samples.slice(-third).map((s) => s.heapUsedBytes));
    const lagP99S = quantile(samples.map((s) => s.lagS), 0.99);
    const closedDuring = (samples.at(-1)?.closed ?? 0) - (samples[0]?.closed ?? 0);
    const line = summaryLine('faults soak', {
      symbols: SYMBOLS, warmUpS, seconds: Math.round(durationMs / 1000), samples: samples.length,
      rssFirstMiB: (firstRss / 2 ** 20).toFixed(1), rssLastMiB: (lastRss / 2 ** 20).toFixed(1), rssGrowthPct: (((lastRss - firstRss) / firstRss) * 100).toFixed(1),
      heapFirstMiB: (firstHeap / 2 ** 20).toFixed(1), heapLastMiB: (lastHeap / 2 ** 20).toFixed(1),
      lagP99Ms: (lagP99S * 1000).toFixed(1), closedCandles: closedDuring,
    });

    expect(exit, 'SIGTERM is a clean stop after the soak').toEqual({ code: 0, signal: null });
    expect(samples.length, 'enough samples to compare thirds').toBeGreaterThanOrEqual(6);
    expect(closedDuring, 'candles kept closing during the soak (the bot was working)').toBeGreaterThan(0);
    expect(lastRss, 'RSS flat: last third median within +15 % of the first third').toBeLessThanOrEqual(firstRss * 1.15);
    if (checkHeap) expect(lastHeap, 'heap flat: the last third\'s live heap within +15 % of the first third\'s').toBeLessThanOrEqual(firstHeap * 1.15);
    expect(lagP99S, 'event-loop lag p99 under 200 ms').toBeLessThan(0.2);
    return line;
  } finally {
    await killAllBots();
    await fx.cleanup();
  }
}

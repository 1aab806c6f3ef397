import { spawn } from 'node:child_process';
import { INTERVALS, klineStreamName } from '../src/domain/kline.js';
import { startSimulator, type Simulator } from '../src/sim/simulator.js';
import { processCpuMs } from './support/botProcess.js';
import { prepopulate, startLiveBot } from './support/liveBot.js';
import { childScript, REPO_ROOT } from './support/paths.js';
import { metricValue, rssMb } from './support/procStats.js';
import { exampleDataset, marketSymbols } from './support/recording.js';
import type { BenchResult } from './support/result.js';
import { round } from './support/stats.js';
import { withTempDir } from './support/tempDir.js';

/** The whole USDⓈ-M market in 2026: ≈ 550–600 USDT perpetuals. */
const MARKET_SYMBOLS = 600;
/** "A minute after going live" (issue 13): the cold start's transient heap is gone by then. */
const SETTLE_MS = 60_000;
const MEASURE_MS = 60_000;
const STREAMS_PER_CONN = 50;
const LIVE_TIMEOUT_MS = 240_000;
const COLD_TIMEOUT_MS = 400_000;

/** A bare `ws` client on the same streams as the bot that only counts frames: the CPU floor. */
function startFloorClient(sim: Simulator, symbols: number, seconds: number): { pid: number; result: Promise<{ frames: number }> } {
  const streams = marketSymbols(sim.market, symbols).flatMap((s) => INTERVALS.map((i) => klineStreamName(s, i)));
  const child = spawn(process.execPath, ['--import', 'tsx', childScript('countFrames.ts'), sim.wsBaseUrl, String(seconds), String(STREAMS_PER_CONN), streams.join(',')], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const result = new Promise<{ frames: number }>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { frames: number }) : reject(new Error(`floor client exited ${code}`)))));
  return { pid: child.pid!, result };
}

export interface LiveFootprint {
  readonly watchedSymbols: number;
  readonly streams: number;
  readonly warmStartMs: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly botCpuPctOfCore: number;
  readonly floorCpuPctOfCore: number;
  readonly cpuRatio: number;
}

/**
 * The real bot (`kline-signals run`, as an operator starts it) on a simulated market of 600
 * symbols at real speed (a forming update per stream every 250 ms), started warm on a database
 * holding 500 candles per series; watching `watched` symbols (`all` = the whole market). RSS and
 * heap a minute after going live, CPU over the next minute against the floor client on the same
 * streams, measured at the same time.
 */
export async function measureLiveFootprint(watched: number | 'all'): Promise<LiveFootprint> {
  const symbols = watched === 'all' ? MARKET_SYMBOLS : watched;
  const sim = await startSimulator({ data: exampleDataset(), symbols: MARKET_SYMBOLS, speed: 1 });
  try {
    return await withTempDir(`footprint${symbols}`, async (dir) => {
      prepopulate(sim, dir, symbols);
      const { bot, msToLive, httpPort } = await startLiveBot(sim, dir, symbols, LIVE_TIMEOUT_MS, watched);
      try {
        const floor = startFloorClient(sim, symbols, (SETTLE_MS + MEASURE_MS) / 1000 + 5);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const rss = await rssMb(bot.pid);
        const heapUsed = (await metricValue(httpPort, 'nodejs_heap_size_used_bytes')) ?? Number.NaN;
        const t0 = performance.now();
        const [bot0, floor0] = [await processCpuMs(bot.pid), await processCpuMs(floor.pid)];
        await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
        const [bot1, floor1] = [await processCpuMs(bot.pid), await processCpuMs(floor.pid)];
        const wallMs = performance.now() - t0;
        await floor.result;
        const botCpu = ((bot1 - bot0) / wallMs) * 100;
        const floorCpu = ((floor1 - floor0) / wallMs) * 100;
        return {
          watchedSymbols: symbols, streams: symbols * INTERVALS.length, warmStartMs: round(msToLive), rssMb: rss,
          heapUsedMb: round(heapUsed / 2 ** 20), botCpuPctOfCore: round(botCpu), floorCpuPctOfCore: round(floorCpu), cpuRatio: round(botCpu / floorCpu),
        };
      } finally {
        await bot.stop();
      }
    });
  } finally {
    await sim.close();
  }
}

export interface ColdStart {
  readonly coldStartMs: number;
  readonly restRequests: number;
  readonly restWeightSent: number;
  readonly http429: number;
  readonly http418: number;
  readonly rssMbAtLive: number;
}

/**
 * The whole market from an empty database: every series' 500 candles over REST against the
 * simulator's real 2,400-a-minute weight budget, until every window holds its newest closed candle.
 */
export async function measureColdStart(): Promise<ColdStart> {
  const sim = await startSimulator({ data: exampleDataset(), symbols: MARKET_SYMBOLS, speed: 1 });
  try {
    return await withTempDir('coldstart', async (dir) => {
      const { bot, msToLive, httpPort } = await startLiveBot(sim, dir, MARKET_SYMBOLS, COLD_TIMEOUT_MS, 'all');
      try {
        const rest = sim.stats().rest;
        return {
          coldStartMs: round(msToLive), restRequests: rest.requests,
          restWeightSent: (await metricValue(httpPort, 'kline_signals_rest_weight_sent_total')) ?? Number.NaN,
          http429: rest.status429, http418: rest.status418, rssMbAtLive: await rssMb(bot.pid),
        };
      } finally {
        await bot.stop();
      }
    });
  } finally {
    await sim.close();
  }
}

/** Benchmark `footprint`: the real bot at the default 40 symbols and at the whole market of 600, warm and cold. */
export async function footprint(): Promise<BenchResult> {
  const small = await measureLiveFootprint(40);
  const whole = await measureLiveFootprint('all');
  const cold = await measureColdStart();
  return {
    figures: { market: MARKET_SYMBOLS, bot40: small, botAll: whole, coldAll: cold },
    rows: [
      { figure: 'footprint RSS, 40 symbols, MB', value: small.rssMb, goal: '≤ 80 MB', met: small.rssMb <= 80 },
      { figure: 'footprint heap used, 40 symbols, MB', value: small.heapUsedMb, goal: '—', met: null },
      { figure: 'footprint warm start, 40 symbols, ms', value: small.warmStartMs, goal: '≤ 5000 ms', met: small.warmStartMs <= 5000 },
      { figure: `footprint RSS, all ${whole.watchedSymbols} symbols, MB`, value: whole.rssMb, goal: '≤ 150 MB', met: whole.rssMb <= 150 },
      { figure: `footprint heap used, all ${whole.watchedSymbols} symbols, MB`, value: whole.heapUsedMb, goal: '—', met: null },
      { figure: `footprint CPU % of a core, all ${whole.watchedSymbols} symbols`, value: whole.botCpuPctOfCore, floor: whole.floorCpuPctOfCore, goal: '≤ 1.3 × floor', met: whole.cpuRatio <= 1.3 },
      { figure: `footprint warm start, all ${whole.watchedSymbols} symbols, ms`, value: whole.warmStartMs, goal: '≤ 5000 ms', met: whole.warmStartMs <= 5000 },
      { figure: `footprint cold start, all ${MARKET_SYMBOLS} symbols, ms`, value: cold.coldStartMs, goal: '≤ 180000 ms', met: cold.coldStartMs <= 180_000 },
      { figure: 'footprint cold start REST weight sent / 429 + 418 answers', value: `${cold.restWeightSent} / ${cold.http429 + cold.http418}`, goal: 'no 429', met: cold.http429 + cold.http418 === 0 },
    ],
    notes: [
      `The bot is \`kline-signals run\` as an operator starts it, against the simulator (in the benchmark process) with ${MARKET_SYMBOLS} symbols at speed 1, forming updates every 250 ms per stream; it starts warm on a database prepopulated with 500 candles per series. Live = every window holds its newest closed candle (/metrics). RSS (/proc/<pid>/status) and heap used (/metrics) are read ${SETTLE_MS / 1000} s after live; CPU (/proc/<pid>/stat, user + system) over the following ${MEASURE_MS / 1000} s.`,
      `Cold start: the same market from an empty database, the simulator enforcing Binance's 2,400-a-minute REST weight; live as above; the weight is the bot's own count (/metrics), the 429/418 answers the simulator's.`,
      `Floor: a child \`ws\` client (bench/children/countFrames.ts) on the same streams in shards of ${STREAMS_PER_CONN}, counting frames, measured over the same minute.`,
    ],
  };
}

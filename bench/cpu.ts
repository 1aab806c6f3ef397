import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { INTERVALS, klineStreamName } from '../src/domain/kline.js';
import { startSimulator, type Simulator } from '../src/sim/simulator.js';
import { processCpuMs } from './support/botProcess.js';
import { prepopulate, startLiveBot } from './support/liveBot.js';
import { childScript, REPO_ROOT } from './support/paths.js';
import { exampleDataset, marketSymbols } from './support/recording.js';
import type { BenchResult } from './support/result.js';
import { round } from './support/stats.js';
import { withTempDir } from './support/tempDir.js';

const MARKET_SYMBOLS = 600;
/** MAX_SYMBOLS_SUBSCRIBED allows at most 300 (src/config/envSpec.ts). */
const WATCHED = 300;
const SETTLE_MS = 10_000;
const MEASURE_MS = 60_000;
const STREAMS_PER_CONN = 50;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN') / 1024);
}

/** Starts the frame-counting floor client on as many streams as the bot, for settle + measure + 5 s. */
function startFloorClient(sim: Simulator): { pid: number; result: Promise<{ frames: number }> } {
  const streams = marketSymbols(sim.market, WATCHED).flatMap((s) => INTERVALS.map((i) => klineStreamName(s, i)));
  const seconds = (SETTLE_MS + MEASURE_MS) / 1000 + 5;
  const child = spawn(process.execPath, ['--import', 'tsx', childScript('countFrames.ts'), sim.wsBaseUrl, String(seconds), String(STREAMS_PER_CONN), streams.join(',')], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const result = new Promise<{ frames: number }>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { frames: number }) : reject(new Error(`floor client exited ${code}`)))));
  return { pid: child.pid!, result };
}

/**
 * Benchmark `cpu`: the bot's CPU (user + system, /proc/<pid>/stat) over 60 s of live load from a
 * simulated market of 600 symbols at real speed, watching the allowed maximum of 300 symbols
 * (900 streams, a forming update per stream every 250 ms), against a bare ws client on 900 streams.
 */
export async function cpu(): Promise<BenchResult> {
  const sim = await startSimulator({ data: exampleDataset(), symbols: MARKET_SYMBOLS, speed: 1 });
  try {
    return await withTempDir('cpu', async (dir) => {
      prepopulate(sim, dir, MARKET_SYMBOLS);
      const { bot, msToLive } = await startLiveBot(sim, dir, WATCHED, 180_000);
      try {
        const floor = startFloorClient(sim);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const t0 = performance.now();
        const [bot0, floor0, sim0] = [await processCpuMs(bot.pid), await processCpuMs(floor.pid), sim.stats().frames];
        await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
        const [bot1, floor1, sim1] = [await processCpuMs(bot.pid), await processCpuMs(floor.pid), sim.stats().frames];
        const wallMs = performance.now() - t0;
        const botRssMb = await rssMb(bot.pid);
        const { frames: floorFrames } = await floor.result;
        const f = {
          marketSymbols: MARKET_SYMBOLS, watchedSymbols: WATCHED, streams: WATCHED * 3, measuredSeconds: round(wallMs / 1000),
          botCpuPctOfCore: round(((bot1 - bot0) / wallMs) * 100), floorWsClientCpuPctOfCore: round(((floor1 - floor0) / wallMs) * 100),
          simFramesPerSecBothClients: round((sim1.forming + sim1.closed - sim0.forming - sim0.closed) / (wallMs / 1000)),
          floorFramesTotal: floorFrames, botRssMb, warmStartMs: round(msToLive),
        };
        return {
          figures: f,
          rows: [
            { figure: `cpu botCpuPctOfCore (${WATCHED} of ${MARKET_SYMBOLS} symbols, speed 1)`, value: f.botCpuPctOfCore, floor: f.floorWsClientCpuPctOfCore, goal: '≤ 3 %', met: f.botCpuPctOfCore <= 3 },
            { figure: 'cpu bot RSS at that load, MB', value: f.botRssMb, goal: '—', met: null },
          ],
          notes: [
            `Simulator in the benchmark process with ${MARKET_SYMBOLS} symbols at speed 1; the bot (MAX_SYMBOLS_SUBSCRIBED=${WATCHED}, the most the config allows, so half the market) starts warm on a database prepopulated with 500 candles per series, then after ${SETTLE_MS / 1000} s its CPU time is read from /proc/<pid>/stat over ${MEASURE_MS / 1000} s.`,
            `Floor: a child \`ws\` client (bench/children/countFrames.ts, tsx) subscribed to ${WATCHED * 3} streams in shards of ${STREAMS_PER_CONN} that only counts frames, measured over the same window (both run at once).`,
          ],
        };
      } finally {
        await bot.stop();
      }
    });
  } finally {
    await sim.close();
  }
}

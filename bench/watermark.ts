import { spawn } from 'node:child_process';
import { INTERVALS, klineStreamName } from '../src/domain/kline.js';
import { startSimulator, type Simulator } from '../src/sim/simulator.js';
import { prepopulate, startLiveBot } from './support/liveBot.js';
import { childScript, REPO_ROOT } from './support/paths.js';
import { exampleDataset, marketSymbols } from './support/recording.js';
import type { BenchResult } from './support/result.js';
import { percentile, round } from './support/stats.js';
import { withTempDir } from './support/tempDir.js';

const SYMBOLS = 40;
/** A 30m candle closes every 10 s of real time. */
const SPEED = 180;
const MEASURE_MS = 90_000;
const STREAMS_PER_CONN = 50;

/** The bare client noting the arrival spread of each closed 30m candle across the symbols. */
function startSkewClient(sim: Simulator, seconds: number): Promise<{ ends: number; spreadsMs: number[] }> {
  const streams = marketSymbols(sim.market, SYMBOLS).flatMap((s) => INTERVALS.map((i) => klineStreamName(s, i)));
  const child = spawn(process.execPath, ['--import', 'tsx', childScript('closedSkew.ts'), sim.wsBaseUrl, String(seconds), String(STREAMS_PER_CONN), streams.join(',')], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { ends: number; spreadsMs: number[] }) : reject(new Error(`skew client exited ${code}`)))));
}

/** The bot's step-wait quantiles and late declarations from its /metrics. */
async function watermarkMetrics(port: number): Promise<{ p50Ms: number; p99Ms: number; late: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const read = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 'NaN');
  return {
    p50Ms: read(/^kline_signals_watermark_step_wait_seconds\{quantile="0\.5"\} (\S+)/m) * 1000,
    p99Ms: read(/^kline_signals_watermark_step_wait_seconds\{quantile="0\.99"\} (\S+)/m) * 1000,
    late: read(/^kline_signals_watermark_late_declarations_total (\S+)/m),
  };
}

/**
 * Benchmark `watermark`: the latency the event-time watermark adds between a closed 30m candle's
 * arrival and its step, on the real bot against the simulator (40 symbols, a close every 10 s,
 * forming updates every 250 ms per stream), read from the bot's /metrics; against the arrival
 * spread of the same candles across symbols seen by a bare ws client on the same streams.
 */
export async function watermark(): Promise<BenchResult> {
  const sim = await startSimulator({ data: exampleDataset(), symbols: SYMBOLS, speed: SPEED });
  try {
    return await withTempDir('watermark', async (dir) => {
      prepopulate(sim, dir, SYMBOLS);
      const { bot, httpPort } = await startLiveBot(sim, dir, SYMBOLS, 120_000);
      try {
        const skew = await startSkewClient(sim, MEASURE_MS / 1000);
        const m = await watermarkMetrics(httpPort);
        const f = {
          symbols: SYMBOLS, speed: SPEED, measuredSeconds: MEASURE_MS / 1000,
          stepWaitP50Ms: round(m.p50Ms), stepWaitP99Ms: round(m.p99Ms), lateDeclarations: m.late,
          closedEndsSeenByFloor: skew.ends,
          arrivalSpreadP50Ms: round(percentile(skew.spreadsMs, 50)), arrivalSpreadP99Ms: round(percentile(skew.spreadsMs, 99)),
        };
        return {
          figures: f,
          rows: [
            { figure: `watermark stepWaitP50Ms (candle arrival → its step, ${SYMBOLS} symbols)`, value: f.stepWaitP50Ms, floor: f.arrivalSpreadP50Ms, goal: '—', met: null },
            { figure: 'watermark stepWaitP99Ms', value: f.stepWaitP99Ms, floor: f.arrivalSpreadP99Ms, goal: '< 1000 ms', met: f.stepWaitP99Ms < 1000 },
            { figure: 'watermark late declarations without faults', value: f.lateDeclarations, goal: '0', met: f.lateDeclarations === 0 },
          ],
          notes: [
            `Simulator in the benchmark process with ${SYMBOLS} symbols at speed ${SPEED} (a 30m close every ${1800 / SPEED} s); the bot starts warm on a prepopulated database, then after ${MEASURE_MS / 1000} s its /metrics are read: \`kline_signals_watermark_step_wait_seconds\` holds the waits of its last 1000 live 30m steps in the merge, from the candle's arrival to its release.`,
            'Floor: a child `ws` client (bench/children/closedSkew.ts) on the same streams and shard size notes when each symbol\'s closed 30m candle arrives; the spread between the first and the last symbol per candle end is the wait the watermark cannot avoid.',
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

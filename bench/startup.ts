import { join } from 'node:path';
import { startSimulator } from '../src/sim/simulator.js';
import { BotProcess } from './support/botProcess.js';
import { prepopulate, startLiveBot } from './support/liveBot.js';
import { exampleDataset } from './support/recording.js';
import type { BenchResult } from './support/result.js';
import { median, round } from './support/stats.js';
import { withTempDir } from './support/tempDir.js';

const LIVE_TIMEOUT_MS = 180_000;

/** The floor: spawn node, load the compiled CLI, print usage, exit (median of 3). */
export async function helpFloorMs(dir: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const bot = new BotProcess(['--help'], {}, join(dir, 'help.log'));
    await bot.wait();
    samples.push(performance.now() - bot.spawnedAtMs);
  }
  return median(samples);
}

/** Cold (empty database, REST warm-up) then warm (second start on the same database) start-up of `symbols`. */
export async function measureStartup(symbols: number, mode: 'cold+warm' | 'prepopulated'): Promise<{ coldMs?: number; warmMs: number; restWeightCold?: number }> {
  const sim = await startSimulator({ data: exampleDataset(), symbols, speed: 1 });
  try {
    return await withTempDir(`startup${symbols}`, async (dir) => {
      let coldMs: number | undefined;
      let restWeightCold: number | undefined;
      if (mode === 'cold+warm') {
        const cold = await startLiveBot(sim, dir, symbols, LIVE_TIMEOUT_MS);
        coldMs = cold.msToLive;
        restWeightCold = sim.stats().rest.weightUsed;
        await cold.bot.stop();
      } else {
        prepopulate(sim, dir, symbols);
      }
      const warm = await startLiveBot(sim, dir, symbols, LIVE_TIMEOUT_MS);
      await warm.bot.stop();
      return { coldMs, warmMs: warm.msToLive, restWeightCold };
    });
  } finally {
    await sim.close();
  }
}

/**
 * Benchmark `startup`: spawn of `kline-signals run` to live for 40 symbols against the simulator
 * (3 real + 37 synthetic), cold and warm, against spawning `--help`.
 */
export async function startup(): Promise<BenchResult> {
  const floorMs = await withTempDir('help', helpFloorMs);
  const s = await measureStartup(40, 'cold+warm');
  const f = { symbols: 40, coldMs: round(s.coldMs!), warmMs: round(s.warmMs), helpFloorMs: round(floorMs), restWeightCold: s.restWeightCold };
  return {
    figures: f,
    rows: [
      { figure: 'startup warmMs (40 symbols, second start on the same DB)', value: f.warmMs, floor: f.helpFloorMs, goal: '≤ 5000 ms', met: f.warmMs <= 5000 },
      { figure: 'startup coldMs (40 symbols, empty DB, REST warm-up)', value: f.coldMs, floor: f.helpFloorMs, goal: '—', met: null },
    ],
    notes: [
      'The simulator runs in the benchmark process (`symbols: 40`, speed 1); the bot is `node --enable-source-maps bin/kline-signals.js run` (the compiled dist/, as npm start and PM2 run it) with LOG_LEVEL=info to a file and /metrics on a free port. Live = the `kline_signals_closed_candles_total` counter reaches Σ min(500, closed) over the 120 series, i.e. every window holds its newest closed candle; polled every 50 ms from spawn.',
      'Floor: `node --enable-source-maps bin/kline-signals.js --help` from spawn to exit (node + compiled CLI, no loader), median of 3.',
    ],
  };
}

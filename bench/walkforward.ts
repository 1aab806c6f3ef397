import { join } from 'node:path';
import { loadBacktestData } from '../src/backtest/loadData.js';
import { DEFAULT_BACKTEST_SETTINGS } from '../src/backtest/runner.js';
import { applyParams, paramSpace } from '../src/research/walkforward/paramSpace.js';
import { searchTrials } from '../src/research/walkforward/search.js';
import { runTrial, type TrialInput } from '../src/research/walkforward/trial.js';
import { TrialPool } from '../src/research/walkforward/trialPool.js';
import { dataSpan } from '../src/research/walkforward/walkForward.js';
import { makeTrialScratchDir } from '../src/research/walkforward/scratchDir.js';
import { rmSync } from 'node:fs';
import { KLINES_DIR } from './support/paths.js';
import type { BenchResult } from './support/result.js';
import { silentLogger } from './support/silentLogger.js';
import { median, round } from './support/stats.js';

/** Trials timed per setting, after a warm-up trial on each worker. */
const TRIALS = 16;
/** Rounds of 1 then 2 workers; the figures are medians. */
const ROUNDS = 3;
const FROM_MS = Date.UTC(2025, 5, 1);
const TO_MS = Date.UTC(2025, 8, 1);

/** 16 seeded random trials of the seed profile, memory on, each a backtest of 2025-06-01 → 2025-09-01 over examples/klines (warm-up from 2025-01-01). */
function trialInputs(dir: string, tag: string): TrialInput[] {
  const space = paramSpace('seed', true);
  const base = { ...DEFAULT_BACKTEST_SETTINGS, profile: 'seed' as const, memory: true };
  return searchTrials(space, 'random', TRIALS, 1).map((v, i) => ({ settings: applyParams(base, v), fromMs: FROM_MS, toMs: TO_MS, keepEquity: false, dbPath: join(dir, `${tag}-${i}.db`) }));
}

/** Trials per second of a pool, and the CPU seconds the process used per wall second meanwhile (2 = both cores busy). */
async function poolRate(dir: string, workers: number, data: ConstructorParameters<typeof TrialPool>[1]): Promise<{ rate: number; cpuPerWall: number }> {
  const pool = new TrialPool(workers, data);
  try {
    // Warm-up: every worker compiles the backtest's code once before the clock starts.
    await Promise.all(trialInputs(dir, `warm-${workers}`).slice(0, workers * 2).map((t) => pool.run(t)));
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(trialInputs(dir, `w${workers}`).map((t) => pool.run(t)));
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { rate: TRIALS / (wallMs / 1000), cpuPerWall: (used.user + used.system) / 1000 / wallMs };
  } finally {
    await pool.close();
  }
}

/**
 * Benchmark `walkforward`: trials per second of a search on 1 and 2 worker threads (goal: 2
 * workers ≥ 1.8 × 1), against the floor of the same trials run one after another on the main thread.
 */
export async function walkforward(): Promise<BenchResult> {
  // Where the command puts its trials' files (in memory where the system allows).
  const dir = makeTrialScratchDir();
  try {
    const data = loadBacktestData(KLINES_DIR);
    const { candles } = dataSpan(data);
    const logger = silentLogger();
    for (const t of trialInputs(dir, 'main-warm').slice(0, 2)) runTrial(candles, t, logger);
    const started = performance.now();
    for (const t of trialInputs(dir, 'main')) runTrial(candles, t, logger);
    const mainRate = TRIALS / ((performance.now() - started) / 1000);
    const workerData = { candles, filters: new Map() };
    // Alternating rounds, medians: the other load on a shared machine comes and goes.
    const ones: Array<{ rate: number; cpuPerWall: number }> = [];
    const twos: Array<{ rate: number; cpuPerWall: number }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      ones.push(await poolRate(dir, 1, workerData));
      twos.push(await poolRate(dir, 2, workerData));
    }
    const onePool = { rate: median(ones.map((x) => x.rate)), cpuPerWall: median(ones.map((x) => x.cpuPerWall)) };
    const twoPool = { rate: median(twos.map((x) => x.rate)), cpuPerWall: median(twos.map((x) => x.cpuPerWall)) };
    const one = onePool.rate;
    const two = twoPool.rate;
    const speedUp = two / one;
    // Trials per CPU second: 2 workers matching 1 means the pool itself adds no serial work.
    const perCpuRatio = two / twoPool.cpuPerWall / (one / onePool.cpuPerWall);
    return {
      figures: { trials: TRIALS, candlesPerTrial: candles.filter((k) => k.closeTimeMs + 1 <= TO_MS).length, mainThreadTrialsPerSec: round(mainRate), oneWorkerTrialsPerSec: round(one), twoWorkersTrialsPerSec: round(two), speedUpOneToTwo: round(speedUp), oneWorkerCpuPerWall: round(onePool.cpuPerWall), twoWorkersCpuPerWall: round(twoPool.cpuPerWall), trialsPerCpuSecondRatioTwoToOne: round(perCpuRatio) },
      rows: [
        { figure: 'walkforward trials/s, 1 worker', value: round(one), floor: round(mainRate), goal: '≈ floor', met: one >= 0.9 * mainRate },
        { figure: 'walkforward trials/s, 2 workers', value: round(two), floor: round(one), goal: '≥ 1.8 × 1 worker', met: speedUp >= 1.8 },
        { figure: 'walkforward speed-up 1 → 2 workers', value: round(speedUp), floor: 1, goal: '≥ 1.8', met: speedUp >= 1.8 },
        { figure: 'walkforward CPU seconds per wall second, 1 → 2 workers', value: `${round(onePool.cpuPerWall)} → ${round(twoPool.cpuPerWall)}`, goal: '—', met: null },
        { figure: 'walkforward trials per CPU second, 2 workers / 1 worker', value: round(perCpuRatio), floor: 1, goal: '≥ 0.9', met: perCpuRatio >= 0.9 },
      ],
      notes: [
        `${TRIALS} seeded random trials (seed profile, memory on, score threshold, ATR multiples and memory rule parameters drawn) of a backtest of 2025-06-01 → 2025-09-01 over examples/klines, every earlier candle warming the indicators, each with its SQLite file (in /dev/shm, as the command does) and summary. The floor runs them one after another on the main thread; then 3 alternating rounds of 1 and 2 workers, medians; the pools get the data once per worker and a warm-up trial (two per worker) before the clock starts. The speed-up is bounded by the machine: with other processes on its cores it measures their share, not the pool's; the CPU seconds per wall second say how much of the two cores the process got.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

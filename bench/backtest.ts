import { join } from 'node:path';
import type { Interval, Kline } from '../src/domain/kline.js';
import type { ModelProfile } from '../src/domain/signal.js';
import { SeriesFeatures } from '../src/core/features/seriesFeatures.js';
import { loadBacktestData } from '../src/backtest/loadData.js';
import { replayOrder } from '../src/backtest/replayOrder.js';
import { DEFAULT_BACKTEST_SETTINGS, runBacktest } from '../src/backtest/runner.js';
import { KLINES_DIR } from './support/paths.js';
import type { BenchResult } from './support/result.js';
import { silentLogger } from './support/silentLogger.js';
import { median, round } from './support/stats.js';
import { withTempDir } from './support/tempDir.js';

/** Rounds measured after one warm-up round (floor, seed, confluence each); medians are over these. */
const MEASURED_ROUNDS = 5;

/** The floor: parse every CSV and feed each candle to its series' indicators, nothing else. */
function floorSeconds(): { seconds: number; candles: number } {
  const started = performance.now();
  const data = loadBacktestData(KLINES_DIR);
  let candles = 0;
  for (const s of data.symbols) {
    for (const [interval, klines] of Object.entries(s.series) as Array<[Interval, readonly Kline[]]>) {
      const features = new SeriesFeatures(s.symbol, interval);
      for (const k of klines) features.add(k);
      candles += klines.length;
    }
  }
  return { seconds: (performance.now() - started) / 1000, candles };
}

/** One backtest: load and order (timed apart), then `runBacktest` into a fresh file. */
function backtestRun(dir: string, profile: ModelProfile, run: number): { loadSeconds: number; runSeconds: number; candles: number; processed: number } {
  const started = performance.now();
  const data = loadBacktestData(KLINES_DIR);
  const candles = replayOrder(data.symbols.flatMap((s) => Object.values(s.series)));
  const loadSeconds = (performance.now() - started) / 1000;
  const result = runBacktest({
    candles, dbPath: join(dir, `${profile}-${run}.db`), settings: { ...DEFAULT_BACKTEST_SETTINGS, profile, memory: true }, logger: silentLogger(),
  });
  return { loadSeconds, runSeconds: result.wallMs / 1000, candles: result.candles, processed: result.processed };
}

/**
 * Benchmark `backtest`: candles per second of `runBacktest` over all of examples/klines, memory on,
 * both profiles, against parsing the CSVs and updating the indicators only.
 */
export async function backtest(): Promise<BenchResult> {
  return withTempDir('backtest', (dir) => {
    type Run = ReturnType<typeof backtestRun>;
    const floor: number[] = [];
    const runs: Record<ModelProfile, Run[]> = { seed: [], confluence: [] };
    let candles = 0;
    // Round 0 is the warm-up (V8 still compiling and specialising the backtest's code); it is
    // reported apart and left out of the medians.
    for (let i = 0; i <= MEASURED_ROUNDS; i += 1) {
      const f = floorSeconds();
      floor.push(f.seconds);
      candles = f.candles;
      for (const profile of ['seed', 'confluence'] as const) runs[profile].push(backtestRun(dir, profile, i));
    }
    const floorRate = candles / median(floor.slice(1));
    const figures: Record<string, number> = { candles, floorParseAndIndicatorsCandlesPerSec: round(floorRate), floorWarmUpRoundCandlesPerSec: round(candles / floor[0]!) };
    const rows = [];
    for (const profile of ['seed', 'confluence'] as const) {
      const [first, ...warm] = runs[profile] as [Run, ...Run[]];
      const runRate = candles / median(warm.map((x) => x.runSeconds));
      const endToEndRate = candles / median(warm.map((x) => x.loadSeconds + x.runSeconds));
      const firstRate = candles / first.runSeconds;
      figures[`${profile}RunBacktestCandlesPerSec`] = round(runRate);
      figures[`${profile}LoadAndRunCandlesPerSec`] = round(endToEndRate);
      figures[`${profile}RatioToFloor`] = round(endToEndRate / floorRate);
      figures[`${profile}WarmUpRoundCandlesPerSec`] = round(firstRate);
      figures[`${profile}Steps`] = first.processed;
      rows.push(
        { figure: `backtest ${profile} candlesPerSec (runBacktest, warm)`, value: round(runRate), floor: round(floorRate), goal: '≥ 500k', met: runRate >= 500_000 },
        { figure: `backtest ${profile} ratioToFloor (load + run vs parse + indicators, warm)`, value: round(endToEndRate / floorRate), floor: 1, goal: '≥ 0.5', met: endToEndRate / floorRate >= 0.5 },
        { figure: `backtest ${profile} candlesPerSec, warm-up round`, value: round(firstRate), floor: round(candles / floor[0]!), goal: '—', met: null },
      );
    }
    return {
      figures,
      rows,
      notes: [
        `${candles} candles (examples/klines: 3 symbols × 1d/4h/30m, 2025-01-01 → 2026-04-29, a slice of the shared data), memory on. One warm-up round, then the median of ${MEASURED_ROUNDS} rounds (each round: floor, seed, confluence, so the three share the process as a \`--profile both\` run does); the warm-up round is reported apart. Run alone (\`--only backtest\`) it is the cold first run of a process; in a full \`npm run bench\` the earlier benchmarks have already compiled the shared code. "runBacktest" times the runner alone (SQLite file, one transaction per 2,000 30m steps, the seven step stages fused into one map); the ratio compares like with like: CSV load + replay order + runBacktest against CSV load + SeriesFeatures.add for every candle.`,
      ],
    };
  });
}

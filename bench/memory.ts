import type { BenchResult } from './support/result.js';
import { childScript } from './support/paths.js';
import { runChildJson } from './support/runChild.js';

export interface MemoryFigures {
  readonly symbols: number;
  readonly series: number;
  readonly candlesHeld: number;
  readonly baselineRssMb: number;
  readonly rssMb: number;
  readonly deltaRssMb: number;
  readonly baselineHeapUsedMb: number;
  readonly heapUsedMb: number;
  readonly arrayBuffersMb: number;
}

/** RSS of a clean child holding `symbols` × 3 × 500 candles in windows with features. */
export function measureMemory(symbols: number): MemoryFigures {
  return runChildJson<MemoryFigures>(childScript('memoryWindows.ts'), [String(symbols)], ['--expose-gc']);
}

/** Benchmark `memory`: RSS with 300 symbols × 3 intervals × 500 candles held, against the same process before loading. */
export async function memory(): Promise<BenchResult> {
  const f = measureMemory(300);
  return {
    figures: { ...f },
    rows: [
      { figure: `memory rssMb (${f.symbols} symbols × 3 × 500 candles + features)`, value: f.rssMb, floor: f.baselineRssMb, goal: '≤ 150 MB', met: f.rssMb <= 150 },
      { figure: 'memory deltaRssMb (windows alone)', value: f.deltaRssMb, floor: 0, goal: '—', met: null },
    ],
    notes: [
      'A child `node --expose-gc --import tsx bench/children/memoryWindows.ts 300` measures RSS after its imports (the floor, which includes the tsx loader the compiled bot does not carry), then feeds 500 closed synthetic candles per series through candleWindow with SeriesFeatures sidecars, collects garbage twice and measures again.',
    ],
  };
}

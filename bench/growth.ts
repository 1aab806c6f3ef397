import { measureIngest } from './ingest.js';
import { measureMemory } from './memory.js';
import { measureStartup } from './startup.js';
import type { BenchResult, BenchRow } from './support/result.js';
import { round } from './support/stats.js';

const SIZES = [40, 150, 300] as const;

/**
 * Benchmark `growth`: ingest throughput, window memory and warm start-up at 40, 150 and 300
 * symbols, to show how each scales (linear, better or worse) rather than one point.
 */
export async function growth(): Promise<BenchResult> {
  const bySize: Record<string, Record<string, number>> = {};
  const rows: BenchRow[] = [];
  for (const symbols of SIZES) {
    const ingest = measureIngest(symbols, undefined, 1);
    const memory = measureMemory(symbols);
    const start = await measureStartup(symbols, 'prepopulated');
    bySize[String(symbols)] = {
      framesPerSec: ingest.framesPerSec, ratioToFloor: ingest.ratioToFloor, rssMb: memory.rssMb, deltaRssMb: memory.deltaRssMb,
      warmStartMs: round(start.warmMs),
    };
    rows.push(
      { figure: `growth ${symbols} symbols: ingest framesPerSec`, value: ingest.framesPerSec, floor: ingest.floorJsonParseFramesPerSec, goal: '—', met: null },
      { figure: `growth ${symbols} symbols: windows rssMb`, value: memory.rssMb, floor: memory.baselineRssMb, goal: '—', met: null },
      { figure: `growth ${symbols} symbols: warmStartMs`, value: round(start.warmMs), goal: symbols === 40 ? '≤ 5000 ms' : '—', met: symbols === 40 ? start.warmMs <= 5000 : null },
    );
  }
  const first = bySize[String(SIZES[0])]!;
  const last = bySize[String(SIZES.at(-1))]!;
  const scale = SIZES.at(-1)! / SIZES[0];
  return {
    figures: {
      bySymbols: bySize,
      symbolsScale: scale,
      warmStartGrowth: round(last.warmStartMs! / first.warmStartMs!),
      deltaRssGrowth: round(last.deltaRssMb! / first.deltaRssMb!),
      framesPerSecGrowth: round(last.framesPerSec! / first.framesPerSec!),
    },
    rows,
    notes: [
      `Same methods as ingest (one run each, ~120k frames whatever the size, so more symbols means fewer rounds), memory (child process) and startup, at ${SIZES.join(', ')} symbols. Start-up here is warm on a database prepopulated with the newest 500 candles per series (a cold start of 150 or 300 symbols is bound by the 2400/min REST weight, not by the bot).`,
    ],
  };
}

import { buildRecording, type Recording } from './support/recording.js';
import { createLivePath } from './support/livePath.js';
import type { BenchResult } from './support/result.js';
import { median, round } from './support/stats.js';

/** Frames replayed per repetition, whatever the number of symbols. */
export const INGEST_FRAMES = 120_000;
const REPETITIONS = 3;

export interface IngestFigures {
  readonly symbols: number;
  readonly streams: number;
  readonly frames: number;
  readonly closedFrames: number;
  readonly framesPerSec: number;
  readonly floorJsonParseFramesPerSec: number;
  readonly ratioToFloor: number;
  readonly stepsPerRun: number;
  readonly signalsPerRun: number;
  readonly badFrames: number;
}

/** The floor: only `JSON.parse` each frame (the least any consumer of the socket must do). */
function jsonParseSeconds(frames: readonly string[]): number {
  let sink = 0;
  const started = performance.now();
  for (const f of frames) sink += (JSON.parse(f) as { data: { E: number } }).data.E & 1;
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) throw new Error('unreachable');
  return seconds;
}

/** One run of the full live path: history untimed, then every frame timed. */
function pipelineRun(rec: Recording): { seconds: number; steps: number; signals: number; badFrames: number } {
  const path = createLivePath({ symbols: rec.symbols, dbPath: ':memory:', outbox: true, profile: 'seed', liveFromMs: rec.startMs });
  try {
    for (const k of rec.history) path.history.next(k);
    const started = performance.now();
    for (const f of rec.frames) path.frames.next(f);
    const seconds = (performance.now() - started) / 1000;
    const c = path.counts();
    return { seconds, steps: c.steps, signals: c.signals, badFrames: c.badFrames };
  } finally {
    path.close();
  }
}

/**
 * Replays the same recorded frames through the live path and through a bare `JSON.parse` loop,
 * alternating, `repetitions` times each; figures are medians.
 */
export function measureIngest(symbolCount: number, targetFrames = INGEST_FRAMES, repetitions = REPETITIONS): IngestFigures {
  const rec = buildRecording(symbolCount, targetFrames);
  const floor: number[] = [];
  const runs: ReturnType<typeof pipelineRun>[] = [];
  for (let i = 0; i < repetitions; i += 1) {
    floor.push(jsonParseSeconds(rec.frames));
    runs.push(pipelineRun(rec));
  }
  const framesPerSec = rec.frames.length / median(runs.map((r) => r.seconds));
  const floorRate = rec.frames.length / median(floor);
  const last = runs.at(-1)!;
  return {
    symbols: rec.symbols.length, streams: rec.streams, frames: rec.frames.length, closedFrames: rec.closedFrames,
    framesPerSec: round(framesPerSec), floorJsonParseFramesPerSec: round(floorRate), ratioToFloor: round(framesPerSec / floorRate),
    stepsPerRun: last.steps, signalsPerRun: last.signals, badFrames: last.badFrames,
  };
}

/** Benchmark `ingest`: frames per second of parse → dedupe → windows → scan → commit, against `JSON.parse` alone. */
export async function ingest(): Promise<BenchResult> {
  const f = measureIngest(40);
  return {
    figures: { ...f },
    rows: [
      { figure: 'ingest framesPerSec (40 symbols)', value: f.framesPerSec, floor: f.floorJsonParseFramesPerSec, goal: 'ratio ≥ 1', met: null },
      { figure: 'ingest ratioToFloor', value: f.ratioToFloor, floor: 1, goal: '≥ 1', met: f.ratioToFloor >= 1 },
    ],
    notes: [
      `${f.frames} recorded combined-stream frames (${f.closedFrames} closed) of ${f.symbols} symbols × 3 intervals, one push round per 250 ms at real speed from 60 s before 2026-04-01 00:00 UTC, where a 30m, 4h and 1d candle close on every stream; built with src/sim/wire.ts and formingCandle.ts.`,
      'Path timed: parseKline → seriesGate → CandleWriter → eventTimeMerge → signalPipeline (candleWindow + SeriesFeatures, scan, memory, risk) → StepWriter with outbox, all on one SQLite :memory: database; the windows are first filled with 500 closed candles per series (untimed). Median of 3 runs alternating with the floor.',
    ],
  };
}

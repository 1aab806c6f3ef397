import { join } from 'node:path';
import type { ModelProfile } from '../src/domain/signal.js';
import { openDatabase } from '../src/sinks/sqlite/db.js';
import { exampleClosedFrames, type ClosedFrame } from './support/closedFrames.js';
import { createLivePath } from './support/livePath.js';
import type { BenchResult } from './support/result.js';
import { percentile, round } from './support/stats.js';
import { withTempDir } from './support/tempDir.js';

const FLOOR_TRANSACTIONS = 20_000;

/** Replays every example candle as a frame; returns ms per 30m step, and those that sent a signal (its outbox row in the commit). */
function replay(frames: readonly ClosedFrame[], dbPath: string, profile: ModelProfile): { all: number[]; withMessage: number[]; signals: number } {
  const all: number[] = [];
  const withMessage: number[] = [];
  let startedMs = 0;
  const path = createLivePath({
    symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], dbPath, outbox: true, profile, liveFromMs: -Infinity,
    onStep: (step, messages) => {
      const ms = performance.now() - startedMs;
      all.push(ms);
      if (messages > 0 && step.recorded.some((r) => r.signal.status === 'sent')) withMessage.push(ms);
    },
  });
  try {
    for (const f of frames) {
      startedMs = performance.now();
      path.frames.next(f.frame);
    }
    return { all, withMessage, signals: path.counts().signals };
  } finally {
    path.close();
  }
}

/** The floor: an empty transaction, then a one-row insert, on a file database opened like the bot's. */
function transactionFloor(dbPath: string): { emptyMs: number[]; oneRowMs: number[] } {
  const db = openDatabase(dbPath);
  try {
    db.exec('CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY, v TEXT)');
    const empty = db.transaction(() => undefined);
    const insert = db.prepare('INSERT INTO bench_scratch (v) VALUES (?)');
    const oneRow = db.transaction((v: string) => insert.run(v));
    const emptyMs: number[] = [];
    const oneRowMs: number[] = [];
    for (let i = 0; i < FLOOR_TRANSACTIONS; i += 1) {
      let t = performance.now();
      empty();
      emptyMs.push(performance.now() - t);
      t = performance.now();
      oneRow(`row ${i}`);
      oneRowMs.push(performance.now() - t);
    }
    return { emptyMs, oneRowMs };
  } finally {
    db.close();
  }
}

/**
 * Benchmark `latency`: from a closed-candle frame handed to the live path to the commit of the step
 * it caused (signal, trade, memory and outbox rows in one WAL transaction on a file database),
 * over every example candle in both profiles; p50/p99 of the steps that sent a signal.
 */
export async function latency(): Promise<BenchResult> {
  const frames = exampleClosedFrames();
  return withTempDir('latency', (dir) => {
    const floor = transactionFloor(join(dir, 'floor.db'));
    const seed = replay(frames, join(dir, 'seed.db'), 'seed');
    const confluence = replay(frames, join(dir, 'confluence.db'), 'confluence');
    const withMessage = [...seed.withMessage, ...confluence.withMessage];
    const all = [...seed.all, ...confluence.all];
    const f = {
      candleFrames: frames.length * 2,
      stepsTimed: all.length,
      stepsWithOutboxRow: withMessage.length,
      signalsRecorded: seed.signals + confluence.signals,
      signalP50Ms: round(percentile(withMessage, 50)),
      signalP99Ms: round(percentile(withMessage, 99)),
      signalMaxMs: round(percentile(withMessage, 100)),
      anyStepP50Ms: round(percentile(all, 50)),
      anyStepP99Ms: round(percentile(all, 99)),
      floorEmptyTxnP50Ms: round(percentile(floor.emptyMs, 50)),
      floorEmptyTxnP99Ms: round(percentile(floor.emptyMs, 99)),
      oneRowTxnP50Ms: round(percentile(floor.oneRowMs, 50)),
      oneRowTxnP99Ms: round(percentile(floor.oneRowMs, 99)),
    };
    return {
      figures: f,
      rows: [
        { figure: `latency p50Ms (closed candle → signal + outbox committed, n=${f.stepsWithOutboxRow})`, value: f.signalP50Ms, floor: f.floorEmptyTxnP50Ms, goal: '—', met: null },
        { figure: 'latency p99Ms', value: f.signalP99Ms, floor: f.floorEmptyTxnP99Ms, goal: '< 5 ms', met: f.signalP99Ms < 5 },
        { figure: 'latency p99Ms of any 30m step', value: f.anyStepP99Ms, floor: f.oneRowTxnP99Ms, goal: '—', met: null },
      ],
      notes: [
        'Every candle of examples/klines as its x:true frame (both profiles, separate file databases in a temp dir, WAL, synchronous=NORMAL as the bot opens them) through parse → gate → candle store → event-time merge → signal pipeline → StepWriter with the outbox; timed from `frames.next` to the end of the commit. The frame of the last symbol to deliver a candle end releases every symbol\'s step at that end (the watermark), so a step\'s time includes the steps committed before it in the same release.',
        `Floor: ${FLOOR_TRANSACTIONS} empty better-sqlite3 transactions on a file database opened the same way; the floor of the "any step" row is a one-row INSERT transaction.`,
      ],
    };
  });
}

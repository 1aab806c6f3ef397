/**
 * One line of docs/BENCHMARKS.md: a figure, the floor measured in the same run, and the goal.
 * `met` is null when the figure has no goal (context only).
 */
export interface BenchRow {
  readonly figure: string;
  readonly value: number | string;
  readonly floor?: number | string;
  readonly goal?: string;
  readonly met: boolean | null;
}

/** What each benchmark returns: plain JSON, written to bench/results.json as is. */
export interface BenchResult {
  /** Every measured number, units in the names (`framesPerSec`, `p99Ms`, `rssMb`). */
  readonly figures: Record<string, unknown>;
  /** The rows of the table. */
  readonly rows: readonly BenchRow[];
  /** What was measured and how, in a sentence or two each. */
  readonly notes: readonly string[];
  readonly wallSeconds?: number;
}

/** A benchmark: a fixed amount of work, then figures. */
export type Benchmark = () => Promise<BenchResult>;

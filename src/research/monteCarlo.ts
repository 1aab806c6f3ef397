import { bandOf, type Band } from './bands.js';
import { pathFigures, type EquityReturn, type PathFigures } from './equityPath.js';
import { randomStream, resampleInto, shuffleInPlace } from './sampling.js';

/** Stream id of the Monte Carlo inside a seed (the baseline uses others). */
const MONTE_CARLO_STREAM = 1;
/** Percentage points below which two drawdowns count as equal (float noise of reordered products). */
const NOISE_PCT = 1e-9;

/** Bands of the two figures over many simulated orderings. */
export interface PathBands {
  readonly maxDrawdownPct: Band;
  readonly returnPct: Band;
}

/**
 * Trade-order Monte Carlo of one run (see {@link tradeOrderMonteCarlo}). Percent figures are of the
 * starting equity, compounded like the report's equity curve.
 */
export interface MonteCarloResult {
  readonly runs: number;
  readonly trades: number;
  /** The run as it happened (equals the report's summary). */
  readonly actual: PathFigures;
  /**
   * The same trades in random orders. Compounding is commutative, so the final return is the same
   * in every order: its band has zero width and only the drawdown varies.
   */
  readonly reshuffled: PathBands;
  /**
   * As many trades drawn with replacement from the run's (a bootstrap): both the drawdown and the
   * final return vary, as they would with another draw of similar trades.
   */
  readonly resampled: PathBands;
  /** Share of reshuffled orders whose drawdown was deeper than the actual one, percent. */
  readonly deeperDrawdownPct: number | null;
}

/**
 * Replays the run's closed trades `runs` times in random orders, and `runs` times as bootstrap
 * samples, from one seeded stream: the same seed and trades give the same bands. Cost: 2 × runs ×
 * trades multiplications.
 */
export function tradeOrderMonteCarlo(returns: readonly EquityReturn[], runs: number, seed: number): MonteCarloResult {
  const random = randomStream(seed, MONTE_CARLO_STREAM);
  const reshuffled: PathFigures[] = [];
  const sampled: PathFigures[] = [];
  // Two working arrays reused across runs: reshuffling the previous order is as uniform as shuffling the original.
  const order = [...returns];
  const draw = [...returns];
  for (let i = 0; i < runs; i += 1) {
    shuffleInPlace(order, random);
    reshuffled.push(pathFigures(order));
    resampleInto(returns, draw, random);
    sampled.push(pathFigures(draw));
  }
  const actual = pathFigures(returns);
  const bands = (paths: readonly PathFigures[]): PathBands => ({
    maxDrawdownPct: bandOf(paths.map((p) => p.maxDrawdownPct)),
    returnPct: bandOf(paths.map((p) => p.returnPct)),
  });
  // Products in another order differ in the last bits: "deeper" means deeper by more than that noise.
  const deeper = runs === 0 ? null : (reshuffled.filter((p) => p.maxDrawdownPct > actual.maxDrawdownPct + NOISE_PCT).length * 100) / runs;
  return { runs, trades: returns.length, actual, reshuffled: bands(reshuffled), resampled: bands(sampled), deeperDrawdownPct: deeper };
}

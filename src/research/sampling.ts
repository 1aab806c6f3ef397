import { createRandom, hashInts } from '../sim/random.js';

/** A uniform number in [0, 1); the same seed gives the same sequence (mulberry32, shared with the simulator). */
export type Random = () => number;

/**
 * An independent seeded stream per purpose: `streams` names it (e.g. the Monte Carlo, or one model's
 * baseline), so adding a model or a repetition elsewhere never shifts another stream's numbers.
 */
export function randomStream(seed: number, ...streams: number[]): Random {
  return createRandom(hashInts(seed, ...streams));
}

/** A uniform integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/** The items in a uniformly random order (Fisher–Yates), as a new array. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomIndex(random, i + 1);
    const held = out[i]!;
    out[i] = out[j]!;
    out[j] = held;
  }
  return out;
}

/** As many items as given, each drawn uniformly with replacement (a bootstrap sample). */
export function resampled<T>(items: readonly T[], random: Random): T[] {
  return items.map(() => items[randomIndex(random, items.length)]!);
}

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

/** Puts `items` in a uniformly random order, in place (Fisher–Yates); any starting order will do. */
export function shuffleInPlace<T>(items: T[], random: Random): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomIndex(random, i + 1);
    const held = items[i]!;
    items[i] = items[j]!;
    items[j] = held;
  }
}

/** Fills `out` (as long as `items`) with items drawn uniformly with replacement: a bootstrap sample. */
export function resampleInto<T>(items: readonly T[], out: T[], random: Random): void {
  for (let i = 0; i < out.length; i += 1) out[i] = items[randomIndex(random, items.length)]!;
}

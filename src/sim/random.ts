/**
 * Deterministic pseudo-randomness for the simulator: the same seed gives the same synthetic
 * prices and the same faults on every run, so a failing e2e test can be replayed.
 */

/** 32-bit FNV-1a hash of a string: turns a symbol name or a fault name into a seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes integers into one well-spread 32-bit value (murmur3 finalizer over a running hash). */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h ^= Math.imul(v | 0, 0x85ebca6b) ^ Math.imul(Math.floor(v / 4_294_967_296) | 0, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) from integers, without state: random access by index. */
export function unitFromInts(...values: number[]): number {
  return hashInts(...values) / 4_294_967_296;
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SCALES = Array.from({ length: 23 }, (_, d) => 10 ** d);

/**
 * Rounds to `decimals` digits so that printing with `toFixed(decimals)` and parsing back is exact:
 * an integer divided by an exact power of ten is the double nearest to that decimal.
 */
export function roundTo(value: number, decimals: number): number {
  const scale = SCALES[decimals] ?? 10 ** decimals;
  return Math.round(value * scale) / scale;
}

import { createRandom } from '../../sim/random.js';
import type { ParamDef, ParamValues } from './paramSpace.js';

export type SearchKind = 'grid' | 'random';

/** How many combinations a full grid of the space has. */
export function gridSize(space: readonly ParamDef[]): number {
  return space.reduce((n, p) => n * p.values.length, 1);
}

function gridPoint(space: readonly ParamDef[], index: number): ParamValues {
  const out: Record<string, number> = {};
  let rest = index;
  // The last parameter is the fastest-moving digit.
  for (let i = space.length - 1; i >= 0; i -= 1) {
    const p = space[i]!;
    out[p.key] = p.values[rest % p.values.length]!;
    rest = Math.floor(rest / p.values.length);
  }
  return out;
}

/**
 * The trials of one search, after trial 0 (the configuration as given, which the caller adds):
 * `grid` walks the cartesian product, or `trials` combinations evenly spaced along it when it is
 * larger; `random` draws each parameter uniformly among its values with the seeded generator.
 * Duplicates are dropped (a smaller random search, never a repeated trial).
 */
export function searchTrials(space: readonly ParamDef[], kind: SearchKind, trials: number, seed: number): ParamValues[] {
  const out: ParamValues[] = [];
  const seen = new Set<string>();
  const push = (v: ParamValues) => {
    const key = JSON.stringify(v);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  };
  if (kind === 'grid') {
    const size = gridSize(space);
    const n = Math.min(trials, size);
    for (let i = 0; i < n; i += 1) push(gridPoint(space, Math.floor((i * size) / n)));
    return out;
  }
  const random = createRandom(seed);
  for (let i = 0; i < trials; i += 1) {
    const v: Record<string, number> = {};
    for (const p of space) v[p.key] = p.values[Math.floor(random() * p.values.length)]!;
    push(v);
  }
  return out;
}

import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { editDistance } from '../suggest.js';
import { ENV } from './envSpec.js';

/** A variable that is not one of ours but looks like one: most likely a typo, ignored by the bot. */
export interface UnknownVariable {
  readonly variable: string;
  /** The known variable it most likely means. */
  readonly didYouMean: string;
  /** Where it was set: the `.env` file or the process environment. */
  readonly source: '.env' | 'environment';
}

/** Variables read outside {@link ENV} (none are typos of ours). */
const ALSO_KNOWN: readonly string[] = [];

const lettersOf = (name: string): string => [...name.replace(/_/g, '')].sort().join('');

/**
 * The known variable `name` looks like, if any: the same letters in another order or case
 * (THRESHOLD_SCORE, score_threshold), or at most two edits away and no more than a third of the
 * name (SCORE_TRESHOLD). Unrelated names (PATH, HOME, LANG) are far from every one of ours.
 */
export function lookalikeOf(name: string, known: readonly string[] = Object.keys(ENV)): string | undefined {
  if (known.includes(name) || ALSO_KNOWN.includes(name)) return undefined;
  const upper = name.toUpperCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(upper, candidate);
    const near = distance <= Math.min(2, Math.floor(candidate.length / 3));
    const anagram = candidate.length >= 6 && lettersOf(upper) === lettersOf(candidate);
    if ((near || anagram) && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * The names set in `.env` (at `path`) or in `env` that look like one of our variables without being
 * one: each is named in a start-up warning and by `doctor`, with the variable it most likely means.
 */
export function unknownVariables(path = '.env', env: Readonly<Record<string, string | undefined>> = process.env): UnknownVariable[] {
  const fromFile = existsSync(path) ? Object.keys(parseEnv(readFileSync(path, 'utf8'))) : [];
  const found: UnknownVariable[] = [];
  for (const [names, source] of [[fromFile, '.env'], [Object.keys(env), 'environment']] as const) {
    for (const variable of names) {
      const didYouMean = lookalikeOf(variable);
      if (didYouMean !== undefined && !found.some((f) => f.variable === variable)) found.push({ variable, didYouMean, source });
    }
  }
  return found;
}

/** The warning a person reads: `SCORE_TRESHOLD is not a known variable; did you mean SCORE_THRESHOLD?` */
export function unknownVariableText({ variable, didYouMean }: UnknownVariable): string {
  return `${variable} is not a known variable; did you mean ${didYouMean}?`;
}

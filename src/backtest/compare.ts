import type { ModelProfile } from '../domain/signal.js';

/** One backtest run of a command: its label names its database, its folder and its column. */
export interface RunVariant {
  readonly label: string;
  readonly profile: ModelProfile;
  readonly memory: boolean;
}

export interface RunPlanInput {
  /** `both` runs seed and confluence. */
  readonly profile: ModelProfile | 'both';
  /** Memory of a single run (MEMORY_ENABLED, off with --no-memory). */
  readonly memory: boolean;
  /** --compare: memory on and off. */
  readonly compare: boolean;
}

/**
 * The runs one command makes, in a fixed order (seed before confluence, memory on before off) so
 * that the comparison's columns and the stdout lines always read the same way. Labels are
 * `<profile>-memory-on|off`.
 */
export function planRuns({ profile, memory, compare }: RunPlanInput): RunVariant[] {
  const profiles: ModelProfile[] = profile === 'both' ? ['seed', 'confluence'] : [profile];
  const memories = compare ? [true, false] : [memory];
  return profiles.flatMap((p) => memories.map((m) => ({ label: `${p}-memory-${m ? 'on' : 'off'}`, profile: p, memory: m })));
}

/** How one symbol's 24 h quote volume was measured for the rotating pool. */
export type VolumeSource = 'quote_volume' | 'close × volume';

/** What `--rotate` knows about the volumes it ranked by (see backtest/rotationVolume.ts). */
export interface UniverseInput {
  /** Per symbol of the data: the file's quote_volume column, or close × volume where it has none. */
  readonly volumeSource: Readonly<Record<string, VolumeSource>>;
  /** UNIVERSE_REFRESH_SECONDS × 1000. */
  readonly refreshMs: number;
  /** Membership changes of the pool at its refreshes, oldest first. */
  readonly poolChanges: ReadonlyArray<{ readonly atMs: number; readonly joined: readonly string[]; readonly left: readonly string[] }>;
}

/** report.json `universe` (with `--rotate`): how the point-in-time pool was built. */
export interface UniverseSection {
  readonly pointInTime: true;
  readonly refreshMs: number;
  readonly volumeSource: Readonly<Record<string, VolumeSource>>;
  /** Each refresh that changed the pool's members: `{ atMs, joined, left }`, symbols sorted. */
  readonly poolChanges: UniverseInput['poolChanges'];
  /** The same in words, naming the symbols whose volume was estimated. */
  readonly note: string;
}

/** The `universe` section of a rotating run. */
export function universeSection(input: UniverseInput): UniverseSection {
  const sources = Object.fromEntries(Object.entries(input.volumeSource).sort(([a], [b]) => a.localeCompare(b)));
  const estimated = Object.keys(sources).filter((s) => sources[s] === 'close × volume');
  const hours = input.refreshMs / 3_600_000;
  const every = Number.isInteger(hours) ? `${hours} h` : `${Math.round(input.refreshMs / 60_000)} min`;
  const base =
    `The rotating pool is rebuilt every ${every} from each symbol's quote volume over the 24 h ending at that moment, ` +
    'counting only symbols with candles in those 24 h: a symbol whose data starts later joins when it starts, one whose data ends leaves, and no later candle is read.';
  const estimate = estimated.length === 0 ? '' : ` ${estimated.join(', ')}: the file has no quote volume, estimated as close × volume per 30m candle.`;
  return { pointInTime: true, refreshMs: input.refreshMs, volumeSource: sources, poolChanges: input.poolChanges, note: base + estimate };
}

import { createRandom, hashString } from './random.js';
import type { SimulatorFaults } from './options.js';

/** The kinds of garbage frame the garbage fault cycles through. */
export const GARBAGE_KINDS = ['nonJson', 'truncated', 'wrongTypes', 'unknownStream', 'binary'] as const;
export type GarbageKind = (typeof GARBAGE_KINDS)[number];

/** A frame to send: text, or bytes sent as a binary frame. */
export type GarbageFrame = { readonly kind: GarbageKind; readonly data: string | Buffer };

/**
 * A garbage frame of `kind`, built from a real frame `sample` when there is one so it looks
 * plausible (a truncated real event; a real event with numbers where strings belong).
 */
export function garbageFrame(kind: GarbageKind, sample: string, combined: boolean): GarbageFrame {
  switch (kind) {
    case 'nonJson': return { kind, data: 'this is not json' };
    case 'truncated': return { kind, data: sample.slice(0, Math.max(1, Math.floor(sample.length / 2))) };
    case 'wrongTypes': {
      const raw = { e: 'kline', E: '1', s: 42, k: { t: 'soon', T: null, s: 42, i: 30, o: 1.5, c: 2.5, h: 3.5, l: 0.5, v: 10, n: '7', x: 'false', q: 1 } };
      return { kind, data: JSON.stringify(combined ? { stream: 'btcusdt@kline_30m', data: raw } : raw) };
    }
    case 'unknownStream': {
      const raw = { e: 'kline', E: 0, s: 'NOSUCHUSDT', k: { t: 0, T: 1_799_999, s: 'NOSUCHUSDT', i: '30m', f: -1, L: -1, o: '1', c: '1', h: '1', l: '1', v: '0', n: 0, x: false, q: '0', V: '0', Q: '0', B: '0' } };
      return { kind, data: JSON.stringify(combined ? { stream: 'nosuchusdt@kline_30m', data: raw } : raw) };
    }
    case 'binary': return { kind, data: Buffer.from([0x00, 0xff, 0x7b, 0x22, 0xc3]) };
  }
}

/**
 * The seeded decision makers of the stream faults, one generator per fault so that turning one
 * fault on does not change the draws of another.
 */
export class FaultDice {
  private readonly garbage: () => number;
  private readonly garbageKind: () => number;
  private readonly duplicate: () => number;
  private readonly reorder: () => number;
  /** Seeded draws for the REST 503 fault. */
  readonly rest: () => number;

  constructor(private readonly faults: SimulatorFaults, seed: number) {
    const make = (name: string): (() => number) => createRandom(hashString(name) ^ seed);
    this.garbage = make('garbage');
    this.garbageKind = make('garbageKind');
    this.duplicate = make('duplicate');
    this.reorder = make('reorder');
    this.rest = make('rest5xx');
  }

  /** The kind of garbage to send now, or undefined for none. */
  nextGarbage(): GarbageKind | undefined {
    const rate = this.faults.garbageRate ?? 0;
    if (rate <= 0 || this.garbage() >= rate) return undefined;
    return GARBAGE_KINDS[Math.floor(this.garbageKind() * GARBAGE_KINDS.length)];
  }

  shouldDuplicate(): boolean {
    const rate = this.faults.duplicateRate ?? 0;
    return rate > 0 && this.duplicate() < rate;
  }

  shouldReorder(): boolean {
    const rate = this.faults.reorderRate ?? 0;
    return rate > 0 && this.reorder() < rate;
  }
}

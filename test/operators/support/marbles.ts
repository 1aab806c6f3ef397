import { expect } from 'vitest';
import { TestScheduler } from 'rxjs/testing';

/** A new TestScheduler (one per test: a reused one keeps its frame counter). */
export function newScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual, 'marble frames and values').toEqual(expected));
}

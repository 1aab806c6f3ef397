import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { decisionsScenario } from './scenarios/decisions.js';

/**
 * The mixed run, then each fault alone, so a difference can be put down to one kind of fault.
 * At 12 real seconds a market day, 48 drops over 20 days is one every 5 s, the cadence that broke
 * 12 of 23 trades before the event-time merge (issue 11).
 */
describe('fault suite, full: decisions under faults (e2e)', () => {
  it('decides exactly as an uninterrupted run through 15 SIGKILLs, 20 socket drops and 5 stalls over 20 market days', async () => {
    await decisionsScenario({ kills: scaled(15), drops: scaled(20), stalls: scaled(5), marketDays: scaled(20) });
  });

  it('decides exactly as an uninterrupted run through 15 SIGKILLs alone over 10 market days', async () => {
    await decisionsScenario({ kills: scaled(15), drops: 0, stalls: 0, marketDays: scaled(10) });
  });

  it('decides exactly as an uninterrupted run through a socket drop every 5 s alone over 20 market days', async () => {
    await decisionsScenario({ kills: 0, drops: scaled(48), stalls: 0, marketDays: scaled(20) });
  });

  it('decides exactly as an uninterrupted run through 10 silent stalls alone over 10 market days', async () => {
    await decisionsScenario({ kills: 0, drops: 0, stalls: scaled(10), marketDays: scaled(10) });
  });
});

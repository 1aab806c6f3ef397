import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { decisionsScenario } from './scenarios/decisions.js';

describe('fault suite, full: decisions under faults (e2e)', () => {
  it('decides exactly as an uninterrupted run through 15 SIGKILLs, 20 socket drops and 5 stalls over 20 market days', async () => {
    await decisionsScenario({ kills: scaled(15), drops: scaled(20), stalls: scaled(5), marketDays: scaled(20) });
  });
});

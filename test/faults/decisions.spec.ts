import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { decisionsScenario } from './scenarios/decisions.js';

describe('fault suite, short: decisions under faults (e2e)', () => {
  it('decides exactly as an uninterrupted run through a SIGKILL, socket drops and a stall', async () => {
    await decisionsScenario({ kills: scaled(1), drops: scaled(2), stalls: scaled(1), marketDays: scaled(3) });
  }, 150_000);
});

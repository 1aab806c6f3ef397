import { describe, it } from 'vitest';
import { storageFaultsScenario } from './scenarios/storageFaults.js';

describe('fault suite, full: storage faults and bad env (e2e)', () => {
  it('exits 1 with a clear error on a corrupted, read-only or full database and on every bad env value', async () => {
    await storageFaultsScenario({ envCases: 8 });
  });
});

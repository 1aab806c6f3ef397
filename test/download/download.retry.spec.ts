import { afterEach, describe, expect, it } from 'vitest';
import { runDownloadCli } from '../../src/download/cli.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { capture, DATA_DIR, recordingLogger, tempDir } from './helpers.js';

let sim: Simulator | undefined;
let removeDir: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim?.close();
  await removeDir?.();
  sim = removeDir = undefined;
});

describe('download retries', () => {
  it('retries each request in the REST client, 6 attempts in all, since nothing above it retries', async () => {
    sim = await startSimulator({ data: DATA_DIR, speed: 3600, faults: { rest5xxRate: 1 } });
    const { dir, remove } = await tempDir();
    removeDir = remove;
    const io = capture();
    const { logger } = recordingLogger();
    const code = await runDownloadCli(['--symbols', 'BTCUSDT', '--from', '2025-01-01', '--out', dir], {
      env: { BINANCE_REST_URL: sim.restUrl }, logger, ...io, restOverrides: { random: () => 0 }, // no real waits
    });
    expect(code, 'a download that cannot reach the exchange fails').toBe(1);
    expect(sim.stats().rest.requests, 'the first request (exchangeInfo): one attempt and five retries').toBe(6);
    expect(sim.stats().faults.rest5xx, 'every attempt met the 503 fault').toBe(6);
  });
});

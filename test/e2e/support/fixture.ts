import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import type { SimulatorOptions } from '../../../src/sim/options.js';
import { killAllBots } from './botProcess.js';

/** The repository's own candles (never ../shared, so the repo stands alone). */
export const EXAMPLE_KLINES = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));

/** What one e2e test owns: a temp dir and a simulator; `cleanup` is safe to call twice. */
export interface E2eFixture {
  readonly dir: string;
  readonly sim: Simulator;
  cleanup(): Promise<void>;
}

/** Starts the simulator on the example candles in this test process, with a fresh temp dir. */
export async function startFixture(options: Omit<SimulatorOptions, 'data'>): Promise<E2eFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'kline-e2e-'));
  const sim = await startSimulator({ data: EXAMPLE_KLINES, ...options });
  let done = false;
  return {
    dir, sim,
    async cleanup() {
      if (done) return;
      done = true;
      await killAllBots();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startServer } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const title = available
  ? 'renders the live dashboard in headless Chromium to a PNG'
  : `renders the live dashboard in headless Chromium (skipped: ${CHROMIUM} not found; not installed on purpose)`;

describe('dashboard in a real browser', () => {
  it.skipIf(!available)(title, async () => {
    const server = await startServer({ language: 'vi' });
    const dir = mkdtempSync(join(tmpdir(), 'ks-dashboard-'));
    try {
      const png = join(dir, 'dashboard.png');
      await promisify(execFile)(CHROMIUM, [
        '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1280,1600',
        '--virtual-time-budget=5000', `--screenshot=${png}`, `${server.url}/`,
      ], { timeout: 60_000 });
      const bytes = readFileSync(png);
      expect(bytes.subarray(0, 8).toString('hex'), 'a PNG file').toBe('89504e470d0a1a0a');
      expect(bytes.length, 'more than a blank page').toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  });
});

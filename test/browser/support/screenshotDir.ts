import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's example candles (never ../shared, so the repo stands alone). */
export const EXAMPLE_KLINES = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));

const DOCS_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
/** `SCREENSHOTS=update npm test -- test/browser` refreshes docs/screenshots; other runs leave the tree clean. */
const SCREENSHOT_DIR = process.env.SCREENSHOTS === 'update' ? DOCS_DIR : join(tmpdir(), 'kline-signals-screenshots');

/**
 * Where a browser test saves `name` (e.g. `report.png`): the tests produce the README's pictures
 * in `docs/screenshots/` when asked to, and a scratch copy otherwise (the PNGs differ on every run).
 */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, name);
}

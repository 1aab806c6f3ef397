import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../download/usageError.js';

/** The candles shipped with the package (examples/klines), found from any working directory. */
export const BUNDLED_DATA = fileURLToPath(new URL('../../examples/klines', import.meta.url));

/** `--data DIR` as given, or the bundled candles; a folder that is not there is a usage error (one line, exit 2), not a stack trace. */
export function dataFolderOf(flag: string, dir: string | undefined): string {
  if (dir === undefined) return BUNDLED_DATA;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(flag, `${JSON.stringify(dir)} is not a folder (of SYMBOL-INTERVAL.csv files)`);
  return dir;
}

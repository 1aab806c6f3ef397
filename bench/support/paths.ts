import { fileURLToPath } from 'node:url';

/** The repository root: benchmarks read its example candles and spawn its own bin. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bundled real candles (BTC, ETH, SOL × 1d, 4h, 30m). */
export const KLINES_DIR = fileURLToPath(new URL('../../examples/klines', import.meta.url));
/** The bot's entry point (plain node on the compiled dist/), spawned as PM2 would. */
export const BOT_BIN = fileURLToPath(new URL('../../bin/kline-signals.js', import.meta.url));
/** Where the committed figures go. */
export const RESULTS_JSON = fileURLToPath(new URL('../results.json', import.meta.url));
/** The generated table. */
export const BENCHMARKS_MD = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));

/** A file of `bench/children/`, run in a child process so its RSS or CPU is its own. */
export function childScript(name: string): string {
  return fileURLToPath(new URL(`../children/${name}`, import.meta.url));
}

import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The compiled entry point operators run (`npm start`, PM2, systemd): plain node on dist/. */
export const BOT_BIN = fileURLToPath(new URL('../../bin/kline-signals.js', import.meta.url));

/** tsx's loader, resolved from this package so the child finds it from any working directory. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SRC_CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/**
 * Node arguments that run the bot's CLI on the current sources through tsx:
 * `spawn(process.execPath, botCliArgs(['run']), …)`. Tests that start the bot for its behaviour use
 * this, so they never run a stale build. Only the entry-point tests (test/build/compiledBin.spec.ts,
 * test/config/entrypoint.spec.ts, the PM2 test) run {@link BOT_BIN}, on the dist/ that
 * test/support/buildDist.ts brings up to date before any test file starts.
 */
export function botCliArgs(args: readonly string[]): string[] {
  return ['--import', TSX_LOADER, SRC_CLI, ...args];
}

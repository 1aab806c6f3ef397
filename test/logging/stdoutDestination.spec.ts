import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const LOGGER = new URL('../../src/logging/logger.ts', import.meta.url).href;

/** Far more than a fatal line and an exit take; the hang it guards against lasts for ever. */
const RETURN_BOUND_MS = 15_000;

/**
 * A process that logs through the root logger's default destination: once told on stdin (by then
 * nothing reads its stdout any more), two lines, then a fatal one, then a note on stderr and exit 0.
 * Two lines first: the first is being written asynchronously when the second queues behind it, so
 * pino's synchronous flush after `fatal` has a queued line to write into the dead pipe.
 */
const CHILD = `
import { createLogger } from ${JSON.stringify(LOGGER)};
const logger = createLogger({ level: 'info', secrets: [] });
process.stdin.once('data', () => {
  logger.info('first');
  logger.info('second');
  logger.fatal('fatal error');
  process.stderr.write('fatal returned\\n');
  process.exit(0);
});
`;

describe('regression: a fatal log line to a stdout nobody reads returns (npm start | tee, tee gone)', () => {
  it('logger.fatal and the exit do not retry the dead pipe for ever', async () => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '--eval', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    child.stdout.destroy(); // the reader dies
    child.stdin.write('go\n');

    let bound: NodeJS.Timeout | undefined;
    const hung = new Promise<'still running'>((resolve) => {
      bound = setTimeout(() => resolve('still running'), RETURN_BOUND_MS);
    });
    const code = await Promise.race([exited, hung]);
    clearTimeout(bound);
    if (code === 'still running') child.kill('SIGKILL');
    expect(stderr, 'logger.fatal returned').toContain('fatal returned');
    expect(code, `the process exited (${stderr.slice(-600)})`).toBe(0);
  }, RETURN_BOUND_MS + 10_000);
});

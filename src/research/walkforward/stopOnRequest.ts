import type { Logger } from 'pino';
import { runUntilStopped } from '../../app/lifecycle.js';

/** A long computation's way to stop on request: Ctrl-C, SIGTERM, or a test's own signal. */
export interface StopRequest {
  /** Aborted on the request: the computation stops its workers and removes its scratch files. */
  readonly signal: AbortSignal;
  /** Hands over the computation once started: a stop waits for it to settle (its clean-up) before the exit. */
  watch(running: Promise<unknown>): void;
  /** The exit code after a stop: 0 on a request; 1 after a second signal, the deadline or a fatal error. */
  readonly exitCode: Promise<number>;
}

/** How long the clean-up may take before the exit (1). */
const STOP_DEADLINE_MS = 10_000;

/**
 * With `stop` (tests calling the command in-process), that signal, and no process handler left
 * behind. Otherwise the bot's own stop rules (src/app/lifecycle.ts): SIGINT/SIGTERM abort, a repeat
 * within a second is the same request, a later one or the deadline exits 1, and an uncaught error
 * stops the same orderly way.
 */
export function stopOnRequest(stop: AbortSignal | undefined, logger: () => Logger): StopRequest {
  if (stop !== undefined) return { signal: stop, watch: () => undefined, exitCode: Promise.resolve(0) };
  const controller = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  const { exitCode } = runUntilStopped({
    logger: logger(),
    shutdownDeadlineMs: STOP_DEADLINE_MS,
    close: async () => {
      controller.abort();
      await running.catch(() => undefined);
    },
  });
  return { signal: controller.signal, watch: (r) => (running = r), exitCode };
}

import type { Logger } from 'pino';

export interface LifecycleDeps {
  readonly logger: Logger;
  /** Closes everything; given the moment (ms since epoch) the outbox drain must end by. */
  readonly close: (drainDeadlineMs: number, reason: string) => Promise<void>;
  /** Total time allowed for a clean stop. */
  readonly shutdownDeadlineMs: number;
  readonly now?: () => number;
}

/**
 * A repeat of the same signal this soon after the first is the same request: Ctrl-C in a terminal
 * reaches the whole process group, and `npm start` forwards the SIGINT it got to the bot, which
 * already has one. A second Ctrl-C pressed later still means "exit now" (exit 1).
 */
export const SAME_SIGNAL_WITHIN_MS = 1_000;

/**
 * Runs until SIGTERM or SIGINT (or a fatal error), then shuts down in order with a deadline.
 * Resolves the exit code: 0 after a clean stop on a signal, 1 after a fatal error, a second
 * signal, or a shutdown that overran its deadline. Uncaught errors are logged with context and end
 * the same orderly way (PM2 then restarts the process).
 */
export function runUntilStopped({ logger, close, shutdownDeadlineMs, now = Date.now }: LifecycleDeps): {
  readonly exitCode: Promise<number>;
  readonly fatal: (err: unknown) => void;
  /** A clean stop (exit 0) asked by the program itself, with its reason for the stop message (e.g. `demoFinished`). */
  readonly stop: (reason: string) => void;
} {
  let resolveExit!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  let stopping = false;
  let forced = false;
  let firstSignal: { why: string; atMs: number } | undefined;
  const stop = (code: number, why: string) => {
    if (stopping && firstSignal?.why === why && now() - firstSignal.atMs < SAME_SIGNAL_WITHIN_MS) {
      logger.debug({ why }, 'repeated stop signal ignored');
      return;
    }
    if (stopping) {
      // Said once: a component failing in a loop must not bury the first error under copies.
      if (!forced) logger.error({ why }, 'second stop request, exiting now');
      forced = true;
      resolveExit(1);
      return;
    }
    stopping = true;
    if (why.startsWith('SIG')) firstSignal = { why, atMs: now() };
    logger.info({ why }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs: shutdownDeadlineMs }, 'shutdown deadline passed, exiting');
      resolveExit(1);
    }, shutdownDeadlineMs);
    deadline.unref();
    close(now() + shutdownDeadlineMs * 0.6, why).then(
      () => {
        clearTimeout(deadline);
        logger.info({ code }, 'stopped');
        // A process that stopped within the same-request window still takes the repeat npm forwards
        // (Ctrl-C reaches npm too): exiting sooner, that copy could land while node tears down its
        // signal handlers and kill it (npm then exits on SIGINT although the stop was clean).
        const lingerMs = firstSignal === undefined ? 0 : firstSignal.atMs + SAME_SIGNAL_WITHIN_MS - now();
        if (lingerMs > 0) setTimeout(() => resolveExit(code), Math.min(lingerMs, SAME_SIGNAL_WITHIN_MS));
        else resolveExit(code);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        logger.error({ err }, 'shutdown failed');
        resolveExit(1);
      },
    );
  };
  const fatal = (err: unknown) => {
    if (!forced) logger.fatal({ err }, 'fatal error');
    stop(1, 'fatal');
  };
  process.on('SIGTERM', () => stop(0, 'SIGTERM'));
  process.on('SIGINT', () => stop(0, 'SIGINT'));
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  return { exitCode, fatal, stop: (reason) => stop(0, reason) };
}

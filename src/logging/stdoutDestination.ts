import pino from 'pino';

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * The log lines' way to stdout: asynchronous writes, and no synchronous flush.
 *
 * pino flushes its destination synchronously after every `fatal` line and on process exit, and
 * sonic-boom's `flushSync` retries a failed write every 100 ms without end: EPIPE included, when
 * the reader of stdout died (`npm start | tee bot.log` after Ctrl-C killed tee). The main thread
 * then never returns to the event loop, so no signal is handled any more and only SIGKILL ends the
 * bot. Every exit of the bot already waits for the asynchronous flush, with a give-up timer
 * (main.ts), so the synchronous one adds nothing but that hang.
 */
export function stdoutDestination(): SonicBoom {
  const destination = pino.destination({ dest: 1, sync: false });
  destination.flushSync = () => {};
  return destination;
}

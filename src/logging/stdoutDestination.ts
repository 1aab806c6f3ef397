import pino, { type Logger } from 'pino';

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * The log lines' way to stdout: asynchronous writes, and no synchronous flush.
 *
 * pino flushes its destination synchronously after every `fatal` line and on process exit, and
 * sonic-boom's `flushSync` retries a failed write every 100 ms without end: EPIPE included, when
 * the reader of stdout died (`npm start | tee bot.log` after Ctrl-C killed tee). The main thread
 * then never returns to the event loop, so no signal is handled any more and only SIGKILL ends the
 * bot. Every exit of the bot waits instead until the queued lines are written ({@link linesWritten},
 * with a give-up timer in main.ts), so the synchronous flush adds nothing but that hang.
 */
export function stdoutDestination(): SonicBoom {
  const destination = pino.destination({ dest: 1, sync: false });
  destination.flushSync = () => {};
  return destination;
}

/** What {@link linesWritten} reads of a sonic-boom destination: whether a write is in flight or queued. */
interface WriteState {
  readonly _writing?: boolean;
  readonly _len?: number;
  once?(event: 'drain' | 'error', listener: () => void): unknown;
}

/**
 * Resolves once every line the logger queued is written to its destination, or the write failed
 * (a dead reader: the lines are lost, nothing to wait for). `logger.flush(cb)` does not wait:
 * sonic-boom calls back at once when it has no minimum write length, so a fatal line logged just
 * before `process.exit` was lost (the storage fault test saw the read-only database's error
 * vanish). Readable lines go through process.stdout, which writes a pipe or a file synchronously.
 */
export function linesWritten(logger: Logger): Promise<void> {
  const stream = (logger as unknown as Record<symbol, WriteState | undefined>)[pino.symbols.streamSym];
  if (stream?.once === undefined || (stream._writing !== true && (stream._len ?? 0) === 0)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    stream.once?.('drain', resolve);
    stream.once?.('error', resolve);
  });
}

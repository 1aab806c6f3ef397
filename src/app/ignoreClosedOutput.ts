/**
 * Makes a stdout or stderr that nobody reads any more (`npm start 2>&1 | tee bot.log` after Ctrl-C
 * killed tee, a closed terminal) cost its output only. A failed write there emits 'error' on the
 * stream (EPIPE); without a listener that is an uncaught exception, which the lifecycle treats as
 * fatal: exit 1 instead of a clean stop, or a running bot stopped for a log reader's sake. The writer
 * still learns of the failure through its write callback: the console sink's message stays in the
 * outbox and is retried with backoff; decisions and the database go on as before.
 */
export function ignoreClosedOutput(streams: readonly NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) stream.on('error', outputLost);
}

/** Named, so a listener count or a heap snapshot says what it is. */
function outputLost(): void {}

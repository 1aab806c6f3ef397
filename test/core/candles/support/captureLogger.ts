import { pino, type Logger } from 'pino';

/** A real pino logger whose JSON lines are kept for assertions. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}

/** Polls `done` on the real clock until true or the deadline passes (no fixed sleeps). */
export async function waitFor(done: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const until = performance.now() + deadlineMs;
  while (!done()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

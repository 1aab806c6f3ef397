import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { redactSecrets } from './redact.js';
import { stdoutDestination } from './stdoutDestination.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: LevelWithSilent;
  /** Secrets to scrub from every line (the Telegram token). */
  readonly secrets: readonly string[];
  /** Where lines go; stdout by default. */
  readonly destination?: DestinationStream;
}

/**
 * The one root logger of the process (made in main, passed down; components take
 * `logger.child({ component })`). Every serialized line passes through {@link redactSecrets}
 * before it is written, so a token inside an error message or a URL field never reaches a log.
 */
export function createLogger({ level, secrets, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: (line: string) => redactSecrets(line, secrets) },
    },
    destination ?? stdoutDestination(),
  );
}

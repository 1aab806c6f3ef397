import { pino, type Logger } from 'pino';

/** A logger that writes nothing: in-process benchmarks time the pipeline, not the terminal. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

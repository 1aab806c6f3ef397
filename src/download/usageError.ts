import { KlineSignalsError } from '../domain/index.js';

/**
 * A bad command line (unknown flag, missing or malformed value, stray argument). The CLI prints
 * its one-line message, which names the flag, and exits 2 before anything starts or is sent.
 */
export class UsageError extends KlineSignalsError {
  readonly code = 'USAGE';
  constructor(
    /** The flag at fault, e.g. `--from`. */
    readonly flag: string,
    detail: string,
    /** The whole line, when `flag: detail` does not read well (`unknown option '--sped' for demo`). */
    message = `${flag}: ${detail}`,
  ) {
    super(message);
  }
}

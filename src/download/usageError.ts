import { KlineSignalsError } from '../domain/index.js';

/**
 * A bad command line for `download` (unknown flag, missing or malformed value). The CLI prints
 * its one-line message, which names the flag, and exits 2 before any request is sent.
 */
export class UsageError extends KlineSignalsError {
  readonly code = 'USAGE';
  constructor(
    /** The flag at fault, e.g. `--from`. */
    readonly flag: string,
    detail: string,
  ) {
    super(`${flag}: ${detail}`);
  }
}

import { waitFor } from './waitFor.js';

/**
 * Waits until `sample()` returns the same value for `quietMs` in a row (and `ready` holds), within
 * `timeoutMs`. Used to know a drained bot has nothing left to do: same outbox, same cursors.
 */
export async function waitForQuiet(what: string, sample: () => string, ready: () => boolean, quietMs: number, timeoutMs: number): Promise<void> {
  let last = '';
  let since = performance.now();
  await waitFor(what, () => {
    const now = sample();
    if (now !== last || !ready()) {
      last = now;
      since = performance.now();
      return false;
    }
    return performance.now() - since >= quietMs;
  }, timeoutMs, 100);
}

/**
 * Polls `check` until it returns something other than undefined/false, or throws after `timeoutMs`.
 * E2E tests wait on conditions this way instead of sleeping fixed times: a fast machine finishes
 * early, a loaded one still gets its full deadline.
 */
export async function waitUntil<T>(what: string, check: () => T | undefined | false, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(everyMs);
  }
}

/** A short pause between polls (never used to wait for an outcome). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

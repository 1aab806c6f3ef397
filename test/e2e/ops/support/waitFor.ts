/**
 * Polls `check` until it returns something other than undefined/false, or throws after `timeoutMs`
 * naming `what`. Ops tests wait on conditions this way, never by sleeping a fixed time: a fast
 * machine finishes early, a loaded one still gets the whole deadline.
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(everyMs);
  }
}

/** A short pause between polls or before a deliberately random kill (never to wait for an outcome). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

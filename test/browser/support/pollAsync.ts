/**
 * Polls an async `check` until it resolves to something other than undefined/false, or throws
 * naming `what` after `timeoutMs`: waiting on a condition with a bounded deadline, never a fixed sleep.
 */
export async function pollAsync<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

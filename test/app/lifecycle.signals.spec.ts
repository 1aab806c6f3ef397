import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runUntilStopped } from '../../src/app/lifecycle.js';

const EVENTS = ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection'];
/** The process's listeners of an event (one call for signals and error events alike). */
const listenersOf = (event: string): Array<(...args: unknown[]) => void> => process.listeners(event as 'SIGINT') as Array<(...args: unknown[]) => void>;
const before = new Map(EVENTS.map((e) => [e, listenersOf(e)]));

afterEach(() => {
  for (const e of EVENTS) for (const l of listenersOf(e)) if (!before.get(e)!.includes(l)) process.off(e as 'SIGINT', l);
});

/** A lifecycle whose close() never ends, on a clock the test moves. */
function stuck(): { exitCode: Promise<number>; clock: { ms: number } } {
  const clock = { ms: 0 };
  const { exitCode } = runUntilStopped({ logger: pino({ level: 'silent' }), shutdownDeadlineMs: 60_000, now: () => clock.ms, close: () => new Promise(() => undefined) });
  return { exitCode, clock };
}

const settled = (p: Promise<number>): Promise<number | 'pending'> => Promise.race([p, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 20))]);

describe('regression: runUntilStopped and a repeated SIGINT (issue 15)', () => {
  it('the same SIGINT twice at once (the terminal and npm forwarding it) is one stop request', async () => {
    const { exitCode, clock } = stuck();
    process.emit('SIGINT');
    clock.ms += 5;
    process.emit('SIGINT');
    expect(await settled(exitCode), 'still shutting down, not exit 1').toBe('pending');
  });

  it('a second Ctrl-C a while later still exits 1 at once', async () => {
    const { exitCode, clock } = stuck();
    process.emit('SIGINT');
    clock.ms += 1_500;
    process.emit('SIGINT');
    expect(await settled(exitCode)).toBe(1);
  });
});

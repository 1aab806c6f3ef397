import { describe, expect, it } from 'vitest';
import { progressFor } from '../../../src/backtest/console/progressBar.js';

/** A stream that records what was written, and a clock the test moves. */
function fakes(isTTY: boolean) {
  const written: string[] = [];
  let nowMs = 0;
  return {
    stream: { isTTY, write: (s: string) => written.push(s) },
    now: () => nowMs,
    advance: (ms: number) => (nowMs += ms),
    written,
  };
}

describe('progressFor (the backtest progress bar)', () => {
  it('stays hidden for the first second, then draws the label, the share replayed and an ETA in place', () => {
    const f = fakes(true);
    const bar = progressFor('seed, memory on', { stream: f.stream, now: f.now, width: 10 });
    f.advance(900);
    bar.update(30, 100);
    expect(f.written, 'nothing before 1 s').toEqual([]);
    f.advance(600);
    bar.update(50, 100);
    // 1.5 s for half the candles: about 1.5 s left, rounded to 2 s.
    expect(f.written, 'one line redrawn with \\r').toEqual(['\rseed, memory on  [#####·····]   50 %  about 2 s left\x1b[K']);
    bar.done();
    expect(f.written.at(-1), 'the line is cleared at the end, leaving the table clean').toBe('\r\x1b[K');
  });

  it('writes nothing at all off a terminal', () => {
    const f = fakes(false);
    const bar = progressFor('seed, memory on', { stream: f.stream, now: f.now });
    f.advance(5000);
    bar.update(10, 100);
    bar.done();
    expect(f.written, 'a pipe or a log file gets no bar').toEqual([]);
  });

  it('a run under a second never shows a bar and leaves nothing to clear', () => {
    const f = fakes(true);
    const bar = progressFor('confluence, memory off', { stream: f.stream, now: f.now });
    f.advance(400);
    bar.update(100, 100);
    bar.done();
    expect(f.written).toEqual([]);
  });
});

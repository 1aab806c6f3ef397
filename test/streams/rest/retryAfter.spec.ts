import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src/streams/rest/retryAfter.js';

describe('retryAfterMs', () => {
  it('reads whole seconds and rejects what is not a number', () => {
    expect(retryAfterMs('1'), 'one second').toBe(1000);
    expect(retryAfterMs('0'), 'zero').toBe(0);
    expect(retryAfterMs(undefined), 'absent').toBeUndefined();
    expect(retryAfterMs(''), 'empty').toBeUndefined();
    expect(retryAfterMs('soon'), 'garbage').toBeUndefined();
  });
});

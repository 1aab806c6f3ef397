import { describe, expect, it } from 'vitest';
import { BinanceApiError, IpBannedError, TransientError } from '../../../src/domain/index.js';
import { refusalStatus, toRestError } from '../../../src/streams/rest/restErrors.js';
import { toldAsOutage } from '../../../src/streams/rest/toldAsOutage.js';

/** What axios throws for an HTTP answer, as far as toRestError reads it. */
function axiosAnswer(status: number): unknown {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    isAxiosError: true, code: 'ERR_BAD_RESPONSE', response: { status, headers: {}, data: {} },
  });
}

const label = { method: 'GET', path: '/fapi/v1/klines' };

describe('toldAsOutage', () => {
  it('is true for what the OutageLog speaks for: refusing answers and network failures, also wrapped', () => {
    const http503 = toRestError(axiosAnswer(503), label);
    expect(http503, 'still a transient failure for the retries').toBeInstanceOf(TransientError);
    expect(refusalStatus(http503)).toBe(503);
    expect(toldAsOutage(http503)).toBe(true);
    expect(toldAsOutage(toRestError(axiosAnswer(429), label))).toBe(true);
    expect(toldAsOutage(new IpBannedError(Date.UTC(2026, 11, 7, 13)))).toBe(true);
    expect(toldAsOutage(toRestError(axiosAnswer(403), label)), 'the web firewall blocking this IP').toBe(true);
    expect(toldAsOutage(new Error('backfill failed', { cause: toRestError(axiosAnswer(502), label) })), 'wrapped').toBe(true);
    expect(toldAsOutage(new TransientError('GET /fapi/v1/time failed: ECONNREFUSED', { cause: { code: 'ECONNREFUSED' } }))).toBe(true);
  });

  it('is false for what the caller must say itself: a wrong request, a bad answer, a bug', () => {
    const http400 = toRestError(axiosAnswer(400), label);
    expect(http400).toBeInstanceOf(BinanceApiError);
    expect(toldAsOutage(http400)).toBe(false);
    expect(toldAsOutage(new TransientError('unexpected kline row'))).toBe(false);
    expect(toldAsOutage(new TypeError('x is undefined'))).toBe(false);
  });
});

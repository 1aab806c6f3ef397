import { describe, expect, it } from 'vitest';
import { klinesWeight } from '../../src/streams/rest/endpointWeights.js';
import { cheapestPageLimit, KLINE_PAGE_LIMITS, pageLimitFor, weightPerRow } from '../../src/download/pageLimit.js';

describe('page size by request weight', () => {
  it('the chosen page is at least as cheap per row as every limit Binance accepts', () => {
    const chosen = cheapestPageLimit();
    for (let limit = 1; limit <= 1500; limit += 1) {
      expect(weightPerRow(chosen), `limit ${limit} must not be cheaper per row than ${chosen}`).toBeLessThanOrEqual(klinesWeight(limit) / limit);
    }
    expect(chosen, 'the 499 band: weight 2 for 499 rows beats 5/1000 and 10/1500').toBe(499);
  });

  it('1500-row pages cost more per row than 499-row pages (why not the max limit)', () => {
    expect(weightPerRow(1500), '10/1500').toBeGreaterThan(weightPerRow(499));
    expect(weightPerRow(1000), '5/1000').toBeGreaterThan(weightPerRow(499));
  });

  it('a short last page takes the weight-1 band, a long one the cheapest full page', () => {
    expect(klinesWeight(pageLimitFor(40)), '40 rows fit a weight-1 page').toBe(1);
    expect(pageLimitFor(40), 'and the page still holds them').toBeGreaterThanOrEqual(40);
    expect(pageLimitFor(99), '99 rows fit the weight-1 band exactly').toBe(99);
    expect(pageLimitFor(100), '100 rows need the next band').toBe(cheapestPageLimit());
    expect(pageLimitFor(100_000), 'a long range pages at the cheapest size').toBe(cheapestPageLimit());
    expect(KLINE_PAGE_LIMITS.every((l) => l >= 1 && l <= 1500), 'every candidate is a limit Binance accepts').toBe(true);
  });
});

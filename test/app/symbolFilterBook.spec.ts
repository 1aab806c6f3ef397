import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { SymbolFilterBook } from '../../src/app/symbolFilterBook.js';
import { createBinanceRest, type BinanceRest } from '../../src/streams/binanceRest.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';

const logger = pino({ level: 'silent' });
let sim: Simulator;
let rest: BinanceRest;

beforeAll(async () => {
  sim = await startSimulator({ data: new URL('../../examples/klines', import.meta.url).pathname, logger });
  rest = createBinanceRest({ baseUrl: sim.restUrl, logger });
});
afterAll(async () => {
  await rest.close();
  await sim.close();
});

describe('SymbolFilterBook', () => {
  it('regression: reads LOT_SIZE and PRICE_FILTER through the REST client, so live sizing is rounded', async () => {
    const book = new SymbolFilterBook(logger);
    book.update(await rest.exchangeInfo());
    const btc = book.filters('BTCUSDT');
    expect(btc.stepSize, 'the REST client once dropped `filters` while parsing exchangeInfo').toBeGreaterThan(0);
    expect(btc.tickSize).toBeGreaterThan(0);
    expect(book.tickSizes()['BTCUSDT']).toBe(btc.tickSize);
    expect(book.filters('NOPEUSDT').stepSize, 'unknown symbols size without rounding').toBe(0);
  });
});

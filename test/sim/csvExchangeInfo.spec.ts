import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExchangeInfoFilters, EXCHANGE_INFO_FILE } from '../../src/backtest/exchangeFilters.js';
import { loadKlineFolder } from '../../src/csv/klineCsv.js';
import { csvExchangeInfo } from '../../src/sim/csvExchangeInfo.js';
import { EXAMPLES_DIR } from '../backtest/support/backtestCli.js';

/**
 * examples/klines/exchangeInfo.json is the simulator's exchangeInfo for the examples, so a
 * backtest of them sizes as the bot does against `npm run sim`. Set UPDATE_EXAMPLE_EXCHANGE_INFO=1
 * to rewrite it after changing the simulator's filters.
 */
describe('examples/klines/exchangeInfo.json', () => {
  it('is the simulator exchangeInfo of the example symbols', () => {
    const path = join(EXAMPLES_DIR, EXCHANGE_INFO_FILE);
    const body = csvExchangeInfo(loadKlineFolder(EXAMPLES_DIR));
    const text = `${JSON.stringify(body, null, 2)}\n`;
    if (process.env.UPDATE_EXAMPLE_EXCHANGE_INFO === '1') writeFileSync(path, text);
    expect(readFileSync(path, 'utf8'), 'bundled file = simulator filters').toBe(text);
    const filters = parseExchangeInfoFilters(text, path);
    expect([...filters.keys()], 'the example symbols only').toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(filters.get('BTCUSDT'), 'BTCUSDT as on Binance: tick 0.1, step 0.001, min notional 100').toEqual({ tickSize: 0.1, stepSize: 0.001, minQty: 0.001, minNotional: 100 });
  });
});

import { describe, expect, it } from 'vitest';
import { MinimumSizeWatch } from '../../src/app/minimumSizeWatch.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/core/models/modelConfig.js';
import { minimumSizeShortfall, typicalStopFraction } from '../../src/core/risk/minimumSize.js';
import type { Interval, Kline } from '../../src/domain/kline.js';
import { htmlToPlainText, parseTelegramHtml } from '../../src/sinks/telegram/templates/html.js';
import { renderMinimumSizeNotice } from '../../src/sinks/telegram/templates/minimumSizeMessage.js';
import { leaks } from '../sinks/wording/identifiers.js';

const DAY = 86_400_000;
const BTC = { tickSize: 0.1, stepSize: 0.001, minQty: 0.001, minNotional: 100 };

/** `n` daily candles around `price` whose true range is `rangePct` of it. */
function candles(symbol: string, price: number, rangePct: number, n = 120): Kline[] {
  return Array.from({ length: n }, (_, i) => ({
    symbol, interval: '1d' as Interval, openTimeMs: i * DAY, closeTimeMs: (i + 1) * DAY - 1, open: price,
    high: price * (1 + rangePct / 200), low: price * (1 - rangePct / 200), close: price, volume: 1, quoteVolume: 1, trades: 1, closed: true,
  }));
}

describe('minimum size at the configured risk', () => {
  it('the typical stop is the median ATR-based stop; the shortfall says the balance and risk that clear it', () => {
    const stop = typicalStopFraction(candles('BTCUSDT', 100_000, 4), 1.5)!;
    expect(stop, '1.5 ATR of a 4 % range').toBeCloseTo(0.06, 6);
    // 1000 USDT at 1 %: 10 USDT over a 6,000 USDT stop is 0.00166 → 0.001 BTC, 100 USDT: just enough.
    expect(minimumSizeShortfall({ price: 100_000, stopFraction: stop, equityUsdt: 1000, riskPct: 1, filters: BTC })).toBeUndefined();
    const short = minimumSizeShortfall({ price: 100_000, stopFraction: stop, equityUsdt: 500, riskPct: 1, filters: BTC })!;
    expect(short, 'below MIN_QTY at 500 USDT').toMatchObject({ quantity: 0, minQuantity: 0.001 });
    expect(short.neededEquityUsdt, '0.001 BTC × 6,000 USDT stop = 6 USDT = 1 % of 600').toBeCloseTo(600, 6);
    expect(short.neededRiskPct, 'or 1.2 % of 500').toBeCloseTo(1.2, 6);
  });

  it('warns once at start, again only when a balance change changes the list, and new symbols at most once a day', () => {
    const series: Record<string, Kline[]> = { BTCUSDT: candles('BTCUSDT', 100_000, 4), ETHUSDT: candles('ETHUSDT', 3_000, 4), SOLUSDT: candles('SOLUSDT', 150, 4) };
    const filters = { BTCUSDT: BTC, ETHUSDT: { tickSize: 0.01, stepSize: 0.001, minQty: 0.001, minNotional: 20 }, SOLUSDT: { tickSize: 0.01, stepSize: 1, minQty: 1, minNotional: 5 } } as const;
    const watch = new MinimumSizeWatch({
      candles: (s) => series[s] ?? [], filters: (s) => filters[s as keyof typeof filters], profile: 'seed', models: DEFAULT_MODEL_CONFIG, riskPct: 1,
    });
    const t = 200 * DAY;
    const two = new Set(['BTCUSDT', 'ETHUSDT']);
    expect(watch.onCandle('BTCUSDT', t, 500, two), 'ETH has had no candle yet: its history may not be stored').toBeUndefined();
    const start = watch.onCandle('ETHUSDT', t, 500, two);
    expect(start?.kind, 'every symbol watched at start has had its candle: the start notice').toBe('start');
    expect(start?.items.map((i) => `${i.symbol} ${i.interval}`), 'BTC on every interval the seed profile signals on').toEqual(['BTCUSDT 1d', 'BTCUSDT 4h', 'BTCUSDT 30m']);
    expect(watch.onCandle('ETHUSDT', t, 500, two), 'the same start: nothing more').toBeUndefined();
    expect(watch.onCandle('BTCUSDT', t + 1, 510, two), 'a balance change that changes nothing is not told').toBeUndefined();
    expect(watch.onCandle('BTCUSDT', t + 2, 700, two), 'BTC clears at 700: nothing to warn about').toBeUndefined();
    expect(watch.onCandle('BTCUSDT', t + 3, 400, two), 'BTC short again after a loss: told already, not repeated').toBeUndefined();
    const drop = watch.onCandle('BTCUSDT', t + 4, 100, two);
    expect(drop?.kind, 'at 100 USDT ETH falls short too: told, with the whole list').toBe('balance');
    expect(drop?.items.map((i) => i.symbol)).toEqual(['BTCUSDT', 'BTCUSDT', 'BTCUSDT', 'ETHUSDT', 'ETHUSDT', 'ETHUSDT']);
    const three = new Set([...two, 'SOLUSDT']);
    const joined = watch.onCandle('SOLUSDT', t + 5, 100, three);
    expect(joined, 'SOL joined and is short (1 SOL minimum): told as new').toMatchObject({ kind: 'new', items: [{ symbol: 'SOLUSDT' }, { symbol: 'SOLUSDT' }, { symbol: 'SOLUSDT' }] });
    series.DOGEUSDT = candles('DOGEUSDT', 150, 4);
    (filters as Record<string, typeof BTC>).DOGEUSDT = filters.SOLUSDT;
    const four = new Set([...three, 'DOGEUSDT']);
    expect(watch.onCandle('DOGEUSDT', t + 6, 100, four), 'a second newcomer the same day waits').toBeUndefined();
    expect(watch.onCandle('BTCUSDT', t + DAY, 100, four)?.items.map((i) => i.symbol), 'and is told the next day').toEqual(['DOGEUSDT', 'DOGEUSDT', 'DOGEUSDT']);
    expect(watch.onCandle('BTCUSDT', t + 2 * DAY, 100, four), 'nothing left to tell').toBeUndefined();

    const texts = (['vi', 'en'] as const).map((language) => {
      const html = renderMinimumSizeNotice(start!, { language });
      expect(parseTelegramHtml(html).ok).toBe(true);
      const text = htmlToPlainText(html);
      expect(leaks(text, language), 'no program identifier').toEqual([]);
      return text;
    });
    expect(texts[1]).toContain('BTCUSDT 1d: stop ~6% → 0 BTC (min 0.001 BTC), 0.00 USDT (min 100.00 USDT); needs a balance (ACCOUNT_BALANCE) ≥ 600 USDT or risk per trade (RISK_PER_TRADE) ≥ 1.2%');
    expect(texts[1], 'says how the typical stop is measured').toContain('median ATR-based stop distance');
    expect(texts[0], 'regression: the settings named by what they are, with units').toContain('cần vốn (ACCOUNT_BALANCE) ≥ 600 USDT hoặc rủi ro mỗi lệnh (RISK_PER_TRADE) ≥ 1.2%');
    expect(texts).toMatchSnapshot();
  });

  it('does not wait for ever for a symbol that never has a candle: the start notice comes an hour of event time after the first candle', () => {
    const watch = new MinimumSizeWatch({
      candles: (s) => (s === 'BTCUSDT' ? candles('BTCUSDT', 100_000, 4) : []), filters: () => BTC, profile: 'confluence', models: DEFAULT_MODEL_CONFIG, riskPct: 1,
    });
    const watched = new Set(['BTCUSDT', 'QUIETUSDT']);
    const t = 200 * DAY;
    expect(watch.onCandle('BTCUSDT', t, 100, watched), 'QUIETUSDT has had no candle').toBeUndefined();
    expect(watch.onCandle('BTCUSDT', t + 1_800_000, 100, watched), 'still within the hour').toBeUndefined();
    expect(watch.onCandle('BTCUSDT', t + 3_600_000, 100, watched)?.items.map((i) => `${i.symbol} ${i.interval}`), 'the confluence profile signals on 30m only').toEqual(['BTCUSDT 30m']);
  });
});

import { describe, expect, it } from 'vitest';
import { dailyTallies, performanceOf, positionFigures } from '../../../src/core/outcome/positionFigures.js';
import type { OpenTrade } from '../../../src/domain/trade.js';
import { renderTradeList } from '../../../src/sinks/telegram/templates/commandReplies.js';
import { parseTelegramHtml } from '../../../src/sinks/telegram/templates/html.js';
import { renderDaily, renderOpenPositions, renderPerformance } from '../../../src/sinks/telegram/templates/positionReplies.js';
import type { Language } from '../../../src/sinks/telegram/templates/strings.js';
import { sampleTrade } from './fixtures.js';

const LANGS: readonly Language[] = ['vi', 'en'];
const H = 3_600_000;
const T0 = Date.UTC(2025, 2, 4, 12, 30);
const ticks = { BTCUSDT: 0.1, ETHUSDT: 0.01 };

function valid(html: string): string {
  const parsed = parseTelegramHtml(html);
  expect(parsed.ok, `Telegram must accept the markup: ${parsed.ok ? '' : parsed.error}`).toBe(true);
  return html;
}

const long: OpenTrade = {
  signalId: 3, symbol: 'BTCUSDT', interval: '4h', model: 'continuation', side: 'LONG', entry: 97_123.4, stopLoss: 95_666.6,
  takeProfit: 100_036.9, quantity: 0.004, openedAtMs: T0, expiresAtMs: T0 + 192 * H,
};
const short: OpenTrade = {
  signalId: 4, symbol: 'ETHUSDT', interval: '30m', model: 'reversal', side: 'SHORT', entry: 3_412.55, stopLoss: 3_480.8,
  takeProfit: 3_310.17, quantity: 0.15, openedAtMs: T0 + 2 * H, expiresAtMs: T0 + 26 * H,
};
const unpriced: OpenTrade = { ...short, signalId: 5, symbol: 'NEWUSDT', entry: 0.012345, stopLoss: 0.0126, takeProfit: 0.0119 };

describe.each(LANGS)('position replies (%s)', (language) => {
  const ctx = { language, tickSizes: ticks };

  it('/open: entry, price as of its candle, unrealised R and USDT, SL/TP moves, age; a symbol without a price says so', () => {
    const asOfMs = T0 + 27 * H + 30 * 60_000;
    const text = valid(renderOpenPositions([
      { trade: long, figures: positionFigures(long, { price: 97_812.34, asOfMs }, 5) },
      { trade: short, figures: positionFigures(short, { price: 3_431.02, asOfMs }, 5) },
      { trade: unpriced },
    ], ctx));
    expect(text, 'the LONG in profit').toContain('+0.41 R');
    expect(text, 'the SHORT against it').toContain('-0.32 R');
    expect(text, 'the time of the price').toContain(language === 'vi' ? 'lúc 16:00 UTC' : 'as of 16:00 UTC');
    expect(text).toMatchSnapshot();
  });

  it('/open with none', () => {
    expect(valid(renderOpenPositions([], ctx))).toMatchSnapshot();
  });

  it('/trades: interval, entry → exit by tick, R and USDT', () => {
    const text = valid(renderTradeList([sampleTrade(), sampleTrade({ signalId: 8, outcome: 'LOSS', rMultiple: -1.05, pnl: -10.5 })], ctx));
    expect(text, 'USDT to cents, signed').toContain('-10.50 USDT');
    expect(text).toMatchSnapshot();
  });

  it('/performance: totals, per symbol and per model', () => {
    const trades = [
      sampleTrade(),
      sampleTrade({ signalId: 8, symbol: 'BTCUSDT', model: 'continuation', side: 'LONG', outcome: 'LOSS', rMultiple: -1.0412, pnl: -10.4123 }),
      sampleTrade({ signalId: 9, symbol: 'BTCUSDT', model: 'continuation', side: 'LONG', rMultiple: 2.1, pnl: 21.337 }),
    ];
    expect(valid(renderPerformance(performanceOf(trades), 30, ctx))).toMatchSnapshot();
    expect(valid(renderPerformance(performanceOf([]), 7, ctx)), 'no trades: totals only').toMatchSnapshot();
  });

  it('/daily: one line per UTC day with equity from the starting balance', () => {
    const first = sampleTrade();
    const trades = [first, sampleTrade({ signalId: 8, exitTimeMs: first.exitTimeMs + 30 * H, rMultiple: -1, pnl: -9.87 })];
    expect(valid(renderDaily(dailyTallies(trades, 1000, first.exitTimeMs + 30 * H, 3), ctx))).toMatchSnapshot();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionFigures } from '../../src/core/outcome/positionFigures.js';
import type { OpenTrade } from '../../src/domain/trade.js';
import { renderOpenPositions } from '../../src/sinks/telegram/templates/positionReplies.js';
import { BrowserPage } from './support/browserPage.js';
import { CHROMIUM_MISSING, findChromium, launchChromium, type RunningChromium } from './support/chromium.js';
import { screenshotPath } from './support/screenshotDir.js';

const executable = findChromium();
const title = executable ? '/open as a trader reads it' : `/open as a trader reads it (${CHROMIUM_MISSING})`;
const PHONE_WIDTH = 390;
const H = 3_600_000;
const T0 = Date.UTC(2025, 6, 14, 12, 0);

const trades: OpenTrade[] = [
  { signalId: 12, symbol: 'BTCUSDT', interval: '4h', model: 'continuation', side: 'LONG', entry: 119_920, stopLoss: 116_322.4, takeProfit: 127_115.2, quantity: 0.003, openedAtMs: T0, expiresAtMs: T0 + 192 * H },
  { signalId: 13, symbol: 'ETHUSDT', interval: '30m', model: 'reversal', side: 'SHORT', entry: 3_412.55, stopLoss: 3_480.8, takeProfit: 3_310.17, quantity: 0.15, openedAtMs: T0 + 2 * H, expiresAtMs: T0 + 26 * H },
];

/**
 * The reply as Telegram shows it: its HTML (Telegram's subset is plain HTML: b, i, code, a) in a
 * chat bubble on a phone-wide page, newlines kept, in the system font.
 */
function chatPage(messageHtml: string): string {
  const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>
  body { margin: 0; background: #0e1621; font: 15px/1.35 system-ui, sans-serif; padding: 12px 8px; }
  .bubble { background: #182533; color: #f5f5f5; border-radius: 12px; padding: 8px 10px; max-width: 340px; white-space: pre-wrap; overflow-wrap: anywhere; }
  code { font-family: ui-monospace, monospace; font-size: 13.5px; }
</style>
<div class="bubble" id="msg">${messageHtml}</div></html>`;
  return `data:text/html;base64,${Buffer.from(page).toString('base64')}`;
}

let chrome: RunningChromium | undefined;

describe.skipIf(!executable)(title, () => {
  beforeAll(async () => {
    chrome = await launchChromium(executable!);
  }, 30_000);
  afterAll(async () => {
    await chrome?.close();
  });

  it('fits a phone screen in Vietnamese, every open trade with its figures, nothing cut off', async () => {
    const asOfMs = T0 + 6 * H;
    const html = renderOpenPositions(trades.map((trade, i) => ({
      trade, figures: positionFigures(trade, { price: i === 0 ? 121_480.5 : 3_431.02, asOfMs }, 5),
    })), { language: 'vi', tickSizes: { BTCUSDT: 0.1, ETHUSDT: 0.01 } });
    const page = await BrowserPage.open(chrome!, PHONE_WIDTH);
    try {
      await page.navigate(chatPage(html));
      const text = await page.evaluate<string>(`document.getElementById('msg').innerText`);
      expect(text, 'both trades are listed').toMatch(/BTCUSDT[\s\S]*ETHUSDT/);
      expect(text, 'the time of the price, in UTC').toContain('lúc 18:00 UTC');
      expect(text, 'no program identifier').not.toMatch(/continuation|reversal|\bLONG_|signalId|undefined|NaN/);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'nothing wider than the phone').toBeLessThanOrEqual(PHONE_WIDTH);
      await page.screenshotFullPage(screenshotPath('telegram-open.png'));
    } finally {
      await page.close();
    }
  }, 30_000);
});

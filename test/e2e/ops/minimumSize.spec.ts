import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRun, killAllBots } from './support/botRun.js';
import { ALERT_CHAT, startStage, type Stage } from './support/opsStage.js';
import { waitFor } from './support/waitFor.js';

/**
 * At 100 USDT and 0.1 % a trade risks 0.10 USDT: BTCUSDT (min 0.001 BTC, 100 USDT on the simulator)
 * cannot be traded, the others (min 5 USDT) may. The bot says so once, with the fix, before any refusal.
 */
describe('the warning about symbols below the exchange minimum, against the running bot', () => {
  let stage: Stage;
  let bot: BotRun;

  beforeAll(async () => {
    // 1800×: the start notice waits at most an hour of event time for the symbols still warming up,
    // 2 s of wall time here; at 7200× (0.5 s) a loaded machine sent it before ETH and SOL were in.
    stage = await startStage({ speed: 1_800 });
    bot = new BotRun(stage.env({ ACCOUNT_BALANCE: '100', RISK_PER_TRADE: '0.1' }));
    await bot.waitForLog('kline-signals started', 20_000);
  }, 60_000);

  afterAll(async () => {
    await killAllBots();
    await stage?.close();
  });

  it('names BTCUSDT with its typical stop and the balance or risk that would do, once', async () => {
    const { fake } = stage;
    const warning = await waitFor('the warning', () => fake.messages.find((m) => m.chatId === ALERT_CHAT && m.plainText.includes('cannot be traded at the configured risk')), 60_000);
    expect(warning.plainText, 'how the typical stop is measured').toContain('median ATR-based stop distance');
    expect(warning.plainText, 'BTC and its fix').toMatch(/BTCUSDT 30m: stop ~[\d.]+% → [\d.]+ BTC \(min 0\.001 BTC\), [\d.]+ USDT \(min 100\.00 USDT\); needs a balance \(ACCOUNT_BALANCE\) ≥ \d+ USDT or risk per trade \(RISK_PER_TRADE\) ≥ [\d.]+%/);
    expect(warning.plainText, 'the symbols watched from the start are in the start notice, even those whose history came later').toMatch(/ETHUSDT 1d[^]*SOLUSDT 1d/);
    await bot.waitForLog('symbols below the exchange minimum at the configured risk', 5_000);
    // Trades close and the balance moves: the list stays the same, so nothing is repeated.
    const before = fake.messages.length;
    await waitFor('more messages (signals, results)', () => fake.messages.length >= before + 5, 60_000);
    const told = fake.messages.filter((m) => m.plainText.includes('cannot be traded at the configured risk'));
    expect(fake.messages.filter((m) => m.plainText.includes('New symbols')), 'no symbol joined: none told as new').toEqual([]);
    expect(told.length, `told once: ${told.map((m) => m.plainText).join('\n---\n')}`).toBe(1);
  }, 150_000);
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotRun, killAllBots } from './support/botRun.js';
import { auditDeliveries, queryNumber } from './support/deliveryAudit.js';
import { ALERT_CHAT, startStage, type Stage } from './support/opsStage.js';
import { waitFor } from './support/waitFor.js';
import { SAME_SIGNAL_WITHIN_MS } from '../../../src/app/lifecycle.js';

const PENDING_SQL = `SELECT COUNT(*) FROM outbox WHERE status = 'pending'`;

/** Failed sends the bot logged with this code (`network`, `500`, …). */
function failuresWith(bot: BotRun, code: string): number {
  return bot.logs.filter((e) => (e.msg === 'telegram send failed, retrying' || e.msg === 'telegram rate limited') && e.code === code).length;
}

describe('Telegram outage: refused, 5xx, 429, then recovery and shutdown', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage({ speed: 7_200 });
  });
  afterEach(async () => {
    await killAllBots();
  });
  afterAll(async () => {
    await stage?.close();
  });

  it('delivers every message exactly once at Telegram pace, then SIGTERM drains the outbox and exits 0 within 10 s', async () => {
    const { fake } = stage;
    const bot = new BotRun(stage.env());
    await bot.waitForLog('kline-signals started', 20_000);
    await waitFor('first deliveries', () => fake.messages.length >= 2, 40_000);

    await fake.stopListening();
    await waitFor('two refused sends', () => failuresWith(bot, 'network') >= 2, 20_000);
    await fake.resumeListening();
    fake.failNext({ status: 500 });
    fake.failNext({ status: 502 });
    fake.failNext({ status: 429, retryAfter: 2 });
    await waitFor('500, 502 and 429 answered', () => failuresWith(bot, '500') >= 1 && failuresWith(bot, '502') >= 1 && failuresWith(bot, '429') >= 1, 30_000);
    const afterOutage = fake.messages.length;
    await waitFor('deliveries after the outage', () => fake.messages.length >= afterOutage + 2, 30_000);

    // No new candles from here: whatever is pending is the drain's work.
    stage.sim.stall(120_000);
    await waitFor('a short backlog', () => queryNumber(stage.dbPath, PENDING_SQL) <= 3, 40_000, 100);
    const pendingAtStop = queryNumber(stage.dbPath, PENDING_SQL);
    const sentAt = bot.signal('SIGTERM');
    const exit = await bot.waitForExit(10_000);
    const shutdownMs = Math.round(exit.atMs - sentAt);

    const audit = auditDeliveries(stage.dbPath, fake.messages, ALERT_CHAT);
    console.log(`outage.spec: ${JSON.stringify({ delivered: fake.messages.length, outboxRows: audit.owed.length, pendingAtStop, shutdownMs, requests: fake.requests.length })}`);
    expect(exit.code, 'a SIGTERM stop is clean').toBe(0);
    expect(audit.pending, 'the drain left nothing pending').toBe(0);
    expect(audit.owed.filter((m) => m.deliveries.length !== m.sameText).map((m) => m.key), 'each outbox message delivered exactly once').toEqual([]);
    expect(audit.strays, 'nothing delivered that the outbox does not hold').toEqual([]);
    expect(audit.owed.some((m) => m.key.startsWith('lifecycle:stop:') && m.deliveries.length === 1), 'the shutdown message itself went out before the exit').toBe(true);
    expect(fake.violations, 'no pacing violation: per chat, group, or retry_after').toEqual([]);
  }, 90_000);

  it('regression: a second SIGTERM during a slow drain exits 1 at once, without waiting for the drain', async () => {
    const { fake } = stage;
    await fake.resumeListening().catch(() => undefined);
    // Counted before the spawn: the start-up message can reach the fake before the test reads the log line.
    const before = fake.messages.length;
    const bot = new BotRun(stage.env({ DB_PATH: `${stage.dbPath}.second` }));
    await bot.waitForLog('kline-signals started', 20_000);
    await waitFor('the start-up message delivered', () => fake.messages.length > before, 20_000);
    await fake.stopListening();
    const firstAt = bot.signal('SIGTERM');
    await bot.waitForLog('shutting down', 5_000);
    await waitFor('the drain failing against the refusing fake', () => failuresWith(bot, 'network') >= 1, 5_000);
    // A repeat within SAME_SIGNAL_WITHIN_MS is the same request (a terminal's Ctrl-C reaches npm and
    // the bot): the second request comes after it. The refusing fake can fail the drain sooner.
    const repeatEndsAt = firstAt + SAME_SIGNAL_WITHIN_MS + 200;
    if (performance.now() < repeatEndsAt) await new Promise((resolve) => setTimeout(resolve, repeatEndsAt - performance.now()));
    const secondAt = bot.signal('SIGTERM');
    const exit = await bot.waitForExit(10_000);
    console.log(`outage.spec: second SIGTERM → exit ${exit.code} after ${Math.round(exit.atMs - secondAt)} ms`);
    expect(exit.code, 'a second stop request exits 1').toBe(1);
    expect(bot.logs.some((e) => e.msg === 'second stop request, exiting now'), 'the bot says why it exits').toBe(true);
    expect(bot.logs.some((e) => e.msg === 'stopped'), 'it does not wait for the drain to finish').toBe(false);
    await fake.resumeListening();
  }, 60_000);
});

import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { BotRun, killAllBots } from '../../e2e/ops/support/botRun.js';
import { auditDeliveries, queryNumber } from '../../e2e/ops/support/deliveryAudit.js';
import { ALERT_CHAT, startStage } from '../../e2e/ops/support/opsStage.js';
import { waitForQuiet } from '../../e2e/ops/support/quiet.js';
import { SlowLink } from '../../e2e/ops/support/slowLink.js';
import { pause, waitFor } from '../../e2e/ops/support/waitFor.js';
import { summaryLine } from '../support/scale.js';

/** How many times the bot is SIGKILLed while signals flow (full: 20). */
export interface SigkillsSize {
  readonly kills: number;
}

/** How long the proxy holds each sendMessage answer: the window where Telegram has it and the outbox does not know. */
const REPLY_DELAY_MS = 300;

/** Outbox rows of signals and trade results (keys `signal:<id>`, `trade:<id>`, parts `#n`). */
const signalAndTradeRows = (dbPath: string): number =>
  queryNumber(dbPath, `SELECT COUNT(*) FROM outbox WHERE key LIKE 'signal:%' OR key LIKE 'trade:%'`);

interface Kill {
  readonly n: number;
  readonly moment: 'in flight' | 'random';
  readonly deliveredBefore: number;
  /** The last message the fake received before the kill: the only one a restart may repeat. */
  readonly lastText: string | undefined;
  readonly repeats: string[];
}

/**
 * SIGKILLs the bot `kills` times while signals and trade results flow to the Telegram fake (odd
 * kills inside the crash window, a sendMessage answer held by the proxy; even kills at a random
 * moment), then drains the outbox with one last run. Matching is by exact text, as in
 * test/e2e/ops/crash.spec.ts: no sent signal or closed trade undelivered, at most one repeat per kill.
 */
export async function sigkillsScenario({ kills }: SigkillsSize): Promise<string> {
  const stage = await startStage({ speed: 10_800 });
  const link = await SlowLink.start(stage.fake.apiRoot, REPLY_DELAY_MS);
  try {
    const env = stage.env({ TELEGRAM_API_ROOT: link.apiRoot });
    const { fake } = stage;
    const done: Kill[] = [];
    for (let n = 1; n <= kills; n += 1) {
      const bot = new BotRun(env);
      await bot.waitForLog('kline-signals started', 30_000);
      const owedBefore = signalAndTradeRows(stage.dbPath);
      const before = fake.messages.length;
      // Signals flow: this run wrote a new signal or trade message, and two messages went out.
      await waitFor('a new signal or trade and two deliveries in this run', () =>
        (signalAndTradeRows(stage.dbPath) > owedBefore && fake.messages.length >= before + 2) || bot.exit, 60_000, 100);
      expect(bot.exit, `run ${n} is still running before its kill`).toBeUndefined();
      const moment = n % 2 === 1 ? 'in flight' : 'random';
      if (moment === 'in flight') await waitFor('a sendMessage answer held by the proxy', () => link.heldReplies > 0, 30_000, 5);
      else await pause(randomInt(0, 1_500));
      done.push({ n, moment, deliveredBefore: fake.messages.length, lastText: fake.messages.at(-1)?.text, repeats: [] });
      bot.signal('SIGKILL');
      const exit = await bot.waitForExit(10_000);
      expect(exit.signal, `run ${n} dies by SIGKILL`).toBe('SIGKILL');
    }

    // Drain: the last run cannot reach the exchange (its clock runs on at 3 h a second, and every
    // reconnect backfill would bring new signals), so only the outbox works until it is empty.
    const last = new BotRun({ ...env, BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market' });
    await last.waitForLog('kline-signals started', 30_000);
    const pending = () => queryNumber(stage.dbPath, `SELECT COUNT(*) FROM outbox WHERE status = 'pending'`);
    const sample = () => `${fake.messages.length}/${pending()}/${queryNumber(stage.dbPath, 'SELECT SUM(end_ms) FROM scan_cursors')}`;
    await waitForQuiet('outbox drained and no new candles', sample, () => pending() === 0, 3_000, 60_000 + kills * 5_000);
    last.signal('SIGTERM');
    const lastExit = await last.waitForExit(15_000);

    const audit = auditDeliveries(stage.dbPath, fake.messages, ALERT_CHAT);
    const owed = new Map(audit.owed.map((m) => [m.key, m]));
    const keys = audit.signalAndTradeKeys;
    const lost = keys.filter((k) => (owed.get(k)?.deliveries.length ?? 0) === 0);
    let unexplained = 0;
    for (const r of audit.repeats) {
      const candidates = done.filter((k) => k.lastText === r.text && r.deliveries.some((d) => d >= k.deliveredBefore));
      candidates.slice(0, r.extra).forEach((k) => k.repeats.push(r.keys[0] as string));
      unexplained += Math.max(0, r.extra - candidates.length);
    }
    const signals = keys.filter((k) => k.startsWith('signal:')).length;
    const line = summaryLine('faults sigkill', {
      kills, signals, trades: keys.length - signals, delivered: fake.messages.filter((m) => m.chatId === ALERT_CHAT).length,
      lost: lost.length, repeats: audit.repeats.reduce((n, r) => n + r.extra, 0), maxRepeatsPerKill: Math.max(0, ...done.map((k) => k.repeats.length)),
      unexplainedRepeats: unexplained, withoutMessage: audit.signalsWithoutMessage.length + audit.tradesWithoutMessage.length, strays: audit.strays.length,
    });

    expect(lastExit.code, 'the draining run stops cleanly on SIGTERM').toBe(0);
    expect(audit.signalsWithoutMessage, 'every sent signal has its outbox message (same transaction)').toEqual([]);
    expect(audit.tradesWithoutMessage, 'every closed trade has its outbox message (same transaction)').toEqual([]);
    expect(audit.pending, 'nothing left pending after the drain').toBe(0);
    expect(audit.strays, 'the fake received nothing the outbox does not hold').toEqual([]);
    expect(keys.length, 'signals and trade results flowed during the kills (one per run at least)').toBeGreaterThanOrEqual(kills);
    expect(lost, 'every sent signal and closed trade reached Telegram').toEqual([]);
    expect(unexplained, 'every repeat is the message in flight at a kill').toBe(0);
    for (const k of done) expect(k.repeats.length, `kill #${k.n} (${k.moment}) repeats at most one message`).toBeLessThanOrEqual(1);
    return line;
  } finally {
    await killAllBots();
    await link.close();
    await stage.close();
  }
}

import { describe, expect, it } from 'vitest';
import { ChatPacer, isGroupChat } from '../../../src/sinks/telegram/chatPacer.js';
import { toDeliveryError, TelegramDeliveryError } from '../../../src/sinks/telegram/deliveryError.js';
import { TelegramError } from 'telegraf';
import { TOKEN } from './fixtures.js';

describe('ChatPacer', () => {
  const limits = { perChatGapMs: 1000, groupMax: 3, groupWindowMs: 60_000 };

  it('spaces sends to one chat by the gap, measured from the end of the last send', () => {
    const p = new ChatPacer(limits);
    expect(p.readyAtMs('42'), 'a new chat is ready').toBe(0);
    p.recordSend('42', 5000);
    expect(p.readyAtMs('42'), 'one second after the response').toBe(6000);
    expect(p.readyAtMs('43'), 'other chats are independent').toBe(0);
  });

  it('allows groupMax sends to a group per window, and honours a 429 block', () => {
    const p = new ChatPacer(limits);
    for (const t of [0, 1000, 2000]) p.recordSend('-100', t);
    expect(p.readyAtMs('-100'), 'the 4th waits for the oldest to leave the window').toBe(60_000);
    for (const t of [0, 1000, 2000]) p.recordSend('7', t);
    expect(p.readyAtMs('7'), 'a user chat has no window').toBe(3000);
    p.blockUntil('7', 45_000);
    expect(p.readyAtMs('7'), 'retry_after wins').toBe(45_000);
    expect([isGroupChat('-1001'), isGroupChat('@chan'), isGroupChat('5')], 'group ids').toEqual([true, true, false]);
  });
});

describe('toDeliveryError', () => {
  it('keeps code, description and retry_after, and drops the payload', () => {
    const raw = new TelegramError(
      { error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } },
      { method: 'sendMessage', payload: { chat_id: 1, text: `token ${TOKEN}` } },
    );
    const err = toDeliveryError(raw, [TOKEN]);
    expect([err.kind, err.status, err.retryAfterSec], 'a 429').toEqual(['rate_limited', 429, 7]);
    expect(JSON.stringify({ ...err, message: err.message, stack: err.stack }), 'nothing of the payload survives').not.toContain(TOKEN);
  });

  it('classifies 400s, 403, 5xx and network errors, redacting the token from messages', () => {
    const tg = (code: number, description: string) => toDeliveryError(new TelegramError({ error_code: code, description }), []);
    expect(tg(400, "Bad Request: can't parse entities: x").kind, 'parse').toBe('parse');
    expect(tg(400, 'Bad Request: chat not found').kind, 'chat not found').toBe('chat_not_found');
    expect(tg(400, 'Bad Request: message is too long').kind, 'other 400').toBe('bad_request');
    expect(tg(403, 'Forbidden: bot was blocked by the user').kind, '403').toBe('forbidden');
    expect(tg(502, 'Bad Gateway').kind, '5xx').toBe('server');
    const net = toDeliveryError(new Error(`request to http://127.0.0.1:1/bot${TOKEN}/sendMessage failed, reason: connect ECONNREFUSED`), [TOKEN]);
    expect([net.kind, net.status], 'network').toEqual(['network', 0]);
    expect(net.message, 'the URL lost its token').not.toContain(TOKEN);
    expect(toDeliveryError(net, []), 'idempotent').toBeInstanceOf(TelegramDeliveryError);
  });
});

describe('ChatPacer overall limit', () => {
  it('lets overallMax sends start per window over all chats, each chat still paced on its own', () => {
    const p = new ChatPacer({ perChatGapMs: 1000, groupMax: 20, groupWindowMs: 60_000, overallMax: 3, overallWindowMs: 1000 });
    expect(p.overallReadyAtMs(), 'nothing sent yet').toBe(0);
    for (const [chat, t] of [['1', 100], ['2', 200], ['3', 300]] as const) p.recordStart(t), p.recordSend(chat, t + 50);
    expect(p.overallReadyAtMs(), 'the 4th chat waits for the oldest start to leave the window').toBe(1100);
    expect(p.readyAtMs('4'), 'though that chat itself is ready').toBe(0);
    p.recordStart(1100);
    expect(p.overallReadyAtMs(), 'the window slides').toBe(1200);
  });

  it('has no overall limit unless one is set', () => {
    const p = new ChatPacer({ perChatGapMs: 1000, groupMax: 20, groupWindowMs: 60_000 });
    for (let t = 0; t < 100; t += 1) p.recordStart(t);
    expect(p.overallReadyAtMs()).toBe(0);
  });
});

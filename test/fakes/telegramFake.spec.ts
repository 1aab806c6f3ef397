import { afterEach, describe, expect, it } from 'vitest';
import { TelegramFake } from './telegramFake.js';

// Built from parts so no token-shaped literal sits in the repository (a secret scanner would flag it).
const TOKEN = ['123456789', 'AAHfakeTokenForTestsOnly_abcdefghijklmn'].join(':');
let fake: TelegramFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function call(f: TelegramFake, method: string, body: Record<string, unknown>, form = false) {
  const res = await fetch(`${f.apiRoot}/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: any; error_code?: number; description?: string; parameters?: { retry_after?: number } } };
}

/** A multipart/form-data sendPhoto as telegraf sends a Buffer: fields, and the photo as a file part. */
async function sendPhoto(f: TelegramFake, fields: Record<string, string>, photo?: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (photo) form.append('photo', new Blob([photo], { type: 'image/png' }), 'card.png');
  const res = await fetch(`${f.apiRoot}/bot${TOKEN}/sendPhoto`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: any; description?: string } };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0, 1, 2, 255, 13, 10])]);

describe('telegramFake', () => {
  it('takes sendPhoto as a multipart upload: the bytes, the file name and the caption, validated like Telegram', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    const ok = await sendPhoto(fake, { chat_id: '42', caption: '<b>BTC</b> long', parse_mode: 'HTML' }, PNG);
    expect(ok.body.result?.caption, 'the caption as read').toBe('BTC long');
    expect(ok.body.result?.photo?.length, 'a Message with photo sizes').toBe(1);
    expect(fake.messages[0]?.photo?.data.equals(PNG), 'the uploaded bytes, binary-safe').toBe(true);
    expect(fake.messages[0]).toMatchObject({ text: '<b>BTC</b> long', plainText: 'BTC long', photo: { fileName: 'card.png' } });
    expect((await sendPhoto(fake, { chat_id: '42' })).body.description, 'no photo').toBe('Bad Request: there is no photo in the request');
    expect((await sendPhoto(fake, { chat_id: '42' }, Buffer.from('not an image'))).body.description, 'not an image').toBe('Bad Request: IMAGE_PROCESS_FAILED');
    expect((await sendPhoto(fake, { chat_id: '42', caption: 'a'.repeat(1025) }, PNG)).body.description, 'caption over 1024').toBe('Bad Request: message caption is too long');
    fake.failNext({ status: 429, retryAfter: 1 });
    expect((await sendPhoto(fake, { chat_id: '42' }, PNG)).status, 'scripted failures apply to photos too').toBe(429);
    expect(fake.messages.length, 'only the valid one recorded').toBe(1);
  });

  it('speaks the envelope: case-insensitive methods, JSON and form bodies, 401 for a wrong token', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    const me = await call(fake, 'GETME', {});
    expect(me.body.result?.id, 'getMe answers with the id in the token').toBe(123456789);
    const form = await call(fake, 'sendMessage', { chat_id: '42', text: 'form body' }, true);
    expect(form.body.ok, 'form-urlencoded sendMessage is accepted').toBe(true);
    const res = await fetch(`${fake.apiRoot}/bot1:wrong/getMe`, { method: 'POST' });
    expect(res.status, 'a wrong token is Unauthorized').toBe(401);
    expect(fake.messages.map((m) => m.text), 'the form message is recorded').toEqual(['form body']);
  });

  it('answers getChat for chats the bot is in (added, or that wrote to it), 400 chat not found otherwise, 401 for a wrong token', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    expect((await call(fake, 'getChat', { chat_id: 4242 })).body, 'nobody started the bot yet').toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    fake.addChat({ id: -1009876, type: 'supergroup', title: 'Signals', is_forum: true });
    fake.addChat({ id: -1001111, type: 'channel', title: 'Feed', username: 'kline_feed' });
    fake.pushUpdate({ chatId: 4242, userId: 4242, text: '/start' });
    expect((await call(fake, 'getChat', { chat_id: '-1009876' })).body.result).toEqual({ id: -1009876, type: 'supergroup', title: 'Signals', is_forum: true });
    expect((await call(fake, 'getChat', { chat_id: '@kline_feed' })).body.result?.title, 'a channel by its @name').toBe('Feed');
    expect((await call(fake, 'getChat', { chat_id: 4242 })).body.result, 'a user who wrote to the bot').toMatchObject({ id: 4242, type: 'private' });
    const wrong = await fetch(`${fake.apiRoot}/bot123:wrong/getChat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"chat_id":4242}' });
    expect(wrong.status).toBe(401);
    const me = await fetch(`${fake.apiRoot}/bot123:wrong/getMe`, { method: 'POST' });
    expect([me.status, ((await me.json()) as { description: string }).description], 'getMe with a wrong token').toEqual([401, 'Unauthorized']);
  });

  it('validates sendMessage like Telegram: chat id, empty, too long, HTML entities', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    expect((await call(fake, 'sendMessage', { text: 'x' })).body.description, 'no chat').toBe('Bad Request: chat not found');
    expect((await call(fake, 'sendMessage', { chat_id: 1, text: '' })).body.description, 'empty').toBe('Bad Request: message text is empty');
    expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'a'.repeat(4097) })).body.description, 'too long').toBe('Bad Request: message is too long');
    const unbalanced = await call(fake, 'sendMessage', { chat_id: 1, text: '<b>x', parse_mode: 'HTML' });
    expect(unbalanced.body.description, 'an unclosed tag').toMatch(/^Bad Request: can't parse entities: /);
    const unknown = await call(fake, 'sendMessage', { chat_id: 1, text: '<x>y</x>', parse_mode: 'HTML' });
    expect(unknown.status, 'an unknown tag').toBe(400);
    const ok = await call(fake, 'sendMessage', { chat_id: 1, text: '<b>BTC</b> &gt; 64&amp;k', parse_mode: 'HTML' });
    expect(ok.body.result?.text, 'the result text is the parsed plain text').toBe('BTC > 64&k');
    const long = await call(fake, 'sendMessage', { chat_id: 1, text: `<b>${'a'.repeat(4096)}</b>`, parse_mode: 'HTML' });
    expect(long.body.ok, '4096 characters after parsing are allowed even if the HTML is longer').toBe(true);
    expect(fake.messages.length, 'only valid messages are recorded').toBe(2);
  });

  it('answers 429 and records a violation when a bot sends faster than the per-chat and group limits', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: { perChatGapMs: 60_000, groupMax: 2, groupWindowMs: 60_000 } });
    expect((await call(fake, 'sendMessage', { chat_id: 7, text: 'a' })).body.ok, 'first to a user').toBe(true);
    const second = await call(fake, 'sendMessage', { chat_id: 7, text: 'b' });
    expect(second.status, 'second within the gap').toBe(429);
    expect(second.body.parameters?.retry_after, 'retry_after tells how long').toBeGreaterThan(0);
    expect(fake.violations.map((v) => v.rule), 'recorded as a per-chat violation').toEqual(['per_chat']);
    const retried = await call(fake, 'sendMessage', { chat_id: 7, text: 'c' });
    expect(retried.status, 'sending again before retry_after is refused').toBe(429);
    expect(fake.violations.map((v) => v.rule), 'and recorded').toEqual(['per_chat', 'retry_after']);
  });

  it('counts a group window separately from the per-chat gap', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: { perChatGapMs: 0, groupMax: 2, groupWindowMs: 60_000 } });
    for (const text of ['1', '2']) expect((await call(fake, 'sendMessage', { chat_id: -100, text })).body.ok, `group send ${text}`).toBe(true);
    expect((await call(fake, 'sendMessage', { chat_id: -100, text: '3' })).status, 'third in the window').toBe(429);
    expect((await call(fake, 'sendMessage', { chat_id: 5, text: 'user' })).body.ok, 'a user chat has no window').toBe(true);
    expect(fake.violations.map((v) => `${v.rule}:${v.chatId}`), 'one group violation').toEqual(['group:-100']);
  });

  it('plays scripted failures in order, per chat when asked', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    fake.failNext({ status: 403, chatId: '9' });
    fake.failNext({ status: 429, retryAfter: 3 });
    fake.failNext({ status: 502 });
    const r429 = await call(fake, 'sendMessage', { chat_id: 1, text: 'a' });
    expect([r429.status, r429.body.parameters?.retry_after], 'the 429 with its retry_after').toEqual([429, 3]);
    expect((await call(fake, 'sendMessage', { chat_id: 2, text: 'b' })).status, 'then the 502').toBe(502);
    expect((await call(fake, 'sendMessage', { chat_id: 9, text: 'c' })).body.description, 'the 403 waits for its chat').toBe('Forbidden: bot was blocked by the user');
    expect((await call(fake, 'sendMessage', { chat_id: 2, text: 'd' })).body.ok, 'then all is well').toBe(true);
  });

  it('refuses connections while stopped and serves again on the same port', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    const root = fake.apiRoot;
    await fake.stopListening();
    const refused = await call(fake, 'getMe', {}).then(() => 'answered', (err: Error) => String((err.cause as { code?: string })?.code));
    expect(refused, 'a stopped fake refuses the connection').toBe('ECONNREFUSED');
    await fake.resumeListening();
    expect(fake.apiRoot, 'same port').toBe(root);
    expect((await call(fake, 'getMe', {})).body.ok, 'served again').toBe(true);
  });

  it('holds getUpdates while the queue is empty and honours offset', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    let answered = false;
    const poll = call(fake, 'getUpdates', { timeout: 5, offset: 0 }).then((r) => {
      answered = true;
      return r;
    });
    await fake.waitFor(() => fake!.heldPolls === 1, 'the poll to be held');
    expect(answered, 'an empty queue is not answered at once (long poll)').toBe(false);
    expect(fake.requests.length, 'nothing was answered yet').toBe(0);
    const id = fake.pushUpdate({ chatId: -100, userId: 5, text: '/status now' });
    const first = await poll;
    expect(first.body.result.map((u: { update_id: number }) => u.update_id), 'the injected update arrives').toEqual([id]);
    expect(first.body.result[0].message.entities[0], 'commands carry a bot_command entity').toEqual({ offset: 0, length: 7, type: 'bot_command' });
    const again = await call(fake, 'getUpdates', { offset: id, timeout: 0 });
    expect(again.body.result.length, 'not confirmed yet: offset = id still returns it').toBe(1);
    const confirmed = await call(fake, 'getUpdates', { offset: id + 1, timeout: 0 });
    expect(confirmed.body.result, 'offset id + 1 confirms it').toEqual([]);
  });

  it('answers replies like Telegram: reply_parameters or reply_to_message_id, 400 when the message is gone unless allowed', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    const signal = await call(fake, 'sendMessage', { chat_id: 1, text: 'signal' });
    const id = signal.body.result?.message_id as number;
    const modern = await call(fake, 'sendMessage', { chat_id: 1, text: 'result', reply_parameters: { message_id: id } });
    expect(modern.body.result?.reply_to_message?.message_id, 'reply_parameters (Bot API 7.0)').toBe(id);
    const legacy = await call(fake, 'sendMessage', { chat_id: 1, text: 'legacy', reply_to_message_id: String(id) }, true);
    expect(legacy.body.ok, 'the older reply_to_message_id, form-encoded').toBe(true);
    expect(fake.messages.map((m) => m.replyToMessageId), 'recorded').toEqual([undefined, id, id]);
    const otherChat = await call(fake, 'sendMessage', { chat_id: 2, text: 'x', reply_parameters: { message_id: id } });
    expect(otherChat.body.description, 'a message of another chat is not found').toBe('Bad Request: message to be replied not found');
    fake.deleteMessage('1', id);
    const gone = await call(fake, 'sendMessage', { chat_id: 1, text: 'late', reply_parameters: { message_id: id } });
    expect([gone.status, gone.body.description], 'deleted').toEqual([400, 'Bad Request: message to be replied not found']);
    const allowed = await call(fake, 'sendMessage', { chat_id: 1, text: 'late', reply_parameters: { message_id: id, allow_sending_without_reply: true } });
    expect([allowed.body.ok, allowed.body.result?.reply_to_message], 'allow_sending_without_reply: sent, not as a reply').toEqual([true, undefined]);
  });

  it('keeps a photo as a message a reply may point at, and takes a photo sent as a reply (multipart)', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    const card = await sendPhoto(fake, { chat_id: '1', caption: 'signal' }, PNG);
    const id = card.body.result?.message_id as number;
    expect(id, 'a message id, as for a text').toBeGreaterThan(0);
    const result = await call(fake, 'sendMessage', { chat_id: 1, text: 'result', reply_parameters: { message_id: id } });
    expect(result.body.result?.reply_to_message?.message_id, 'a reply to the photo is accepted').toBe(id);
    const photoReply = await sendPhoto(fake, { chat_id: '1', reply_parameters: JSON.stringify({ message_id: id }) }, PNG);
    expect(photoReply.body.result?.reply_to_message?.message_id, 'reply_parameters as a JSON form field').toBe(id);
    expect(fake.messages.map((m) => m.replyToMessageId)).toEqual([undefined, id, id]);
    fake.deleteMessage('1', id);
    const gone = await call(fake, 'sendMessage', { chat_id: 1, text: 'late', reply_parameters: { message_id: id } });
    expect(gone.body.description, 'a deleted photo is gone like a text').toBe('Bad Request: message to be replied not found');
  });
  it('migrates a group to a supergroup: the old id answers 400 with migrate_to_chat_id, the new one takes messages', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    fake.addChat({ id: -4005, type: 'group', title: 'Traders' });
    expect((await call(fake, 'sendMessage', { chat_id: -4005, text: 'before' })).body.ok, 'the group takes messages before').toBe(true);
    fake.migrateChat(-4005, -1004005);
    const moved = { ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1004005 } };
    const send = await call(fake, 'sendMessage', { chat_id: -4005, text: 'after' });
    expect([send.status, send.body], 'a send to the old id').toEqual([400, moved]);
    expect((await sendPhoto(fake, { chat_id: '-4005' }, PNG)).body, 'a photo too').toEqual(moved);
    expect((await call(fake, 'getChat', { chat_id: '-4005' })).body, 'getChat of the old id').toEqual(moved);
    expect((await call(fake, 'getChat', { chat_id: -1004005 })).body.result, 'the new id is a supergroup with the same title').toEqual({ id: -1004005, type: 'supergroup', title: 'Traders' });
    expect((await call(fake, 'sendMessage', { chat_id: -1004005, text: 'new home' })).body.ok, 'the new id takes messages').toBe(true);
    expect(fake.messages.map((m) => `${m.chatId} ${m.text}`), 'only the accepted ones recorded').toEqual(['-4005 before', '-1004005 new home']);
    const updates = (await call(fake, 'getUpdates', { timeout: 0 })).body.result as Array<{ message: Record<string, unknown> & { chat: { id: number } } }>;
    expect(updates.map((u) => [u.message.chat.id, u.message.migrate_to_chat_id, u.message.migrate_from_chat_id]), 'the two service messages, as Telegram sends them').toEqual([
      [-4005, -1004005, undefined], [-1004005, undefined, -4005],
    ]);
    fake.migrateChat(-4006, -1004006, { announce: false });
    expect((await call(fake, 'getUpdates', { offset: 99, timeout: 0 })).body.result, 'unannounced: no update').toEqual([]);
  });

  it('records disable_notification (JSON, form or multipart), unset when not asked', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    await call(fake, 'sendMessage', { chat_id: 1, text: 'loud' });
    await call(fake, 'sendMessage', { chat_id: 1, text: 'quiet', disable_notification: true });
    await call(fake, 'sendMessage', { chat_id: 1, text: 'quiet form', disable_notification: 'true' }, true);
    await sendPhoto(fake, { chat_id: '1', disable_notification: 'true' }, PNG);
    await call(fake, 'sendMessage', { chat_id: 1, text: 'explicitly loud', disable_notification: false });
    expect(fake.messages.map((m) => m.silent ?? false)).toEqual([false, true, true, true, false]);
  });
});

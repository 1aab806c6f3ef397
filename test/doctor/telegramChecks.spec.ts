import { afterEach, describe, expect, it } from 'vitest';
import { renderChecklist } from '../../src/doctor/check.js';
import { checkTelegram } from '../../src/doctor/telegramChecks.js';
import { TelegramFake } from '../fakes/telegramFake.js';

const TOKEN = ['123456789', 'AAHfakeTokenForDoctorTestsOnly_abcdefgh'].join(':');
let fake: TelegramFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('doctor: Telegram chats', () => {
  it('says in words that a group became a supergroup, with its new id and the setting to change, for the alert chat and a subscriber', async () => {
    fake = await TelegramFake.start({ token: TOKEN, limits: false });
    fake.addChat({ id: -4005, type: 'group', title: 'Traders' });
    fake.addChat({ id: -4006, type: 'group', title: 'Followers' });
    fake.migrateChat(-4005, -1004005);
    fake.migrateChat(-4006, -1004006);
    const checks = await checkTelegram({ token: TOKEN, apiRoot: fake.apiRoot, chatId: '-4005', subscribers: [{ chat: '-4006', language: 'vi' }] });
    expect(checks.slice(1)).toEqual([
      {
        name: 'alert chat', status: 'warn', detail: '-4005: this group was upgraded to a supergroup, its new id is -1004005',
        hint: 'set TELEGRAM_CHAT_ID to -1004005 (a running bot follows the move by itself, but only in its own database)',
        data: { chat: '-4005', movedTo: '-1004005' },
      },
      {
        name: 'subscriber chat', status: 'warn', detail: '-4006: this group was upgraded to a supergroup, its new id is -1004006',
        hint: 'in TELEGRAM_SUBSCRIBERS, replace -4006 with -1004006 (a running bot follows the move by itself, but only in its own database)',
        data: { chat: '-4006', movedTo: '-1004006' },
      },
    ]);
    const text = renderChecklist(checks);
    expect(text, 'no token in what a person reads').not.toContain(TOKEN.split(':')[1]);
    const after = await checkTelegram({ token: TOKEN, apiRoot: fake.apiRoot, chatId: '-1004005', subscribers: [] });
    expect(after[1], 'once the setting names the new id, all is well').toMatchObject({ status: 'ok', detail: '-1004005: supergroup "Traders"' });
  });
});

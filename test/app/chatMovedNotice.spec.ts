import { describe, expect, it } from 'vitest';
import { chatMovedNotice } from '../../src/app/chatMovedNotice.js';
import { htmlToPlainText } from '../../src/sinks/telegram/templates/html.js';

const AT = Date.UTC(2025, 5, 1, 8, 30);
const moves: Record<string, string> = { '-4005': '-1004005', '-4006': '-1004006', '-4007': '-1004007' };
const deps = (adminChat: string) => ({
  adminChat, subscribers: [{ chat: '-4006', language: 'vi' as const }], currentChat: (chat: string) => moves[chat] ?? chat, ctx: { language: 'en' as const },
});

describe('chatMovedNotice', () => {
  it('goes to the admin group at its new id when that is the group that moved, naming TELEGRAM_CHAT_ID', () => {
    const notice = chatMovedNotice({ fromChat: '-4005', toChat: '-1004005', atMs: AT }, deps('-4005'));
    expect(notice).toMatchObject({ key: 'chatmove:-4005', chatId: '-1004005', kind: 'lifecycle', createdAtMs: AT });
    expect(htmlToPlainText(notice!.text)).toContain('set TELEGRAM_CHAT_ID to -1004005 (instead of -4005)');
  });

  it('tells the admin chat, in the admin\'s language, about a subscriber group, naming TELEGRAM_SUBSCRIBERS', () => {
    const notice = chatMovedNotice({ fromChat: '-4006', toChat: '-1004006', atMs: AT }, deps('42'));
    expect(notice).toMatchObject({ key: 'chatmove:-4006', chatId: '42' });
    expect(htmlToPlainText(notice!.text)).toContain('A subscriber group was upgraded to a supergroup');
    expect(htmlToPlainText(notice!.text)).toContain('in TELEGRAM_SUBSCRIBERS, replace -4006 with -1004006');
  });

  it('says nothing about a chat no setting names (a command answered in some group)', () => {
    expect(chatMovedNotice({ fromChat: '-4007', toChat: '-1004007', atMs: AT }, deps('42'))).toBeUndefined();
  });
});

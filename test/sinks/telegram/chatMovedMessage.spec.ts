import { describe, expect, it } from 'vitest';
import { renderChatMoved } from '../../../src/sinks/telegram/templates/chatMovedMessage.js';
import { htmlToPlainText, parseTelegramHtml } from '../../../src/sinks/telegram/templates/html.js';
import { leaks } from '../wording/identifiers.js';

const AT = Date.UTC(2025, 5, 1, 8, 30);

describe('the notice of a group upgraded to a supergroup', () => {
  it.each(['vi', 'en'] as const)('names both ids and the setting to change, in %s, as valid Telegram HTML without program words', (language) => {
    const admin = renderChatMoved({ fromChat: '-4005', toChat: '-1004005', role: 'admin', atMs: AT }, { language });
    const sub = renderChatMoved({ fromChat: '-4006', toChat: '-1004006', role: 'subscriber', atMs: AT }, { language });
    for (const html of [admin, sub]) {
      expect(parseTelegramHtml(html).ok, 'Telegram would parse it').toBe(true);
      expect(leaks(htmlToPlainText(html), language), 'no identifiers').toEqual([]);
    }
    const a = htmlToPlainText(admin);
    expect(a).toContain(language === 'vi' ? 'Mã nhóm cũ: -4005\nMã nhóm mới: -1004005' : 'Old chat id: -4005\nNew chat id: -1004005');
    expect(a).toContain(language === 'vi' ? 'đặt TELEGRAM_CHAT_ID thành -1004005 (thay cho -4005)' : 'set TELEGRAM_CHAT_ID to -1004005 (instead of -4005)');
    expect(a, 'stamped like the other lifecycle messages').toContain('2025-06-01 08:30 UTC');
    expect(htmlToPlainText(sub)).toContain(language === 'vi' ? 'trong TELEGRAM_SUBSCRIBERS, thay -4006 bằng -1004006' : 'in TELEGRAM_SUBSCRIBERS, replace -4006 with -1004006');
    expect(a, 'the admin notice is not the subscriber one').not.toContain('TELEGRAM_SUBSCRIBERS');
  });
});

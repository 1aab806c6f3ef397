import { describe, expect, it } from 'vitest';
import { renderCatchUpDone, renderLongStopNotice } from '../../../src/sinks/telegram/templates/catchUpMessage.js';
import { htmlToPlainText } from '../../../src/sinks/telegram/templates/html.js';

const STOP = Date.UTC(2025, 5, 19, 10, 30);
const DAY = 86_400_000;

describe('catch-up messages', () => {
  it('tell a long stop in words, in both languages: how long, since when, what was not replayed, the trades closed', () => {
    const notice = { stoppedAtMs: STOP, resumedAtMs: STOP + 17 * DAY + 3_600_000, maxDays: 14, tradesClosed: 3 };
    expect(htmlToPlainText(renderLongStopNotice(notice, { language: 'en' }))).toBe([
      '⏸ The bot was stopped for a long time',
      'Stopped for 17d 1h, since 2025-06-19 10:30 UTC.',
      'The candles before 2025-07-06 11:30 UTC were not replayed (a restart catches up at most 14 days): no signals or results for that time.',
      '3 open trades were closed as expired at the last price before the stop.',
    ].join('\n'));
    const vi = htmlToPlainText(renderLongStopNotice(notice, { language: 'vi' }));
    expect(vi).toContain('Đã dừng 17 ngày 1 giờ, từ 2025-06-19 10:30 UTC.');
    expect(vi).toContain('3 lệnh đang mở đã được đóng');
  });

  it('sum up a catch-up in one message, without program words', () => {
    const done = { fromMs: STOP, throughMs: STOP + 16 * DAY, days: 16, signalsRecorded: 7, tradesClosed: 12 };
    for (const language of ['en', 'vi'] as const) {
      const text = htmlToPlainText(renderCatchUpDone(done, { language }));
      expect(text, language).toMatch(/16\D[\s\S]*7\D[\s\S]*12\D/);
      expect(text, `${language}: no identifiers`).not.toMatch(/undefined|NaN|catch_?up|[a-z][A-Z]/);
    }
  });
});

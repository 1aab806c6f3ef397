import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { framedMessage } from '../../../src/sinks/telegram/consoleFrame.js';
import { consoleTransport } from '../../../src/sinks/telegram/transport.js';

function collector() {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { out, text: () => text };
}

describe('the console sink on a terminal', () => {
  it('frames each message so it stands apart from log lines (no right border: emoji widths vary)', () => {
    expect(framedMessage('🚀 kline-signals đã khởi động\nChế độ: live', { colors: false })).toBe(
      [
        `╭─ Telegram message ${'─'.repeat(36)}`,
        '│ 🚀 kline-signals đã khởi động',
        '│ Chế độ: live',
        `╰${'─'.repeat(55)}`,
        '',
      ].join('\n'),
    );
    expect(framedMessage('x', { colors: true }), 'the frame in colour, not the text').toContain('\u001b[36m│\u001b[0m x');
  });

  it('prints framed blocks when asked, plain text otherwise (JSON logs, pipes)', async () => {
    const framed = collector();
    await consoleTransport(framed.out, undefined, { colors: false }).send({ chatId: 'console', text: '<b>hi</b>', parseMode: 'HTML' });
    expect(framed.text()).toBe(`╭─ Telegram message ${'─'.repeat(36)}\n│ hi\n╰${'─'.repeat(55)}\n`);
    const plain = collector();
    await consoleTransport(plain.out).send({ chatId: 'console', text: '<b>hi</b>', parseMode: 'HTML' });
    expect(plain.text()).toBe('hi\n\n');
  });
});

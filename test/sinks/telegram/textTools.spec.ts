import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../../src/sinks/telegram/templates/splitMessage.js';
import { escapeAttr, escapeHtml, htmlToPlainText, parseTelegramHtml } from '../../../src/sinks/telegram/templates/html.js';
import { decimalsOfStep, formatDuration, formatPrice, formatSignificant, formatSigned } from '../../../src/sinks/telegram/templates/format.js';
import { renderSignalList } from '../../../src/sinks/telegram/templates/commandReplies.js';
import { sampleSignal } from './fixtures.js';

describe('splitMessage', () => {
  it('keeps a message within the limit whole', () => {
    expect(splitMessage('a\nb', 4096), 'short text is one part').toEqual(['a\nb']);
  });

  it('splits a long list at line boundaries, every part ≤ 4096 and valid HTML, nothing lost', () => {
    const signals = Array.from({ length: 60 }, (_, i) => sampleSignal({ symbol: `SYM${i}USDT`, endMs: sampleSignal().endMs + i * 1_800_000 }));
    const html = renderSignalList(signals, { language: 'vi' }).repeat(1) + '\n' + renderSignalList(signals, { language: 'en' });
    expect(html.length, 'the fixture really is over the limit').toBeGreaterThan(4096);
    const parts = splitMessage(html);
    expect(parts.length, 'more than one message').toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length, 'each part fits Telegram').toBeLessThanOrEqual(4096);
      expect(parseTelegramHtml(part).ok, 'each part parses on its own').toBe(true);
    }
    expect(parts.join('\n'), 'joining the parts gives the original: never cut inside a line').toBe(html);
  });

  it('breaks a single over-long line at a space, and never inside an entity', () => {
    const words = splitMessage(`${'word '.repeat(30)}end`, 50);
    expect(words.every((p) => p.length <= 50), 'parts fit').toBe(true);
    expect(words.join(' '), 'words are kept whole').toBe(`${'word '.repeat(30)}end`);
    const entities = splitMessage('&amp;'.repeat(30), 12);
    expect(entities.every((p) => /^(&amp;)+$/.test(p)), `entities kept whole: ${entities.join('|')}`).toBe(true);
  });
});

describe('html', () => {
  it('escapes text and attributes and reads back the plain text', () => {
    expect(escapeHtml('a<b>&c'), 'text').toBe('a&lt;b&gt;&amp;c');
    expect(escapeAttr('x"y'), 'attribute quotes').toBe('x&quot;y');
    expect(htmlToPlainText('<b>A &lt; B</b> &amp; <a href="u">C</a> &#65;'), 'tags stripped, entities decoded').toBe('A < B & C A');
  });

  it('refuses what Telegram refuses', () => {
    for (const bad of ['<b>x', 'x</b>', '<b><i>x</b></i>', '<div>x</div>', 'a & b', 'a < b', '&nbsp;']) {
      expect(parseTelegramHtml(bad).ok, `refused: ${bad}`).toBe(false);
    }
    expect(parseTelegramHtml('<a href="https://x?a=1&amp;b=2">l</a>'), 'a link with an escaped attribute').toEqual({ ok: true, text: 'l' });
  });
});

describe('format', () => {
  it('rounds prices to the tick size and falls back to significant digits', () => {
    expect(decimalsOfStep(0.001), 'step 0.001').toBe(3);
    expect(decimalsOfStep(1e-7), 'step 1e-7').toBe(7);
    expect(formatPrice(94321.2345, 0.1), 'BTC tick').toBe('94321.2');
    expect(formatPrice(1.23456, 0.0005), 'a tick that is not a power of ten').toBe('1.2345');
    expect(formatPrice(94321.2345), 'no tick: 6 significant digits').toBe('94321.2');
    expect(formatSignificant(0.000012345678), 'tiny: no exponent').toBe('0.0000123457');
    expect(formatSigned(0), 'zero has a plus').toBe('+0.00');
    expect(formatDuration(26 * 3_600_000 + 5 * 60_000, { day: 'd', hour: 'h', minute: 'm' }), 'duration').toBe('1d 2h 5m');
  });
});

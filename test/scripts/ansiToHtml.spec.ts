import { describe, expect, it } from 'vitest';
import { ansiToHtmlPage, ansiToSpans } from '../../scripts/ansiToHtml.js';

describe('ansiToSpans (the console screenshots)', () => {
  it('turns SGR colours into styled spans and escapes the text', () => {
    expect(ansiToSpans('\u001b[33mWARN \u001b[0m <b> & \u001b[1;31mERR\u001b[0m')).toBe(
      '<span style="color:#f5f543">WARN </span> &lt;b&gt; &amp; <span style="color:#f14c4c;font-weight:bold">ERR</span>',
    );
  });

  it('knows 256 colours and truecolour, dim and reverse, and drops other escapes', () => {
    expect(ansiToSpans('\u001b[38;5;196mx')).toBe('<span style="color:rgb(255,0,0)">x</span>');
    expect(ansiToSpans('\u001b[48;2;1;2;3my')).toBe('<span style="background:rgb(1,2,3)">y</span>');
    expect(ansiToSpans('\u001b[2mdim\u001b[22m plain')).toBe('<span style="opacity:0.6">dim</span> plain');
    expect(ansiToSpans('\u001b[7mr')).toBe('<span style="color:#1e1e1e;background:#d4d4d4">r</span>');
    expect(ansiToSpans('\u001b[2K\u001b[?25la\u001b]0;title\u0007b')).toBe('ab');
  });

  it('makes a page with the text NFC-normalised (Vietnamese marks on their letter)', () => {
    const page = ansiToHtmlPage('Che\u0302\u0301 đô\u0323', { title: 't', fontPx: 14 });
    expect(page).toContain('<pre>Chế độ</pre>');
  });
});

/**
 * Terminal text with ANSI colours (as `tmux capture-pane -e -p` gives it) as an HTML page that looks
 * like the terminal: for the console screenshots (scripts/console-screenshots.ts). Handles what
 * terminals and tmux emit for text: SGR reset, bold, dim, italic, underline, reverse, the 8/16
 * colours, 256 colours and truecolour, foreground and background. Other escapes are dropped.
 */

/** xterm's 16 colours, as a dark terminal theme shows them. */
const BASIC = [
  '#1e1e1e', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#cccccc',
  '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
];
export const FOREGROUND = '#d4d4d4';
export const BACKGROUND = '#1e1e1e';

interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  reverse?: boolean;
}

function color256(n: number): string {
  if (n < 16) return BASIC[n]!;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (c: number) => (c === 0 ? 0 : 55 + c * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

/** Applies one SGR parameter list (`1;33`) to a style. */
function applySgr(style: Style, params: number[]): Style {
  let s: Style = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) s = {};
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.reverse = true;
    else if (p === 22) s.bold = s.dim = false;
    else if (p === 23) s.italic = false;
    else if (p === 24) s.underline = false;
    else if (p === 27) s.reverse = false;
    else if (p >= 30 && p <= 37) s.fg = BASIC[p - 30];
    else if (p >= 90 && p <= 97) s.fg = BASIC[p - 90 + 8];
    else if (p >= 40 && p <= 47) s.bg = BASIC[p - 40];
    else if (p >= 100 && p <= 107) s.bg = BASIC[p - 100 + 8];
    else if (p === 39) delete s.fg;
    else if (p === 49) delete s.bg;
    else if (p === 38 || p === 48) {
      const key = p === 38 ? 'fg' : 'bg';
      if (params[i + 1] === 5) {
        s[key] = color256(params[i + 2] ?? 0);
        i += 2;
      } else if (params[i + 1] === 2) {
        s[key] = `rgb(${params[i + 2] ?? 0},${params[i + 3] ?? 0},${params[i + 4] ?? 0})`;
        i += 4;
      }
    }
  }
  return s;
}

function css(style: Style): string {
  const fg = style.reverse ? (style.bg ?? BACKGROUND) : style.fg;
  const bg = style.reverse ? (style.fg ?? FOREGROUND) : style.bg;
  return [
    fg ? `color:${fg}` : '',
    bg ? `background:${bg}` : '',
    style.bold ? 'font-weight:bold' : '',
    style.dim ? 'opacity:0.6' : '',
    style.italic ? 'font-style:italic' : '',
    style.underline ? 'text-decoration:underline' : '',
  ].filter((d) => d !== '').join(';');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text's spans: escaped text wrapped in `<span style>` wherever a style applies. */
export function ansiToSpans(text: string): string {
  let style: Style = {};
  let out = '';
  // SGR sequences change the style; any other CSI or OSC sequence is dropped.
  const pattern = /\u001b\[([0-9;]*)m|\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
  let last = 0;
  const flush = (chunk: string) => {
    if (chunk === '') return;
    const declarations = css(style);
    out += declarations === '' ? escapeHtml(chunk) : `<span style="${declarations}">${escapeHtml(chunk)}</span>`;
  };
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    flush(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) style = applySgr(style, m[1] === '' ? [0] : m[1].split(';').map(Number));
  }
  flush(text.slice(last));
  return out;
}

/**
 * A whole page: the terminal's text on its background, in a monospace font, nothing else. The text
 * is NFC-normalised: tmux hands Vietnamese back with combining marks, which a monospace font draws
 * beside their letter instead of on it.
 */
export interface PageOptions {
  readonly title: string;
  readonly fontPx: number;
  /** Monospace font files to prefer (family name, regular and bold file URLs); system fonts follow. */
  readonly font?: { readonly family: string; readonly regularUrl: string; readonly boldUrl: string };
}

export function ansiToHtmlPage(text: string, { title, fontPx, font }: PageOptions): string {
  const faces = font === undefined ? '' : [['normal', font.regularUrl], ['bold', font.boldUrl]]
    .map(([weight, url]) => `@font-face { font-family: '${font.family}'; font-weight: ${weight}; src: url('${url}'); }\n`).join('');
  const families = [...(font === undefined ? [] : [`'${font.family}'`]), "'DejaVu Sans Mono'", "'Liberation Mono'", "'Noto Color Emoji'", 'monospace'].join(', ');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
${faces}html, body { margin: 0; background: ${BACKGROUND}; }
pre { margin: 0; padding: 14px 18px; color: ${FOREGROUND}; font: ${fontPx}px/1.35 ${families}; white-space: pre; }
</style></head>
<body><pre>${ansiToSpans(text.normalize('NFC'))}</pre></body></html>
`;
}

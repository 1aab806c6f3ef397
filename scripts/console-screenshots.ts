/**
 * Screenshots of the console as a person sees it on a terminal, into docs/screenshots/:
 *
 *   node --import tsx scripts/console-screenshots.ts                 # all of them
 *   node --import tsx scripts/console-screenshots.ts demo backtest   # some
 *
 * Each command runs in a detached tmux session of a fixed size (so stdout is a TTY and the bot
 * writes readable lines), the pane is captured with its colours (`tmux capture-pane -e -p`),
 * turned into an HTML page (scripts/ansiToHtml.ts) and photographed by headless Chromium.
 * Needs tmux and chromium (CHROMIUM=/path to use another binary); run `npm run build` first, as
 * `npm start` runs dist/. Everything the commands write goes to a temp folder, removed afterwards.
 */
import { execFile, execFileSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ansiToHtmlPage } from './ansiToHtml.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = join(REPO, 'docs', 'screenshots');
const COLS = 180;
/** Terminal rows unless a shot needs more (the picture is cut to what was printed). */
const ROWS = 34;
const FONT_PX = 14;
/** The picture of `rows` lines: Roboto Mono at 14 px is 8.4 px a column, 1.35 line height; plus the page's padding. */
function windowSize(rows: number): { width: number; height: number } {
  return { width: Math.ceil(COLS * 8.4) + 36, height: Math.ceil(rows * FONT_PX * 1.35) + 28 };
}

/**
 * Roboto Mono (a dependency already: the chart cards use it) draws every Vietnamese letter; the
 * system's DejaVu Sans Mono lacks ế and ố and drew their marks beside the letter. Box drawing and
 * emoji fall back to the system fonts.
 */
const require = createRequire(import.meta.url);
const FONT = {
  family: 'Roboto Mono',
  regularUrl: pathToFileURL(require.resolve('@expo-google-fonts/roboto-mono/400Regular/RobotoMono_400Regular.ttf')).href,
  boldUrl: pathToFileURL(require.resolve('@expo-google-fonts/roboto-mono/700Bold/RobotoMono_700Bold.ttf')).href,
};

interface Shot {
  /** docs/screenshots/<file>.png */
  readonly file: string;
  /** Shell command run from the repository root. */
  readonly command: string;
  readonly env?: (dir: string) => Promise<Record<string, string>>;
  /**
   * `exit`: photographed when the command ends. Otherwise a running command (the bot): once the pane
   * matches every pattern, it runs `settleMs` longer (to show that nothing more piles up), is stopped
   * with Ctrl-C, and photographed after its exit.
   */
  readonly until: 'exit' | readonly RegExp[];
  readonly settleMs?: number;
  readonly maxWaitMs: number;
  /** Terminal rows, when the interesting output is taller than {@link ROWS} (the backtest's table). */
  readonly rows?: number;
}

/**
 * Offline means Binance's real host names do not resolve. On a machine where they do, the bot is
 * pointed at names that cannot (`.invalid`, RFC 2606), so the picture shows the offline case anyway.
 */
async function offlineUrls(): Promise<Record<string, string>> {
  try {
    await lookup('fapi.binance.com');
    return { BINANCE_REST_URL: 'https://fapi.binance.invalid', BINANCE_WS_URL: 'wss://fstream.binance.invalid/market' };
  } catch {
    return {};
  }
}

const SHOTS: Readonly<Record<string, Shot>> = {
  'start-offline': {
    file: 'console-start-offline.png',
    command: 'npm start',
    env: async (dir) => ({ DB_PATH: join(dir, 'bot.db'), HTTP_PORT: '0', ...(await offlineUrls()) }),
    until: [/cannot reach/, /╰/],
    settleMs: 20_000,
    maxWaitMs: 90_000,
  },
  demo: {
    file: 'console-demo.png',
    command: 'npm run demo -- --seconds 30',
    until: 'exit',
    maxWaitMs: 180_000,
    rows: 72,
  },
  backtest: {
    file: 'console-backtest.png',
    command: 'npm run backtest -- --data examples/klines --compare --profile both --out "$SHOT_DIR/backtest"',
    until: 'exit',
    maxWaitMs: 300_000,
    rows: 72,
  },
};

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Runs one shot's command in its own tmux session and returns the pane's text with its colours. */
async function capture(name: string, shot: Shot, dir: string): Promise<string> {
  const session = `ks-shot-${name}-${process.pid}`;
  const done = `${session}-done`;
  const env = { SHOT_DIR: dir, ...(await shot.env?.(dir)) };
  const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`).join('; ');
  // The pane stays open after the command (the sleep), so it can be captured as it was left;
  // `stty -echoctl`: the terminal does not echo the Ctrl-C that stops the bot as `^C`.
  const script = `cd ${shellQuote(REPO)}; ${exports}; stty -echoctl; clear; ${shot.command}; tmux wait-for -S ${done}; sleep 3600`;
  tmux('new-session', '-d', '-s', session, '-x', String(COLS), '-y', String(shot.rows ?? ROWS), script);
  tmux('set-option', '-t', session, 'remain-on-exit', 'on');
  try {
    // `tmux wait-for` blocks until the script signals the end: a child process, not this thread.
    const ended = new Promise<void>((resolve) => execFile('tmux', ['wait-for', done], () => resolve()));
    const deadline = Date.now() + shot.maxWaitMs;
    const timedOut = () => {
      throw new Error(`${name}: nothing to photograph after ${shot.maxWaitMs / 1000} s:\n${tmux('capture-pane', '-p', '-t', session)}`);
    };
    if (shot.until !== 'exit') {
      const patterns = shot.until;
      while (!patterns.every((p) => p.test(tmux('capture-pane', '-p', '-t', session)))) {
        if (Date.now() > deadline) timedOut();
        await sleep(500);
      }
      await sleep(shot.settleMs ?? 0);
      tmux('send-keys', '-t', session, 'C-c');
    }
    await Promise.race([ended, sleep(Math.max(0, deadline - Date.now())).then(timedOut)]);
    return tmux('capture-pane', '-e', '-p', '-t', session);
  } finally {
    tmux('kill-session', '-t', session);
  }
}

function photograph(html: string, rows: number, png: string, dir: string): void {
  const window = windowSize(rows);
  const page = join(dir, 'page.html');
  writeFileSync(page, html);
  const chromium = process.env.CHROMIUM ?? 'chromium';
  execFileSync(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1',
    `--window-size=${window.width},${window.height}`, `--screenshot=${png}`, `file://${page}`,
  ], { stdio: 'ignore' });
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names) if (SHOTS[name] === undefined) throw new Error(`unknown shot '${name}': ${Object.keys(SHOTS).join(', ')}`);
  mkdirSync(OUT_DIR, { recursive: true });
  for (const name of names.length > 0 ? names : Object.keys(SHOTS)) {
    const shot = SHOTS[name]!;
    const dir = mkdtempSync(join(tmpdir(), 'ks-shot-'));
    try {
      // Blank rows below the output are cut: the picture is as tall as what was printed.
      const text = (await capture(name, shot, dir)).replace(/(\s*\n)+$/, '\n');
      const rows = text.split('\n').length - 1;
      const png = join(OUT_DIR, shot.file);
      photograph(ansiToHtmlPage(text, { title: shot.command, fontPx: FONT_PX, font: FONT }), rows, png, dir);
      process.stdout.write(`${png}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();

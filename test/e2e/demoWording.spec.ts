import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { botCliArgs } from '../support/botCli.js';
import { leaks } from '../sinks/wording/identifiers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `kline-signals demo` (console sink, built-in simulator) on the current sources for a few seconds and returns stdout. */
function runDemo(language: 'vi' | 'en', seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, botCliArgs(['demo', '--seconds', String(seconds)]), {
      cwd: ROOT, env: { ...process.env, LANGUAGE: language }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`demo exited ${code}:\n${out}`))));
  });
}

describe('npm run demo reads as a trader would read it', () => {
  it.each(['vi', 'en'] as const)('in %s: signals with their score parts, and no rule id, reason code or breakdown key', async (language) => {
    const out = await runDemo(language, 20);
    // The demo's own lines (banner, dashboard URL, end) are in English; only the messages are for
    // traders. Without --keep no chart card is drawn (test/cli/demo.spec.ts), so no 📈 path line.
    const lines = out.split('\n');
    const messages = lines.filter((line) => !line.startsWith('kline-signals demo') && !line.startsWith('demo finished') &&
      !line.startsWith('dashboard: ') && !line.startsWith('temporary folder removed')).join('\n');
    expect(messages, 'the demo produced signals').toContain(language === 'vi' ? 'Chi tiết điểm' : 'Breakdown');
    expect(leaks(messages, language), messages).toEqual([]);
  }, 60_000);
});

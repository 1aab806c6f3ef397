import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botCliArgs, REPO_ROOT } from '../support/botCli.js';
import { runOfflineBotUntil } from '../support/offlineBot.js';

/** The plain-text lines of the console sink's message that starts with `emoji`. */
const messageLines = (out: string, emoji: string): string[] => {
  const from = out.indexOf(emoji);
  return from < 0 ? [] : out.slice(from).split('\n').slice(0, 6);
};

describe('the start and stop messages say what happened (review)', () => {
  it.each([
    ['en', 'Mode: simulated exchange (http://127.0.0.1:9)'],
    ['vi', 'Chế độ: sàn mô phỏng (http://127.0.0.1:9)'],
  ])('regression: a run against the simulator says so, with its address, not "live (Binance)" (%s)', async (language, mode) => {
    const { stdout: out, code } = await runOfflineBotUntil('the start message', (o) => o.includes('🚀'), { LANGUAGE: language });
    expect(code).toBe(0);
    expect(messageLines(out, '🚀'), out.slice(-800)).toContain(mode);
  }, 60_000);

  it('regression: the demo stopping at the end of --seconds says the demo finished, not Ctrl-C', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ks-demo-end-'));
    const r = spawnSync(process.execPath, botCliArgs(['demo', '--seconds', '3', '--no-dashboard']), {
      cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, TMPDIR: tmp, LANGUAGE: 'en' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const stop = messageLines(r.stdout, '🛑');
    expect(stop, r.stdout.slice(-800)).toContain('Reason: the demo finished');
    expect(stop.join('\n'), 'not the terminal').not.toContain('Ctrl-C');
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSettings } from '../../src/doctor/settingsChecks.js';

/** A `.env` with `text` in a fresh folder. */
function envFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ks-settings-')), '.env');
  writeFileSync(path, text);
  return path;
}

const lines = (report: ReturnType<typeof checkSettings>) => [...report.checks, ...(report.telegramPair ? [report.telegramPair] : [])].map((c) => `${c.status} ${c.name}: ${c.detail}`);

describe('doctor: the settings', () => {
  it('a valid .env with a typo and a deprecated variable: ok, with a warning for each', () => {
    const report = checkSettings(envFile('SCORE_TRESHOLD=80\nSCAN_CONCURRENCY=4\nLANGUAGE=en\n'), {});
    expect(report.config?.LANGUAGE).toBe('en');
    expect(lines(report)).toEqual([
      expect.stringMatching(/^ok settings: .*\.env and the environment: every value valid \(profile seed, language en\)$/),
      'warn settings: SCORE_TRESHOLD is not a known variable; did you mean SCORE_THRESHOLD? (in the .env file; ignored)',
      'warn settings: SCAN_CONCURRENCY is deprecated and has no effect: scans are synchronous and run one per candle, in order',
    ]);
  });

  it('a bad value fails with the one-line config error, and nothing else is checked', () => {
    const report = checkSettings(envFile(''), { RISK_PER_TRADE: '9' });
    expect(report.config).toBeUndefined();
    expect(lines(report)).toEqual(['fail settings: RISK_PER_TRADE="9" is invalid: allowed 0.1–5']);
  });

  it('a token without a chat id, subscribers without Telegram: the missing variable named, a warning', () => {
    const token = ['123456789', 'AAHfakeTokenForTestsOnly_abcdefghijklmn'].join(':');
    expect(checkSettings(envFile(''), { TELEGRAM_BOT_TOKEN: token }).telegramPair).toMatchObject({
      status: 'fail', detail: 'TELEGRAM_CHAT_ID is unset while TELEGRAM_BOT_TOKEN is set', data: { variable: 'TELEGRAM_CHAT_ID' },
    });
    const report = checkSettings(envFile(''), { TELEGRAM_SUBSCRIBERS: '-1001234:vi' });
    expect(report.telegramPair).toBeUndefined();
    expect(lines(report)[1]).toBe('warn settings: TELEGRAM_SUBSCRIBERS is set but Telegram is not configured: the subscriber chats get nothing');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSubscribers, parseConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/domain/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'subs-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const load = (value: string, admin = '4242') => loadSubscribers(parseConfig({ TELEGRAM_SUBSCRIBERS: value }).TELEGRAM_SUBSCRIBERS, admin);
function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('TELEGRAM_SUBSCRIBERS', () => {
  it('is empty when unset', () => {
    expect(loadSubscribers(parseConfig({}).TELEGRAM_SUBSCRIBERS, '4242')).toEqual([]);
  });

  it('reads the inline list: chat, optional topic, language', () => {
    expect(load('-1001234:vi, @mychannel:en,-100999/5:en')).toEqual([
      { chat: '-1001234', language: 'vi' },
      { chat: '@mychannel', language: 'en' },
      { chat: '-100999', thread: 5, language: 'en' },
    ]);
  });

  it('refuses a bad inline value in one line naming the variable and what is allowed', () => {
    for (const bad of ['-1001234', '-1001234:fr', 'abc:vi', '-1001234:vi,', '@ab:en']) {
      const err = refusal(() => parseConfig({ TELEGRAM_SUBSCRIBERS: bad }));
      expect(err.variable, bad).toBe('TELEGRAM_SUBSCRIBERS');
      expect(err.message, 'one line').not.toContain('\n');
      expect(err.message).toContain('comma-separated chat:language');
    }
  });

  it('reads a JSON file with every filter', () => {
    const path = file('good.json', [
      { chat: '-1001234', thread: 5, language: 'en', symbols: ['BTCUSDT'], intervals: ['4h'], models: ['continuation'], minScore: 85, quietHoursUtc: [22, 6] },
      { chat: '@mychannel', language: 'vi' },
    ]);
    expect(load(path)).toEqual([
      { chat: '-1001234', thread: 5, language: 'en', symbols: ['BTCUSDT'], intervals: ['4h'], models: ['continuation'], minScore: 85, quietHoursUtc: [22, 6] },
      { chat: '@mychannel', language: 'vi' },
    ]);
  });

  it('names the subscriber and the field of a bad JSON entry', () => {
    const cases: Array<[unknown, string, string]> = [
      [[{ chat: '-1', language: 'en', minScore: 101 }], 'TELEGRAM_SUBSCRIBERS subscriber 1 minScore', 'a number 0–100'],
      [[{ chat: '-1', language: 'en' }, { chat: '-2', language: 'de' }], 'TELEGRAM_SUBSCRIBERS subscriber 2 language', 'vi or en'],
      [[{ chat: '-1', language: 'en', intervals: ['2h'] }], 'TELEGRAM_SUBSCRIBERS subscriber 1 intervals', 'a non-empty array of 1d, 4h, 30m'],
      [[{ chat: '-1', language: 'en', quietHoursUtc: [22] }], 'TELEGRAM_SUBSCRIBERS subscriber 1 quietHoursUtc', '[startHour, endHour], hours 0–23 UTC'],
      [[{ chat: -1, language: 'en' }], 'TELEGRAM_SUBSCRIBERS subscriber 1 chat', 'an integer chat id or @channelname, as a string'],
      [[{ chat: '-1', language: 'en', minscore: 80 }], 'TELEGRAM_SUBSCRIBERS subscriber 1 minscore', 'an object of chat, thread, language, symbols, intervals, models, minScore, quietHoursUtc'],
    ];
    cases.forEach(([content, variable, allowed], i) => {
      const err = refusal(() => load(file(`bad${i}.json`, content)));
      expect(err.variable).toBe(variable);
      expect(err.allowed).toBe(allowed);
      expect(err.message).not.toContain('\n');
    });
  });

  it('refuses an unreadable file, a non-array, the admin chat and a chat listed twice', () => {
    expect(refusal(() => load(join(dir, 'missing.json'))).allowed).toMatch(/^a readable JSON file/);
    expect(refusal(() => load(file('broken.json', '[{')))).toMatchObject({ variable: 'TELEGRAM_SUBSCRIBERS' });
    expect(refusal(() => load(file('object.json', { chat: '-1' }))).allowed).toBe('a JSON array of { chat, language, … }');
    expect(refusal(() => load('4242:en', '4242')).allowed, 'the admin chat gets everything already').toMatch(/other than TELEGRAM_CHAT_ID/);
    expect(refusal(() => load('-1:en,-1:vi')).allowed).toBe('each chat (and topic) once');
    expect(load('-1:en,-1/7:vi'), 'two topics of one group are two subscribers').toHaveLength(2);
  });
});

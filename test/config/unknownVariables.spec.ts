import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookalikeOf, unknownVariables, unknownVariableText } from '../../src/config/index.js';

describe('variables that look like ours', () => {
  it.each([
    ['SCORE_TRESHOLD', 'SCORE_THRESHOLD'],
    ['THRESHOLD_SCORE', 'SCORE_THRESHOLD'],
    ['score_threshold', 'SCORE_THRESHOLD'],
    ['LOGLEVEL', 'LOG_LEVEL'],
    ['TELEGRAM_CHATID', 'TELEGRAM_CHAT_ID'],
    ['FIXED_SYMBOL', 'FIXED_SYMBOLS'],
  ])('%s is taken for %s', (name, meant) => {
    expect(lookalikeOf(name)).toBe(meant);
  });

  it('known variables and unrelated environment are left alone', () => {
    const unrelated = ['SCORE_THRESHOLD', 'PATH', 'HOME', 'LANG', 'LC_ALL', 'TERM', 'SHELL', 'USER', 'PWD', 'TMPDIR', 'HOSTNAME', 'HTTP_PROXY', 'HTTPS_PROXY', 'NODE_ENV', 'npm_config_loglevel'];
    expect(unrelated.filter((n) => lookalikeOf(n) !== undefined)).toEqual([]);
  });

  it('names the .env file or the environment, once per name, in the sentence a person reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-uv-'));
    writeFileSync(join(dir, '.env'), 'SCORE_TRESHOLD=80\nLOG_LEVEL=info\n');
    const found = unknownVariables(join(dir, '.env'), { SCORE_TRESHOLD: '80', DBPATH: 'x.db', PATH: '/bin' });
    expect(found).toEqual([
      { variable: 'SCORE_TRESHOLD', didYouMean: 'SCORE_THRESHOLD', source: '.env' },
      { variable: 'DBPATH', didYouMean: 'DB_PATH', source: 'environment' },
    ]);
    expect(unknownVariableText(found[0]!)).toBe('SCORE_TRESHOLD is not a known variable; did you mean SCORE_THRESHOLD?');
  });
});

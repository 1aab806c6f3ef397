import { describe, expect, it } from 'vitest';
import { closest, editDistance, parseCommandArgs, usageOf, type CommandSpec } from '../../src/cliArgs.js';
import { UsageError } from '../../src/download/usageError.js';

const SPEC: CommandSpec = {
  name: 'demo', synopsis: '[--speed N]', summary: 'A demo.',
  options: { speed: { type: 'string', value: 'N', help: 'how fast' }, keep: { type: 'boolean', help: 'keep it' } },
};

describe('cliArgs', () => {
  it('measures edits, a swap of neighbours counting one', () => {
    expect([editDistance('form', 'from'), editDistance('sped', 'speed'), editDistance('backtst', 'backtest'), editDistance('', 'run')]).toEqual([1, 1, 1, 3]);
  });

  it('suggests only a plausible typo', () => {
    expect(closest('backtst', ['run', 'backtest', 'doctor'])).toBe('backtest');
    expect(closest('xyzzy', ['run', 'backtest', 'doctor']), 'nothing close').toBeUndefined();
  });

  it('returns undefined for --help, the values otherwise, a one-line UsageError for an unknown flag', () => {
    expect(parseCommandArgs(SPEC, ['--speed', '3', '-h'])).toBeUndefined();
    expect(parseCommandArgs(SPEC, ['--speed', '3', '--keep'])).toEqual({ speed: '3', keep: true });
    expect(() => parseCommandArgs(SPEC, ['--sped', '3'])).toThrow(new UsageError('--sped', 'unknown option', "unknown option '--sped' for demo (did you mean --speed?)"));
    expect(() => parseCommandArgs(SPEC, ['--speed'])).toThrow('demo --speed: needs a value');
  });

  it('lists every option and --help in the usage', () => {
    expect(usageOf(SPEC).split('\n')).toEqual([
      'usage: kline-signals demo [--speed N]', '', 'A demo.', '', 'options:',
      '      --speed N  how fast', '      --keep     keep it', '  -h, --help     print this help and exit',
    ]);
  });
});

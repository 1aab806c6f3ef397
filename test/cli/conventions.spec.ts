import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botCliArgs, REPO_ROOT } from '../support/botCli.js';

/**
 * Runs the CLI (current sources through tsx) in an empty temp folder, with the default DB_PATH
 * (./data/kline-signals.db) and an unroutable Binance: whatever a command creates shows up in the folder.
 */
function cli(args: string[]): { status: number | null; stdout: string; stderr: string; created: string[] } {
  const cwd = mkdtempSync(join(tmpdir(), 'ks-cli-'));
  const tmp = mkdtempSync(join(tmpdir(), 'ks-cli-tmp-')); // the demo's temp folder would land here (tsx keeps its cache here too)
  const r = spawnSync(process.execPath, botCliArgs(args), {
    cwd,
    env: { PATH: process.env.PATH ?? '', TMPDIR: tmp, BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market', HTTP_PORT: '0' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, created: [...readdirSync(cwd), ...readdirSync(tmp).filter((f) => f.startsWith('kline-signals'))] };
}

const COMMANDS = ['run', 'sim', 'demo', 'backtest', 'walkforward', 'download', 'doctor'] as const;
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('regression: every command follows CLI conventions (issue 15)', () => {
  it.each([...COMMANDS.flatMap((c) => [[c, '--help'], [c, '-h']]), ['--help'], ['-h'], []])(
    '`%s %s` prints the usage on stdout, exits 0 and creates nothing',
    (...args) => {
      const r = cli(args as string[]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout, 'usage on stdout').toMatch(/^usage: kline-signals/);
      if (args.length === 2) expect(r.stdout, 'the options are listed').toMatch(/-h, --help/);
      expect(r.stderr, 'nothing on stderr').toBe('');
      expect(r.created, 'no ./data, no database, no temp folder').toEqual([]);
    },
    20_000,
  );

  it.each([
    ['run', '--sped', 'run'],
    ['sim', '--sped', 'sim (did you mean --speed?)'],
    ['demo', '--sped', 'demo (did you mean --speed?)'],
    ['backtest', '--form', 'backtest (did you mean --from?)'],
    ['walkforward', '--trian', 'walkforward (did you mean --train?)'],
    ['download', '--symbol', 'download (did you mean --symbols?)'],
    ['doctor', '--jsn', 'doctor (did you mean --json?)'],
  ])('`%s %s` exits 2 with one line naming it and no stack trace', (command, flag, tail) => {
    const r = cli([command, flag, '1']);
    expect(r.status, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines, 'exactly one line').toHaveLength(1);
    expect(lines[0]).toBe(`kline-signals: unknown option '${flag}' for ${tail}`);
    expect(r.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
    expect(r.created, 'nothing created').toEqual([]);
  }, 20_000);

  it.each([
    [['demo', '--seconds', 'abc'], /^kline-signals: demo --seconds: "abc" is not a number of seconds > 0/],
    [['demo', '--speed', '0'], /^kline-signals: demo --speed: "0" is not a number > 0/],
    [['sim', '--speed', 'fast'], /^kline-signals: sim --speed: "fast" is not a number > 0$/],
    // regression (review): a stack trace, node's "argument is ambiguous", and a config error with exit 1
    [['sim', '--port', '99999'], /^kline-signals: sim --port: "99999" is not a port: allowed 0–65535 \(0: any free port\)$/],
    [['sim', '--speed', '-5'], /^kline-signals: sim --speed: "-5" is not a number > 0$/],
    [['sim', '--data', 'nowhere'], /^kline-signals: sim --data: "nowhere" is not a folder \(of SYMBOL-INTERVAL\.csv files\)$/],
    [['demo', '--data', 'nowhere'], /^kline-signals: demo --data: "nowhere" is not a folder \(of SYMBOL-INTERVAL\.csv files\)$/],
    [['sim', '--speed', '0'], /^kline-signals: sim --speed: "0" is not a number > 0$/],
    // regression (review): "(-246 days)", exit 0 and an empty report written over the last one
    [['backtest', '--data', join(REPO_ROOT, 'examples', 'klines'), '--from', '2027-01-01'], /^kline-signals: backtest --from: 2027-01-01 00:00 UTC is after the end of the data, which ends on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: choose an earlier --from$/],
    [['demo', 'extra'], /^kline-signals: demo takes no argument 'extra'/],
    [['walkforward', '--data', 'x', '--train', '6m'], /^kline-signals: walkforward --train: "6m" is not a length like 6mo, 8w or 45d$/],
  ])('%j: a bad value exits 2 with one line naming the flag', (args, line) => {
    const r = cli(args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n'), r.stderr).toEqual([expect.stringMatching(line)]);
    expect(r.created, 'nothing created').toEqual([]);
  }, 20_000);

  it('an unknown command is named, with the closest command suggested', () => {
    const r = cli(['backtst', '--data', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n'), r.stderr).toEqual(["kline-signals: unknown command 'backtst' (did you mean backtest?); see kline-signals --help"]);
    const synonym = cli(['start']);
    expect(synonym.stderr.trim(), 'regression (review): start is a natural name for run').toBe("kline-signals: unknown command 'start' (did you mean run?); see kline-signals --help");
    const far = cli(['xyzzy']);
    expect(far.stderr.trim(), 'no suggestion when nothing is close').toBe("kline-signals: unknown command 'xyzzy'; see kline-signals --help");
  }, 20_000);

  it.each([['--version'], ['-V']])('`%s` prints the package version', (flag) => {
    const r = cli([flag]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
  }, 20_000);
});

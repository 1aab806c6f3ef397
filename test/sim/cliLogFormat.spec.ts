import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { botCliArgs, REPO_ROOT } from '../support/botCli.js';

/** `kline-signals sim` as a process (on the sources): SIGINT once its two stdout lines are out; both streams and the exit code. */
function simRun(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, botCliArgs(['sim', '--speed', '600', '--symbols', '2']), {
      cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.split('\n').length > 2) child.kill('SIGINT');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectMachineStdout(stdout: string): void {
  const lines = stdout.trim().split('\n');
  expect(lines, 'the JSON line and the export line, nothing else').toHaveLength(2);
  expect(JSON.parse(lines[0]!), 'the URLs').toMatchObject({ restUrl: expect.stringMatching(/^http:/), wsBaseUrl: expect.stringMatching(/^ws:/), speed: 600 });
  expect(lines[1], 'a line a shell takes as it is').toMatch(/^export( [A-Z_]+=\S+)+$/);
}

describe('kline-signals sim logs (LOG_FORMAT, on stderr)', () => {
  it('LOG_FORMAT=pretty: readable lines on stderr (time, level, component, message), stdout unchanged', async () => {
    const r = await simRun({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' });
    expect(r.code, r.stderr).toBe(0);
    expectMachineStdout(r.stdout);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('{')), 'no JSON on stderr').toEqual([]);
    expect(lines, 'the start line, readable, with the simulated start as a date').toContainEqual(
      expect.stringMatching(/^\d\d:\d\d:\d\d INFO +simulator +simulator started .*start=\d{4}-\d\d-\d\dT/),
    );
    expect(lines, 'the stop line').toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d INFO +simulator +simulator stopped/));
  });

  it('LOG_FORMAT=json: JSON lines on stderr, stdout unchanged', async () => {
    const r = await simRun({ LOG_FORMAT: 'json', LOG_LEVEL: 'info' });
    expect(r.code, r.stderr).toBe(0);
    expectMachineStdout(r.stdout);
    const logs = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; component?: string });
    expect(logs.map((l) => l.msg), 'start and stop').toEqual(expect.arrayContaining(['simulator started', 'simulator stopped']));
  });

  it.each(['LOG_FORMAT', 'LOG_LEVEL'])('a bad %s exits 1 with one line naming it, before anything starts', async (name) => {
    const r = await simRun({ LOG_FORMAT: 'json', LOG_LEVEL: 'info', [name]: 'loud' });
    expect(r.code, 'config exit code').toBe(1);
    expect(r.stderr.trim().split('\n'), 'one line naming the variable').toEqual([expect.stringContaining(`${name}="loud"`)]);
    expect(r.stdout, 'nothing on stdout').toBe('');
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { MIGRATIONS } from '../../src/sinks/sqlite/migrations.js';
import { BOT_BIN, REPO_ROOT } from '../support/botCli.js';

/**
 * The production entry point as operators start it (`npm start`, PM2, systemd): plain node running
 * bin/kline-signals.js on the compiled dist/, which test/support/buildDist.ts has just rebuilt from
 * the current sources. Every other test that spawns the bot runs src through tsx (test/support/botCli.ts).
 */

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ks-bin-'));
  temps.push(dir);
  return dir;
}

/**
 * A module hook, loaded with `--import` ahead of the bin, that appends the URL of every module the
 * process resolves through the ESM loader to $MODULE_LOG: the entry, dist/, the packages it imports,
 * and tsx (`tsx/esm/api`, then each `.ts` file) if anything registered it.
 */
const HOOKS = `import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(file, result.url + '\\n');
  return result;
}`;
const dataUrl = (code: string): string => `data:text/javascript,${encodeURIComponent(code)}`;
const MODULE_PROBE = dataUrl(`import { register } from 'node:module';
register(${JSON.stringify(dataUrl(HOOKS))}, { data: { file: process.env.MODULE_LOG } });`);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node [nodeArgs] <bin> args` from a temp working directory, with only PATH and HOME inherited. */
function runBin(bin: string, args: readonly string[], env: Record<string, string>, nodeArgs: readonly string[] = []): Run {
  const r = spawnSync(process.execPath, [...nodeArgs, bin, ...args], {
    cwd: tempDir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/kline-signals.js runs the compiled bot with plain node', () => {
  it('`doctor` loads the app from dist/ and neither tsx, esbuild nor a .ts file', () => {
    const dir = tempDir();
    const moduleLog = join(dir, 'modules.txt');
    openDatabase(join(dir, 'db.sqlite')).close();
    const r = runBin(BOT_BIN, ['doctor', '--json'], { DB_PATH: join(dir, 'db.sqlite'), MODULE_LOG: moduleLog, BINANCE_REST_URL: 'http://127.0.0.1:9' }, ['--import', MODULE_PROBE]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { checks: Array<{ name: string; data?: Record<string, unknown> }> };
    expect(report.checks.find((c) => c.name === 'database')?.data).toMatchObject({ schemaVersion: MIGRATIONS.length });

    const modules = readFileSync(moduleLog, 'utf8').trim().split('\n');
    const dist = pathToFileURL(join(REPO_ROOT, 'dist')).href;
    const src = pathToFileURL(join(REPO_ROOT, 'src')).href;
    expect(modules, 'the hook saw the app load').toContain(`${dist}/cli.js`);
    expect(modules).toContain(`${dist}/doctor.js`);
    expect(modules).toContain(`${dist}/sinks/sqlite/db.js`);
    expect(modules.filter((url) => /\/node_modules\/(tsx|esbuild|@esbuild)\//.test(url)), 'no TypeScript loader').toEqual([]);
    expect(modules.filter((url) => url.endsWith('.ts') || url.startsWith(`${src}/`)), 'nothing from src/').toEqual([]);
  });

  it('a fatal error names the .ts line: dist/ carries source maps and the bin enables them', () => {
    const dir = tempDir();
    // A directory where the database file should be: better-sqlite3 cannot open it.
    mkdirSync(join(dir, 'db.sqlite'));
    const r = runBin(BOT_BIN, ['run'], { DB_PATH: join(dir, 'db.sqlite'), BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market', HTTP_PORT: '0' });
    expect(r.status).toBe(1);
    // One logged line (a JSON line off a terminal), its error's stack kept in the record for whoever debugs.
    const fatal = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg?: string; err?: { type?: string; stack?: string } })
      .find((e) => e.msg === 'fatal error');
    expect(fatal?.err?.type).toBe('SqliteError');
    expect(fatal?.err?.stack).toMatch(/at openDatabase \(.*\/src\/sinks\/sqlite\/db\.ts:\d+:\d+\)/);
    expect(fatal?.err?.stack).not.toContain('/dist/');
  });

  it('`demo` finds the bundled candles from dist/ (examples/klines at the package root) and sends signals', () => {
    // TMPDIR: the demo keeps its database in a temp folder; this one is removed after the file.
    const r = runBin(BOT_BIN, ['demo', '--seconds', '10'], { LANGUAGE: 'en', TMPDIR: tempDir() });
    expect(r.status, r.stderr).toBe(0);
    // An empty or missing data folder would give 0 signals or a fatal ENOENT.
    expect(r.stdout).toMatch(/^demo finished after \d+ simulated days: [1-9]\d* signals sent/m);
  }, 60_000);

  it('without dist/ it says to build, in one line, and exits 1', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BOT_BIN, join(dir, 'bin/kline-signals.js'));
    const r = runBin(join(dir, 'bin/kline-signals.js'), ['run'], {});
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/dist\/cli\.js is missing; run `npm run build`/);
  });
});

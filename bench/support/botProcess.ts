import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { BOT_BIN, REPO_ROOT } from './paths.js';

/** A free TCP port on 127.0.0.1 for the bot's /metrics. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `node --enable-source-maps bin/kline-signals.js …`, the compiled bot as `npm start` and PM2 run it
 * (bench/run.ts builds dist/ first), with exactly `env` (plus PATH and HOME); stdout goes to `logFile`.
 */
export class BotProcess {
  readonly spawnedAtMs: number;
  readonly child: ChildProcess;
  stderr = '';
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(args: readonly string[], env: Readonly<Record<string, string>>, logFile: string) {
    const out = openSync(logFile, 'a');
    this.spawnedAtMs = performance.now();
    // BOT_NODE_ARGS: node flags for the bot, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p` or
    // `--heapsnapshot-signal=SIGUSR2`, to see where the real process spends its time or memory.
    const nodeArgs = (process.env.BOT_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    this.child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', BOT_BIN, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', out, 'pipe'],
    });
    closeSync(out);
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve((this.exitCode = code))));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  /** Resolves with the exit code. */
  wait(): Promise<number | null> {
    return this.exited;
  }

  /** SIGTERM (the bot drains and closes), SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Polls `probe` every `everyMs` until it returns a value; throws after `timeoutMs` with `what`. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const CLOCK_TICKS_PER_SEC = 100;

/** User + system CPU time of a process in ms, from /proc/<pid>/stat (Linux, USER_HZ = 100). */
export async function processCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SEC;
}

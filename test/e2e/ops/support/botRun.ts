import { spawn, type ChildProcess } from 'node:child_process';
import { botCliArgs, REPO_ROOT } from '../../../support/botCli.js';
import { waitFor } from './waitFor.js';

/** The repository root; the bot runs from there, as PM2 starts it. */
export { REPO_ROOT };

/** One pino line of the bot's stdout. */
export interface BotLog {
  readonly msg: string;
  readonly level: number;
  readonly [field: string]: unknown;
}

/** How the process ended, and when (performance.now() of the test process). */
export interface BotExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly atMs: number;
}

const alive = new Set<BotRun>();

/**
 * `kline-signals run` on the current sources ({@link botCliArgs}: tsx) as a child with exactly the
 * given environment (only PATH and HOME inherited, so a developer's real token never leaks in).
 * Keeps stdout and stderr verbatim (the token-hygiene test scans every byte) and parses the pino
 * lines for waiting on log messages.
 */
export class BotRun {
  readonly logs: BotLog[] = [];
  stdout = '';
  stderr = '';
  exit: BotExit | undefined;
  readonly exited: Promise<BotExit>;
  private readonly child: ChildProcess;
  private partial = '';

  constructor(env: Readonly<Record<string, string>>) {
    this.child = spawn(process.execPath, botCliArgs(['run']), {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    alive.add(this);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        alive.delete(this);
        this.exit = { code, signal, atMs: performance.now() };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Waits for a log line with `msg` (and `where`), failing at once if the bot exits first. */
  waitForLog(msg: string, timeoutMs: number, where: (e: BotLog) => boolean = () => true): Promise<BotLog> {
    return waitFor(`log "${msg}"`, () => {
      const found = this.logs.find((e) => e.msg === msg && where(e));
      if (!found && this.exit) throw new Error(`bot exited ${JSON.stringify(this.exit)} before "${msg}": ${this.stderr.slice(-1500)}`);
      return found;
    }, timeoutMs);
  }

  /** Sends a signal; returns performance.now() at the moment it was sent. */
  signal(sig: NodeJS.Signals): number {
    this.child.kill(sig);
    return performance.now();
  }

  /** Waits for the exit for at most `timeoutMs` (then SIGKILLs it and throws). */
  async waitForExit(timeoutMs: number): Promise<BotExit> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`bot did not exit within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, overdue]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL and wait: a crash, or cleanup. */
  async kill(): Promise<BotExit> {
    if (!this.exit) this.child.kill('SIGKILL');
    return this.exited;
  }

  private onStdout(chunk: string): void {
    this.stdout += chunk;
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        this.logs.push(JSON.parse(line) as BotLog);
      } catch {
        // console-sink text, not a log line
      }
    }
  }
}

/** SIGKILLs every bot a test started and left running (afterEach / afterAll, even on failure). */
export async function killAllBots(): Promise<void> {
  await Promise.all([...alive].map((bot) => bot.kill()));
}

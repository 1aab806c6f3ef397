import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './botRun.js';

const PM2_BIN = join(REPO_ROOT, 'node_modules/pm2/bin/pm2');

/** One app of `pm2 jlist`, the fields the tests read. */
export interface Pm2App {
  readonly name: string;
  readonly pid: number;
  readonly pm2_env: {
    readonly status: string;
    readonly restart_time: number;
    readonly unstable_restarts: number;
    readonly pm_exec_path: string;
    readonly exec_interpreter: string;
    readonly node_args: readonly string[];
  };
}

/**
 * The pm2 CLI against a private daemon: PM2_HOME is a fresh `.pm2-test-<random>` inside the project
 * (gitignored `.pm2*\/`), so a developer's own PM2 is never touched. Only PATH and HOME are
 * inherited: the daemon, and every app it starts, sees no token from the developer's shell.
 */
export class Pm2Cli {
  readonly home = join(REPO_ROOT, `.pm2-test-${randomBytes(4).toString('hex')}`);

  constructor() {
    mkdirSync(this.home, { recursive: true });
  }

  run(...args: string[]): Promise<string> {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PM2_HOME: this.home, PM2_DISABLE_VERSION_CHECK: 'true', PM2_DISCRETE_MODE: 'true' };
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [PM2_BIN, ...args], { cwd: REPO_ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`pm2 ${args.join(' ')} failed: ${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
  }

  async list(): Promise<Pm2App[]> {
    const out = await this.run('jlist');
    return JSON.parse(out.slice(out.indexOf('['))) as Pm2App[];
  }

  async app(name: string): Promise<Pm2App | undefined> {
    return (await this.list()).find((a) => a.name === name);
  }

  /** delete all + kill the daemon + remove PM2_HOME; every step tolerates the previous one failing. */
  async teardown(): Promise<void> {
    await this.run('delete', 'all').catch(() => undefined);
    await this.run('kill').catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Whether a process with this pid exists (signal 0 probes without killing). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

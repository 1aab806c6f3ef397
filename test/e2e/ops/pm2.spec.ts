import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/botRun.js';
import { freePort } from '../support/freePort.js';
import { startStage, type Stage } from './support/opsStage.js';
import { Pm2Cli, processAlive, type Pm2App } from './support/pm2Cli.js';
import { waitFor } from './support/waitFor.js';

const APP = 'kline-signals';

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return res.status === 200 && ((await res.json()) as { ok: boolean }).ok;
  } catch {
    return false;
  }
}

describe('PM2 runs the bot from ecosystem.config.cjs', () => {
  let stage: Stage;
  let pm2: Pm2Cli;
  let port: number;
  let ecosystem: string;

  beforeAll(async () => {
    stage = await startStage({ speed: 3_600 });
    pm2 = new Pm2Cli();
    port = await freePort();
    // The project's file, with only the environment and the log paths pointed at this test. It runs
    // bin/kline-signals.js on dist/, which test/support/buildDist.ts rebuilt before the run.
    // PM2 reads a file as an ecosystem only by its name (*.config.cjs).
    ecosystem = join(stage.dir, 'ecosystem.config.cjs');
    const env = stage.env({ HTTP_PORT: String(port), STALE_AFTER_SECONDS: '30' });
    writeFileSync(ecosystem, `const base = require(${JSON.stringify(join(REPO_ROOT, 'ecosystem.config.cjs'))});
module.exports = { apps: base.apps.map((app) => ({ ...app, env: { ...app.env, ...${JSON.stringify(env)} },
  out_file: ${JSON.stringify(join(stage.dir, 'out.log'))}, error_file: ${JSON.stringify(join(stage.dir, 'error.log'))} })) };
`);
  });

  afterAll(async () => {
    await pm2?.teardown();
    await stage?.close();
  });

  it('starts healthy, restarts with a new pid, stops cleanly', async () => {
    await pm2.run('start', ecosystem);
    const first = await waitFor('the app online', async () => {
      const app = await pm2.app(APP);
      return app?.pm2_env.status === 'online' && app.pid > 0 && app;
    }, 30_000, 250);
    await waitFor('/health ok under PM2', () => healthy(port), 40_000, 250);
    // PM2 starts the compiled bin with the file's node_args (the process title hides them from /proc).
    expect(first.pm2_env, 'plain node on bin/kline-signals.js, with source maps').toMatchObject({
      pm_exec_path: join(REPO_ROOT, 'bin/kline-signals.js'), exec_interpreter: 'node', node_args: ['--enable-source-maps'],
    });

    await pm2.run('restart', APP);
    const second = await waitFor('a new pid online', async () => {
      const app = await pm2.app(APP);
      return app?.pm2_env.status === 'online' && app.pid > 0 && app.pid !== first.pid && app;
    }, 30_000, 250);
    await waitFor('the old process gone', () => !processAlive(first.pid), 20_000);
    await waitFor('/health ok after the restart', () => healthy(port), 40_000, 250);

    await pm2.run('stop', APP);
    const stopped = (await pm2.app(APP)) as Pm2App;
    await waitFor('the stopped process gone', () => !processAlive(second.pid), 20_000);
    const out = readFileSync(join(stage.dir, 'out.log'), 'utf8');
    const daemonLog = readFileSync(join(pm2.home, 'pm2.log'), 'utf8');
    const stops = out.split('\n').filter((l) => l.includes('"msg":"stopped"'));
    const exits = daemonLog.split('\n').filter((l) => l.includes('exited with code'));
    console.log(`pm2.spec: ${JSON.stringify({ firstPid: first.pid, secondPid: second.pid, status: stopped.pm2_env.status, stops: stops.length, exits })}`);
    expect(second.pid, 'pm2 restart gives a new process').not.toBe(first.pid);
    expect(stopped.pm2_env.status, 'pm2 stop leaves the app stopped').toBe('stopped');
    expect(exits.length, 'the process ended twice (restart, stop), never on its own').toBe(2);
    expect(stops.filter((l) => l.includes('"code":0')).length, 'both stops (restart and stop) ran the clean shutdown').toBe(2);
    expect(daemonLog, 'PM2 saw exit code 0 both times, never a SIGKILL').not.toMatch(/exited with code \[(?!0\])|SIGKILL/);
    expect(await healthy(port), 'nothing answers after the stop').toBe(false);
  }, 90_000);
});

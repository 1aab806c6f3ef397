import { Worker } from 'node:worker_threads';
import type { TrialInput, TrialOutcome } from './trial.js';
import type { TrialReply, TrialRequest, TrialWorkerData } from './trialWorker.js';

/**
 * A worker running trialWorker: the compiled .js from dist; from src (tests, tsx) the .ts file,
 * loaded through tsx's API by a one-line bootstrap (node 20 ignores `--import` in a worker's execArgv).
 */
function startWorker(data: TrialWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./trialWorker.js', import.meta.url), { workerData: data });
  const source = new URL('./trialWorker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

/**
 * Runs trials on `size` worker threads, each given the data once at start. Trials are independent
 * backtests (each its own SQLite file), so their results do not depend on which worker ran them or
 * in which order. From src (tests, tsx) the worker is the .ts file loaded through tsx; from dist,
 * the compiled .js.
 */
export class TrialPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ request: TrialRequest; resolve: (o: TrialOutcome) => void; reject: (e: Error) => void }> = [];
  private readonly pending = new Map<number, { worker: Worker; resolve: (o: TrialOutcome) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number, data: TrialWorkerData) {
    for (let i = 0; i < size; i += 1) {
      const worker = startWorker(data);
      worker.on('message', (reply: TrialReply) => this.settle(worker, reply));
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a trial worker stopped with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(input: TrialInput): Promise<TrialOutcome> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, input }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the workers, a trial in progress included; trials not finished reject. */
  async close(): Promise<void> {
    this.fail(new Error('the trials were stopped'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.pending.set(job.request.id, { worker, resolve: job.resolve, reject: job.reject });
      worker.postMessage(job.request);
    }
  }

  private settle(worker: Worker, reply: TrialReply): void {
    const job = this.pending.get(reply.id);
    if (job === undefined) return;
    this.pending.delete(reply.id);
    this.idle.push(worker);
    if (reply.outcome !== undefined) job.resolve(reply.outcome);
    else job.reject(new Error(reply.error ?? 'trial failed'));
    this.dispatch();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
    for (const job of this.queue.splice(0)) job.reject(err);
  }
}

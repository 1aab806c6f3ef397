import { readFile } from 'node:fs/promises';
import { round } from './stats.js';

/** Resident set size of a process, MB, from /proc/<pid>/status (what `top` and PM2 show). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN') / 1024);
}

/** One gauge of the bot's /metrics (prom-client's default process metrics included), or undefined. */
export async function metricValue(port: number, name: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { Writable } from 'node:stream';

/** The repository's own candle data (never ../shared). */
export const DATA_DIR = new URL('../../examples/klines/', import.meta.url).pathname;

/** A fresh temp directory and its remover. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kline-download-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A pino logger whose parsed lines land in `lines`, to assert what was logged. */
export function recordingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** stdout and stderr lines of one in-process CLI run. */
export function capture(): { out: string[]; err: string[]; writeLine: (l: string) => void; writeError: (l: string) => void } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, writeLine: (l) => out.push(l), writeError: (l) => err.push(l) };
}

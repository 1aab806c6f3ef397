import { prettyLine, type PrettyLineOptions } from './prettyLine.js';

/** Where readable lines go: process.stdout, or a test's collector. */
export interface TextSink {
  write(text: string, callback?: (err?: Error | null) => void): unknown;
}

/**
 * A pino destination that turns each JSON line (already redacted by the logger's streamWrite hook)
 * into {@link prettyLine} text, in this thread and synchronously: no worker thread, so nothing is
 * lost at exit and the redaction hook runs before any formatting. A line that is not JSON passes
 * through unchanged.
 */
export function prettyDestination(out: TextSink, options: PrettyLineOptions): { write(line: string): void; flush(cb: (err?: Error) => void): void } {
  return {
    write(chunk: string) {
      let text = '';
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        try {
          text += `${prettyLine(JSON.parse(line) as Record<string, unknown>, options)}\n`;
        } catch {
          text += `${line}\n`;
        }
      }
      if (text !== '') out.write(text);
    },
    flush(cb) {
      out.write('', () => cb());
    },
  };
}

import { open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { INTERVAL_MS, type Interval, type Kline } from '../domain/index.js';
import { parseSeriesCsv } from '../csv/seriesCsv.js';
import { CsvFormatError } from '../csv/klineCsv.js';
import { KLINE_CSV_HEADER, klineCsvRow } from './klineCsvRow.js';

/** Bytes read from the end of an existing file to find and check its last rows. */
const TAIL_BYTES = 64 * 1024;
/** Complete rows at the end of a file that must parse and follow each other before a resume. */
const TAIL_ROWS_CHECKED = 3;

/** What the gap finder and the resume need of the newest row. */
export interface LastRow {
  readonly openTimeMs: number;
  readonly close: number;
}

/** What opening a series file found. */
export interface ResumeState {
  /** The last row already in the file; undefined for a new or header-only file. */
  readonly last: LastRow | undefined;
  /** Bytes of a half-written last line (a crash mid-write) cut off before appending; 0 if none. */
  readonly droppedBytes: number;
}

async function readTail(path: string, size: number): Promise<{ text: string; startsAtZero: boolean }> {
  const length = Math.min(size, TAIL_BYTES);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return { text: buffer.toString('utf8'), startsAtZero: length === size };
  } finally {
    await handle.close();
  }
}

/**
 * Appends closed klines of one (symbol, interval) to `SYMBOL-INTERVAL.csv`, resuming an existing
 * file. Opening checks the file's tail: a half-written last line is cut off (the rows before it
 * are whole, since every page is appended as whole lines and fsynced), and the last rows must
 * parse as this series' candles, or opening fails with {@link CsvFormatError} naming the file and
 * nothing is written. A new file is created only when the first rows arrive, so a failed
 * download (an invalid symbol) leaves no empty file behind.
 */
export class KlineCsvAppender {
  private handle: FileHandle | undefined;
  private lastRow: LastRow | undefined;

  private constructor(
    private readonly path: string,
    private readonly interval: Interval,
    private readonly needsHeader: boolean,
    readonly resume: ResumeState,
  ) {
    this.lastRow = resume.last;
  }

  /** Opens (or plans to create) the file at `path`; see the class comment for the tail check. */
  static async open(path: string, symbol: string, interval: Interval): Promise<KlineCsvAppender> {
    const size = await stat(path).then((s) => s.size, () => undefined);
    if (size === undefined || size === 0) return new KlineCsvAppender(path, interval, true, { last: undefined, droppedBytes: 0 });
    const { text, startsAtZero } = await readTail(path, size);
    const lastNewline = text.lastIndexOf('\n');
    const droppedBytes = Buffer.byteLength(text.slice(lastNewline + 1));
    if (lastNewline < 0 && !startsAtZero) throw new CsvFormatError(basename(path), 0, `no line end in the last ${TAIL_BYTES} bytes`);
    const lines = text.slice(0, lastNewline + 1).split('\n').filter((l) => l.trim() !== '');
    // The chunk may start mid-line; a header is only allowed as the file's first line.
    const hasHeader = startsAtZero && lines.length > 0 && !/^\d/.test(lines[0]?.trim() ?? '');
    const rows = (startsAtZero ? lines.slice(hasHeader ? 1 : 0) : lines.slice(1)).slice(-TAIL_ROWS_CHECKED);
    if (rows.length === 0 && !startsAtZero) throw new CsvFormatError(basename(path), 0, 'no kline rows in the file tail');
    const { klines } = parseSeriesCsv(rows.join('\n'), basename(path), symbol, interval);
    const newest = klines[klines.length - 1];
    const last = newest === undefined ? undefined : { openTimeMs: newest.openTimeMs, close: newest.close };
    if (droppedBytes > 0) await truncate(path, size - droppedBytes); // only once the rows before it are known good
    return new KlineCsvAppender(path, interval, size - droppedBytes === 0, { last, droppedBytes });
  }

  /** The newest row in the file (written before or during this run). */
  get last(): LastRow | undefined {
    return this.lastRow;
  }

  /**
   * Appends whole rows in one write and fsyncs, so a crash leaves at most a partial last line
   * (cut off by the next open). Rows must be closed candles of this interval, each opening a
   * whole number of intervals after the row before it (a hole in the exchange's history stays a
   * hole; the backtest loader reports it): anything else is a bug upstream and throws before a
   * byte is written.
   */
  async append(klines: readonly Kline[]): Promise<void> {
    if (klines.length === 0) return;
    const stepMs = INTERVAL_MS[this.interval];
    let previous = this.lastRow?.openTimeMs;
    for (const k of klines) {
      if (!k.closed || k.interval !== this.interval || k.closeTimeMs !== k.openTimeMs + stepMs - 1) {
        throw new CsvFormatError(basename(this.path), 0, `refusing row ${k.openTimeMs}: not a closed ${this.interval} candle`);
      }
      if (previous !== undefined && (k.openTimeMs <= previous || (k.openTimeMs - previous) % stepMs !== 0)) {
        throw new CsvFormatError(basename(this.path), 0, `refusing row ${k.openTimeMs}: expected open time ${previous + stepMs} or a later one on its grid`);
      }
      previous = k.openTimeMs;
    }
    const head = this.handle === undefined && this.needsHeader ? `${KLINE_CSV_HEADER}\n` : '';
    this.handle ??= await open(this.path, 'a');
    await this.handle.appendFile(head + klines.map((k) => `${klineCsvRow(k)}\n`).join(''));
    await this.handle.sync();
    const newest = klines[klines.length - 1] as Kline;
    this.lastRow = { openTimeMs: newest.openTimeMs, close: newest.close };
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}

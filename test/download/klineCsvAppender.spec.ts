import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KlineCsvAppender } from '../../src/download/klineCsvAppender.js';
import { KLINE_CSV_HEADER, klineCsvRow } from '../../src/download/klineCsvRow.js';
import { CsvFormatError, readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import type { Kline } from '../../src/domain/index.js';
import { DATA_DIR, tempDir } from './helpers.js';

const truth: Kline[] = tableKlines(readKlineCsvFile(join(DATA_DIR, 'ETHUSDT-1d.csv')));
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(async () => remove());

const file = (): string => join(dir, 'ETHUSDT-1d.csv');
const csv = (rows: readonly Kline[]): string => [KLINE_CSV_HEADER, ...rows.map(klineCsvRow)].join('\n') + '\n';

async function appendAll(rows: readonly Kline[]): Promise<KlineCsvAppender> {
  const appender = await KlineCsvAppender.open(file(), 'ETHUSDT', '1d');
  await appender.append(rows);
  await appender.close();
  return appender;
}

describe('KlineCsvAppender', () => {
  it('creates the file with the header on the first rows, then appends after it', async () => {
    await appendAll(truth.slice(0, 10));
    const second = await appendAll(truth.slice(10, 25));
    expect(second.resume.last?.openTimeMs, 'the second open found the first run\'s last row').toBe(truth[9]?.openTimeMs);
    expect(tableKlines(readKlineCsvFile(file())), 'one valid file, no duplicate').toEqual(truth.slice(0, 25));
  });

  it('creates no file when nothing is appended (a failed series leaves nothing behind)', async () => {
    const appender = await KlineCsvAppender.open(file(), 'ETHUSDT', '1d');
    await appender.append([]);
    await appender.close();
    expect(existsSync(file()), 'no empty file').toBe(false);
  });

  it('cuts a half-written last line (a crash mid-write) and resumes after the last whole row', async () => {
    await writeFile(file(), csv(truth.slice(0, 8)));
    await appendFile(file(), klineCsvRow(truth[8] as Kline).slice(0, 20));
    const appender = await appendAll(truth.slice(8, 12));
    expect(appender.resume.droppedBytes, 'the partial line was dropped').toBe(20);
    expect(tableKlines(readKlineCsvFile(file())), 'whole rows only, in order').toEqual(truth.slice(0, 12));
  });

  it('a file cut inside its header is started over', async () => {
    await writeFile(file(), KLINE_CSV_HEADER.slice(0, 30));
    await appendAll(truth.slice(0, 3));
    expect(tableKlines(readKlineCsvFile(file())), 'header rewritten, rows valid').toEqual(truth.slice(0, 3));
  });

  it('a header-only file resumes from nothing', async () => {
    await writeFile(file(), `${KLINE_CSV_HEADER}\n`);
    const appender = await appendAll(truth.slice(0, 2));
    expect(appender.resume.last, 'no row yet').toBeUndefined();
    expect((await readFile(file(), 'utf8')).split(KLINE_CSV_HEADER).length, 'one header').toBe(2);
  });

  it('refuses a file whose tail is not this series (wrong interval) and leaves it untouched', async () => {
    const before = csv(truth.slice(0, 5));
    await writeFile(file(), before);
    await expect(KlineCsvAppender.open(file(), 'ETHUSDT', '4h'), 'close times are 1d, not 4h').rejects.toBeInstanceOf(CsvFormatError);
    expect(await readFile(file(), 'utf8'), 'untouched').toBe(before);
  });

  it('refuses a corrupt row in the tail, naming the file, and cuts nothing', async () => {
    const before = csv(truth.slice(0, 5)) + 'garbage,row\n' + klineCsvRow(truth[5] as Kline) + '\n' + '17356896';
    await writeFile(file(), before);
    await expect(KlineCsvAppender.open(file(), 'ETHUSDT', '1d'), 'names the file').rejects.toThrow(/ETHUSDT-1d\.csv/);
    expect(await readFile(file(), 'utf8'), 'even the partial line stays for a human to look at').toBe(before);
  });

  it('refuses rows that would duplicate, reorder or leave the interval grid, before writing anything', async () => {
    await appendAll(truth.slice(0, 5));
    const before = await readFile(file(), 'utf8');
    for (const [why, rows] of [
      ['duplicate', truth.slice(4, 6)],
      ['reorder', [truth[6] as Kline, truth[5] as Kline]],
      ['off the grid', [{ ...(truth[5] as Kline), openTimeMs: (truth[5] as Kline).openTimeMs + 1, closeTimeMs: (truth[5] as Kline).closeTimeMs + 1 }]],
      ['forming', [{ ...(truth[5] as Kline), closed: false }]],
    ] as const) {
      const appender = await KlineCsvAppender.open(file(), 'ETHUSDT', '1d');
      await expect(appender.append(rows), why).rejects.toBeInstanceOf(CsvFormatError);
      await appender.close();
    }
    expect(await readFile(file(), 'utf8'), 'nothing written').toBe(before);
  });

  it('writes a hole in the exchange\'s history as a hole, and resumes after a tail that has one', async () => {
    await appendAll([...truth.slice(0, 3), ...truth.slice(5, 7)]);
    const resumed = await appendAll(truth.slice(7, 9));
    expect(resumed.resume.last?.openTimeMs, 'the tail with a hole was accepted').toBe(truth[6]?.openTimeMs);
    const opens = (await readFile(file(), 'utf8')).trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect(opens, 'rows 3 and 4 were never invented').toEqual([0, 1, 2, 5, 6, 7, 8].map((i) => truth[i]!.openTimeMs));
  });
});

import type { OutboxEntry, OutboxRepo } from '../sqlite/outboxRepo.js';
import { htmlToPlainText } from './templates/html.js';
import { splitMessage, TELEGRAM_MAX_CHARS } from './templates/splitMessage.js';

/** Telegram's limit on a photo's caption, counted after entities parsing (sendPhoto). */
export const TELEGRAM_MAX_CAPTION_CHARS = 1024;

/** Characters Telegram counts in a caption: the text a user reads. */
function captionLength(entry: OutboxEntry): number {
  return (entry.parseMode === 'HTML' ? htmlToPlainText(entry.text) : entry.text).length;
}

/** The row of a photo sent alone before a caption too long for it. */
const chartRowKey = (key: string): string => `${key}#chart`;
/** The row of part `n` (from 1) of a text split in several. */
const partRowKey = (key: string, n: number): string => `${key}#${n}`;

/**
 * The keys the first row of a message enqueued under `key` may have: the message itself, its photo
 * sent alone, or the first part of a split text (what a reply points at, and what proves it was
 * enqueued). outboxRepo's reply lookup spells the same three in SQL.
 */
export function firstRowKeys(key: string): readonly string[] {
  return [key, chartRowKey(key), partRowKey(key, 1)];
}

/**
 * Enqueues a rendered message, split at line boundaries when it is longer than Telegram allows:
 * one part keeps `key`, several get `key#1`, `key#2`, … (so each stays unique and idempotent).
 * A message with a photo goes as one row, the text as its caption, when the caption fits; otherwise
 * the photo goes first alone (`key#chart`), then the text as above: two rows, so each is delivered
 * exactly once even if a crash falls between them.
 * Synchronous: run it inside the transaction that stores what caused the message. Returns the
 * number of rows newly stored (0 when the key was already there).
 */
export function enqueueMessage(repo: OutboxRepo, entry: OutboxEntry, maxChars: number = TELEGRAM_MAX_CHARS): number {
  const { photo, ...text } = entry;
  if (photo !== undefined && photo !== null) {
    if (captionLength(entry) <= Math.min(maxChars, TELEGRAM_MAX_CAPTION_CHARS)) return repo.enqueue(entry) ? 1 : 0;
    const alone = repo.enqueue({ ...text, key: chartRowKey(entry.key), text: '', photo }) ? 1 : 0;
    return alone + enqueueMessage(repo, text, maxChars);
  }
  const parts = splitMessage(entry.text, maxChars);
  if (parts.length === 1) return repo.enqueue(entry) ? 1 : 0;
  return parts.reduce((n, part, i) => n + (repo.enqueue({ ...entry, key: partRowKey(entry.key, i + 1), text: part }) ? 1 : 0), 0);
}

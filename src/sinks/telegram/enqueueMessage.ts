import type { OutboxEntry, OutboxRepo } from '../sqlite/outboxRepo.js';
import { htmlToPlainText } from './templates/html.js';
import { splitMessage, TELEGRAM_MAX_CHARS } from './templates/splitMessage.js';

/** Telegram's limit on a photo's caption, counted after entities parsing (sendPhoto). */
export const TELEGRAM_MAX_CAPTION_CHARS = 1024;

/** Characters Telegram counts in a caption: the text a user reads. */
function captionLength(entry: OutboxEntry): number {
  return (entry.parseMode === 'HTML' ? htmlToPlainText(entry.text) : entry.text).length;
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
    const alone = repo.enqueue({ ...text, key: `${entry.key}#chart`, text: '', photo }) ? 1 : 0;
    return alone + enqueueMessage(repo, text, maxChars);
  }
  const parts = splitMessage(entry.text, maxChars);
  if (parts.length === 1) return repo.enqueue(entry) ? 1 : 0;
  return parts.reduce((n, part, i) => n + (repo.enqueue({ ...entry, key: `${entry.key}#${i + 1}`, text: part }) ? 1 : 0), 0);
}

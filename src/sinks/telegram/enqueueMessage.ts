import type { OutboxEntry, OutboxRepo } from '../sqlite/outboxRepo.js';
import { splitMessage, TELEGRAM_MAX_CHARS } from './templates/splitMessage.js';

/**
 * Enqueues a rendered message, split at line boundaries when it is longer than Telegram allows:
 * one part keeps `key`, several get `key#1`, `key#2`, … (so each stays unique and idempotent).
 * Synchronous: run it inside the transaction that stores what caused the message. Returns the
 * number of parts newly stored (0 when the key was already there).
 */
export function enqueueMessage(repo: OutboxRepo, entry: OutboxEntry, maxChars: number = TELEGRAM_MAX_CHARS): number {
  const parts = splitMessage(entry.text, maxChars);
  if (parts.length === 1) return repo.enqueue(entry) ? 1 : 0;
  return parts.reduce((n, text, i) => n + (repo.enqueue({ ...entry, key: `${entry.key}#${i + 1}`, text }) ? 1 : 0), 0);
}

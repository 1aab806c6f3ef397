import { describe, expect, it } from 'vitest';
import { asyncScheduler } from 'rxjs';
import { OutboxSender } from '../../../src/sinks/telegram/outboxSender.js';
import type { MessageTransport } from '../../../src/sinks/telegram/transport.js';
import { captureLogger, tempOutbox } from './fixtures.js';

describe('OutboxSender when the database refuses writes', () => {
  it('regression: stops and reports once instead of resending the same row in a tight loop (a full disk flooded 500,000 log lines in 4 s)', async () => {
    const { db, repo } = tempOutbox();
    repo.enqueue({ key: 'signal:1', chatId: 'console', kind: 'signal', text: 'BTCUSDT', parseMode: null, createdAtMs: Date.now() });
    // Like a full disk or a read-only file: every write fails, reads still work.
    db.pragma('query_only = ON');
    let sends = 0;
    // The console sink writing a chart beside the database fails the same way.
    const transport: MessageTransport = { paced: false, send: async () => { sends += 1; throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }); } };
    const fatal: unknown[] = [];
    const { logger } = captureLogger();
    const sender = new OutboxSender({ repo, transport, scheduler: asyncScheduler, logger, pollIntervalMs: 20, onFatal: (err) => fatal.push(err) });
    sender.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sender.stop();
    db.close();
    expect(sends, 'one attempt, not a loop').toBe(1);
    expect(fatal, 'the storage error is reported once').toHaveLength(1);
    expect(String(fatal[0]), 'it is the database error').toMatch(/readonly|read-only|query_only|attempt to write/i);
  });
});

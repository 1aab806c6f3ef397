import { describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../../src/sinks/telegram/enqueueMessage.js';
import { tempOutbox } from './fixtures.js';

const entry = (key: string, chatId = '-100', createdAtMs = 1000) => ({ key, chatId, kind: 'signal', text: `<b>${key}</b>`, parseMode: 'HTML' as const, createdAtMs });

describe('OutboxRepo', () => {
  it('enqueues inside the caller’s transaction: a rollback leaves no message', () => {
    const { db, repo } = tempOutbox();
    expect(() =>
      db.transaction(() => {
        repo.enqueue(entry('signal:1'));
        throw new Error('the signal insert failed');
      })(),
    ).toThrow('the signal insert failed');
    expect(repo.depth(), 'rolled back with the cause').toBe(0);
    db.transaction(() => repo.enqueue(entry('signal:1')))();
    expect(repo.depth(), 'committed with the cause').toBe(1);
    db.close();
  });

  it('ignores a second enqueue of the same key', () => {
    const { db, repo } = tempOutbox();
    expect(repo.enqueue(entry('k')), 'first').toBe(true);
    expect(repo.enqueue({ ...entry('k'), text: 'other' }), 'second is a no-op').toBe(false);
    expect([repo.depth(), repo.find('k')?.text], 'one row, the first text').toEqual([1, '<b>k</b>']);
    db.close();
  });

  it('hands out the head of each chat when due, and tracks sent, rescheduled and held rows', () => {
    const { db, repo } = tempOutbox();
    repo.enqueue(entry('a1', '-100', 1000));
    repo.enqueue(entry('a2', '-100', 1001));
    repo.enqueue(entry('b1', '42', 1002));
    expect(repo.nextDue(999).length, 'nothing due before its time').toBe(0);
    expect(repo.nextDue(5000).map((m) => m.key), 'one head per chat').toEqual(['a1', 'b1']);
    const a1 = repo.find('a1')!;
    repo.reschedule(a1.id, 9000, '502: Bad Gateway');
    expect(repo.nextDue(5000).map((m) => m.key), 'a rescheduled head holds its chat back (order kept)').toEqual(['b1']);
    expect(repo.earliestPendingAtMs(), 'the sender knows when to look again').toBe(1001);
    repo.markSent(a1.id, 9100);
    expect(repo.find('a1'), 'sent with its time and attempts').toMatchObject({ status: 'sent', sentAtMs: 9100, attempts: 2, lastError: '502: Bad Gateway' });
    expect(repo.nextDue(9200).map((m) => m.key), 'then the next of that chat').toEqual(['a2', 'b1']);
    expect(repo.oldestPendingAgeMs(9200), 'age of the oldest pending').toBe(9200 - 1001);
    expect(repo.hold('-100', '403: Forbidden'), 'one pending row of the chat held').toBe(1);
    expect([repo.depth(), repo.heldChats()], 'held rows are kept, not pending').toEqual([1, ['-100']]);
    expect(repo.release('-100', 10_000), 'released on request').toBe(1);
    expect(repo.depth(), 'pending again').toBe(2);
    db.close();
  });

  it('stores the plain-text fallback and single held messages', () => {
    const { db, repo } = tempOutbox();
    repo.enqueue(entry('p'));
    const p = repo.find('p')!;
    repo.resendAsPlainText(p.id, 'p', 2000, "400: can't parse entities");
    expect(repo.find('p'), 'plain text, no parse mode').toMatchObject({ text: 'p', parseMode: null, nextAttemptAtMs: 2000, status: 'pending' });
    repo.holdOne(p.id, '400: message is too long');
    expect(repo.find('p')?.status, 'held').toBe('held');
    expect(repo.oldestPendingAgeMs(5000), 'no pending left').toBe(0);
    db.close();
  });

  it('enqueueMessage splits an over-long message into numbered keys, idempotently', () => {
    const { db, repo } = tempOutbox();
    const text = Array.from({ length: 10 }, (_, i) => `<b>line ${i}</b>`).join('\n');
    expect(enqueueMessage(repo, { ...entry('daily:1'), text }, 60), 'parts stored').toBeGreaterThan(1);
    expect(enqueueMessage(repo, { ...entry('daily:1'), text }, 60), 'again: nothing new').toBe(0);
    const parts = repo.nextDue(10_000);
    expect(parts.length, 'one chat: one head at a time').toBe(1);
    expect(repo.find('daily:1#1')?.text.startsWith('<b>line 0</b>'), 'first part first').toBe(true);
    db.close();
  });

  it('enqueueMessage keeps a photo and its caption in one row up to 1024 characters read, else photo then text, idempotently', () => {
    const { db, repo } = tempOutbox();
    // 1024 characters once the tags are gone: the HTML is longer, Telegram counts what is read.
    const fits = `<b>${'a'.repeat(1020)}</b> &amp;x`;
    expect(enqueueMessage(repo, { ...entry('signal:1'), text: fits, photo: '{}' }), 'one row').toBe(1);
    expect(repo.find('signal:1'), 'the caption rides with the photo').toMatchObject({ text: fits, photo: '{}' });
    const long = `<b>${'a'.repeat(1025)}</b>`;
    expect(enqueueMessage(repo, { ...entry('signal:2'), text: long, photo: '{}' }), 'two rows').toBe(2);
    expect(enqueueMessage(repo, { ...entry('signal:2'), text: long, photo: '{}' }), 'again: nothing new').toBe(0);
    expect(repo.find('signal:2#chart'), 'the photo alone, first').toMatchObject({ text: '', photo: '{}' });
    expect(repo.find('signal:2'), 'then the text, without photo').toMatchObject({ text: long, photo: null });
    expect(repo.find('signal:2#chart')!.id, 'in that order').toBeLessThan(repo.find('signal:2')!.id);
    db.close();
  });
});

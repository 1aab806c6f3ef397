import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger.js';
import { REDACTED, redactSecrets } from '../../src/logging/redact.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('redactSecrets', () => {
  it('removes a configured secret and anything shaped like a bot token', () => {
    expect(redactSecrets(`POST https://api.telegram.org/bot${TOKEN}/sendMessage`, [TOKEN])).toBe(
      `POST https://api.telegram.org/bot${REDACTED}/sendMessage`,
    );
    expect(redactSecrets(`x 987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw y`)).toBe(`x ${REDACTED} y`);
    expect(redactSecrets('price 64000.5 at 1700000000000')).toBe('price 64000.5 at 1700000000000');
  });

  it('scrubs the token from every serialized log line, errors included', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger({ level: 'info', secrets: [TOKEN], destination: sink });
    log.error({ err: new Error(`request to /bot${TOKEN}/getMe failed`), url: `https://x/bot${TOKEN}/m` }, 'telegram failed');
    log.flush();
    await new Promise((r) => setImmediate(r));
    const all = lines.join('');
    expect(all).toContain('telegram failed');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  });
});

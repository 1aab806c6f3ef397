/** One line of the doctor's checklist. */
export interface Check {
  /** What was checked, as a person names it: `settings`, `database`, `Binance`, `Telegram bot`. */
  readonly name: string;
  /** `fail`: a run needs this and it is broken (exit 1); `warn`: worth a look, a run works. */
  readonly status: 'ok' | 'warn' | 'fail';
  /** What was found, one sentence. */
  readonly detail: string;
  /** How to fix it, on a failure or a warning. */
  readonly hint?: string;
  /** Measured values for `--json` (schema version, round trip in ms, …). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** How long one network check waits for an answer. */
export const CHECK_TIMEOUT_MS = 5_000;

const MARK: Readonly<Record<Check['status'], string>> = { ok: '✔', warn: '!', fail: '✘' };

/** The checklist a person reads: one line per check, the fix indented under a failure or warning, a verdict. */
export function renderChecklist(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.flatMap((c) => [
    `${MARK[c.status]} ${c.name.padEnd(width)}  ${c.detail}`,
    ...(c.hint !== undefined && c.status !== 'ok' ? [`  ${' '.repeat(width)}  fix: ${c.hint}`] : []),
  ]);
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const verdict = failed > 0
    ? `${failed} ${failed === 1 ? 'check' : 'checks'} failed: the bot cannot run as configured`
    : `ready to run${warned > 0 ? ` (${warned} ${warned === 1 ? 'warning' : 'warnings'})` : ''}`;
  return [...lines, '', verdict].join('\n');
}

/** `--json`: the same checks and verdict as one JSON document. */
export function checklistJson(checks: readonly Check[]): string {
  return JSON.stringify({ ok: checks.every((c) => c.status !== 'fail'), checks }, null, 2);
}

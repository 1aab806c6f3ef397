import { existsSync, readFileSync } from 'node:fs';

/** The forms a bot token can leak in: whole, its secret part alone, and URL-encoded. */
export function tokenForms(token: string): string[] {
  const secret = token.slice(token.indexOf(':') + 1);
  return [token, secret, encodeURIComponent(token)];
}

/** Where each forbidden string appears: `[{ where, form }]`, empty when clean. */
export function findLeaks(texts: Readonly<Record<string, string>>, forbidden: readonly string[]): Array<{ where: string; form: string }> {
  return Object.entries(texts).flatMap(([where, text]) => forbidden.filter((form) => text.includes(form)).map((form) => ({ where, form: `${form.slice(0, 6)}…` })));
}

/** Reads files that exist as latin1 text (binary-safe: SQLite pages are scanned byte for byte). */
export function readFiles(paths: readonly string[]): Record<string, string> {
  return Object.fromEntries(paths.filter((p) => existsSync(p)).map((p) => [p, readFileSync(p, 'latin1')]));
}

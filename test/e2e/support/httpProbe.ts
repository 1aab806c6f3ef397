/** GET a bot endpoint as text (`/metrics`) or JSON (`/health`). */
export async function getText(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

/**
 * Sum of one Prometheus metric over its label sets (`name` without labels, e.g.
 * `kline_signals_ws_reconnects_total`), or undefined when absent.
 */
export function metricValue(text: string, name: string, labelFilter?: string): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    if (labelFilter && !(match[2] ?? '').includes(labelFilter)) continue;
    sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}

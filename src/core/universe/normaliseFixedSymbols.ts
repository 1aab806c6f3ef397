/** Quote asset of the symbols kline-signals watches (USDⓈ-M, USDT-margined perpetuals). */
export const UNIVERSE_QUOTE_ASSET = 'USDT';

/**
 * Turns FIXED_SYMBOLS into full symbols: people write base assets (`BTC`) or full symbols
 * (`ethusdt`), with spaces and repeats. Each entry is trimmed and upper-cased; an entry that does
 * not already end in the quote asset gets it appended (`BTC` → `BTCUSDT`); empty entries are
 * dropped; repeats keep their first position.
 *
 * @param entries a comma-separated string (the raw env value) or its parts
 */
export function normaliseFixedSymbols(
  entries: string | readonly string[],
  quoteAsset: string = UNIVERSE_QUOTE_ASSET,
): string[] {
  const parts = typeof entries === 'string' ? entries.split(',') : entries;
  const quote = quoteAsset.toUpperCase();
  const seen = new Set<string>();
  for (const part of parts) {
    const upper = part.trim().toUpperCase();
    if (upper === '') continue;
    const symbol = upper.length > quote.length && upper.endsWith(quote) ? upper : `${upper}${quote}`;
    seen.add(symbol);
  }
  return [...seen];
}

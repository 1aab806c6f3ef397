import { writeFileSync } from 'node:fs';
import { CdpConnection, type CdpEvent } from './cdpConnection.js';
import type { RunningChromium } from './chromium.js';
import { pngSize, type PngSize } from './pngSize.js';

/** Something a page reported that a person would see as broken: a console error, an uncaught exception, a failed load. */
export interface PageProblem {
  readonly kind: 'console' | 'exception' | 'log';
  readonly text: string;
}

/** Width of every screenshot: a laptop screen, and a PNG small enough to commit. */
export const VIEWPORT_WIDTH = 1280;

function consoleText(params: Record<string, unknown>): string {
  const args = (params.args as { value?: unknown; description?: string }[] | undefined) ?? [];
  return args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? ''))).join(' ');
}

/** The problem an event reports, if it is one: console `error`/`assert`, exceptions, `error` log entries. */
function problemOf({ method, params }: CdpEvent): PageProblem | undefined {
  if (method === 'Runtime.consoleAPICalled' && (params.type === 'error' || params.type === 'assert')) {
    return { kind: 'console', text: consoleText(params) };
  }
  if (method === 'Runtime.exceptionThrown') {
    const details = params.exceptionDetails as { text?: string; exception?: { description?: string } };
    return { kind: 'exception', text: details.exception?.description ?? details.text ?? 'exception' };
  }
  if (method === 'Log.entryAdded') {
    const entry = params.entry as { level?: string; text?: string; url?: string };
    if (entry.level === 'error') return { kind: 'log', text: `${entry.text ?? ''} ${entry.url ?? ''}`.trim() };
  }
  return undefined;
}

/**
 * One browser tab driven over CDP: navigates, evaluates DOM checks, waits on conditions by
 * polling, takes full-page screenshots, and records every {@link PageProblem} from the moment it
 * opens, so a test can require that a page loaded with none.
 */
export class BrowserPage {
  readonly problems: PageProblem[] = [];

  private constructor(
    private readonly cdp: CdpConnection,
    private readonly closeTarget: () => Promise<void>,
    /** CSS pixels across: {@link VIEWPORT_WIDTH} unless a test looks at another screen (a phone at 390). */
    readonly width: number = VIEWPORT_WIDTH,
  ) {
    cdp.onEvent((event) => {
      const problem = problemOf(event);
      if (problem) this.problems.push(problem);
    });
  }

  /** Opens a new tab (`/json/new`), enables Runtime, Log and Page, and sets a viewport `width` px wide ({@link VIEWPORT_WIDTH}). */
  static async open(chrome: RunningChromium, width = VIEWPORT_WIDTH): Promise<BrowserPage> {
    const res = await fetch(`${chrome.httpUrl}/json/new?about:blank`, { method: 'PUT' });
    if (!res.ok) throw new Error(`/json/new answered ${res.status}`);
    const target = (await res.json()) as { id: string; webSocketDebuggerUrl: string };
    const cdp = await CdpConnection.connect(target.webSocketDebuggerUrl);
    const page = new BrowserPage(cdp, async () => {
      cdp.close();
      await fetch(`${chrome.httpUrl}/json/close/${target.id}`).catch(() => undefined);
    }, width);
    await Promise.all([cdp.send('Runtime.enable'), cdp.send('Log.enable'), cdp.send('Page.enable')]);
    await page.setViewport(900);
    return page;
  }

  /** Loads `url` and resolves at its load event; rejects when the navigation itself fails. */
  async navigate(url: string, timeoutMs = 20_000): Promise<void> {
    const loaded = this.cdp.waitForEvent('Page.loadEventFired', timeoutMs);
    const result = await this.cdp.send<{ errorText?: string }>('Page.navigate', { url });
    if (result.errorText) {
      loaded.catch(() => undefined);
      throw new Error(`navigation to ${url} failed: ${result.errorText}`);
    }
    await loaded;
  }

  /** The value of a JavaScript expression in the page (promises awaited); rethrows the page's exception. */
  async evaluate<T>(expression: string): Promise<T> {
    const out = await this.cdp.send<{ result: { value?: unknown }; exceptionDetails?: { text?: string; exception?: { description?: string } } }>(
      'Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true },
    );
    if (out.exceptionDetails) throw new Error(`evaluate failed: ${out.exceptionDetails.exception?.description ?? out.exceptionDetails.text}`);
    return out.result.value as T;
  }

  /** Polls `expression` until it is truthy and returns its value, or throws naming `what` after `timeoutMs`. */
  async waitFor<T>(what: string, expression: string, timeoutMs: number, everyMs = 200): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(expression);
      if (value) return value;
      if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /**
   * Saves a PNG of the whole page: the viewport grows to the document's height (capped at
   * `maxHeight`, to keep the file commit-friendly), then one frame is captured. Returns its size.
   */
  async screenshotFullPage(file: string, maxHeight = 6000): Promise<PngSize> {
    const docHeight = await this.evaluate<number>('Math.ceil(document.documentElement.scrollHeight)');
    await this.setViewport(Math.min(maxHeight, Math.max(1, docHeight)));
    await this.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
    const shot = await this.cdp.send<{ data: string }>('Page.captureScreenshot', { format: 'png', fromSurface: true });
    const bytes = Buffer.from(shot.data, 'base64');
    writeFileSync(file, bytes);
    return pngSize(bytes);
  }

  /** Closes the tab and its socket. */
  async close(): Promise<void> {
    await this.closeTarget();
  }

  private async setViewport(height: number): Promise<void> {
    await this.cdp.send('Emulation.setDeviceMetricsOverride', { width: this.width, height, deviceScaleFactor: 1, mobile: false });
  }
}

import { Script, createContext, runInContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { EN } from '../../../src/sinks/telegram/templates/strings.en.js';
import { EQUITY_CHART_SCRIPT } from '../../../src/sinks/http/dashboard/equityChart.js';
import { escapeHtml, jsonForScript } from '../../../src/sinks/http/dashboard/inline.js';
import { DASHBOARD_LABELS } from '../../../src/sinks/http/dashboard/labels.js';
import { FakeDocument } from './fakeDom.js';
import { startServer } from './fixtures.js';

let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function page(language?: 'vi' | 'en'): Promise<{ html: string; headers: Headers }> {
  server = await startServer(language ? { language } : {});
  const res = await fetch(`${server.url}/`);
  expect(res.status, 'dashboard served').toBe(200);
  return { html: await res.text(), headers: res.headers };
}

const inlineScripts = (html: string): string[] => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const jsonBlock = (html: string, id: string): string => new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html)![1]!;

describe('dashboard page', () => {
  it('is self-contained: no external URL in src, href, url() or imports, and a CSP that forbids them', async () => {
    const { html, headers } = await page();
    expect(headers.get('content-type'), 'HTML').toMatch(/^text\/html; charset=utf-8/);
    expect(headers.get('content-security-policy'), 'only its own origin').toContain("default-src 'none'");
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]!);
    expect(refs.filter((r) => !r.startsWith('data:')), 'no src/href other than data: URIs').toEqual([]);
    expect(html, 'no CSS url() or @import').not.toMatch(/url\(|@import/i);
    const urls = [...html.matchAll(/https?:\/\/[^\s'"<>)]*/g)].map((m) => m[0]);
    expect(urls, 'the only absolute URL is the SVG namespace, which is a name, not a fetch').toEqual(['http://www.w3.org/2000/svg']);
  });

  it('inlines the equity chart script verbatim, and every inline script compiles', async () => {
    const { html } = await page();
    const scripts = inlineScripts(html);
    expect(scripts, 'the chart code is the shared EQUITY_CHART_SCRIPT').toContain(EQUITY_CHART_SCRIPT);
    for (const code of scripts) expect(() => new Script(code), 'valid JavaScript').not.toThrow();
  });

  it.each(['vi', 'en'] as const)('labels follow the language option (%s)', async (language) => {
    const { html } = await page(language);
    const L = DASHBOARD_LABELS[language];
    expect(html, 'html lang').toContain(`<html lang="${language}">`);
    expect(html, 'title').toContain(`<title>${escapeHtml(L.title)}</title>`);
    expect(JSON.parse(jsonBlock(html, 'ks-labels')), 'labels handed to the client').toEqual(L);
  });

  it('defaults to Vietnamese', async () => {
    const { html } = await page();
    expect(html, 'Vietnamese title').toContain(escapeHtml(DASHBOARD_LABELS.vi.title));
  });
});

describe('escaping helpers', () => {
  it('escapeHtml neutralises markup and quotes', () => {
    expect(escapeHtml(`<img src=x onerror="a('&')">`), 'entities').toBe('&lt;img src=x onerror=&quot;a(&#39;&amp;&#39;)&quot;&gt;');
  });

  it('jsonForScript cannot close its script element and reads back unchanged', () => {
    const value = { s: '</script><script>alert(1)</script>', t: '<!-- & \u2028' };
    const text = jsonForScript(value);
    expect(text, 'no closing tag').not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(text), 'round trip').toEqual(value);
  });
});

describe('dashboard client against the live API', () => {
  it('fills every panel from /api/* and renders hostile data as text', async () => {
    const { html } = await page('en');
    const { sources } = server!;
    const hostile = '<img src=x onerror=alert(1)>';
    sources.universe = [...sources.universe, hostile];
    sources.signals[1] = { ...sources.signals[1]!, status: 'blocked', reasons: [{ code: 'open_trade', detail: { symbol: hostile } }] };

    const doc = new FakeDocument();
    for (const [, id] of html.matchAll(/<(?:div|span)[^>]* id="(ks-[^"]+)"/g)) doc.add(id!);
    doc.add('ks-labels', jsonBlock(html, 'ks-labels'));
    doc.add('ks-config', jsonBlock(html, 'ks-config'));
    const intervals: number[] = [];
    const context = createContext({
      document: doc,
      fetch: (path: string, init: RequestInit) => fetch(new URL(path, `${server!.url}/`), init),
      setInterval: (_fn: unknown, ms: number) => intervals.push(ms),
    });
    runInContext('var window = this;', context);
    for (const code of inlineScripts(html)) runInContext(code, context);
    const ok = await runInContext('window.ksDashboard.refresh()', context);
    expect(ok, 'refresh succeeded').toBe(true);
    expect(intervals, 'polls every few seconds').toEqual([JSON.parse(jsonBlock(html, 'ks-config')).refreshMs]);
    expect(intervals[0], 'a few seconds').toBeLessThanOrEqual(10_000);

    const text = (id: string): string => doc.getElementById(id)!.textContent;
    expect(text('ks-health'), 'health badge').toBe(DASHBOARD_LABELS.en.healthy);
    for (const sym of sources.universe) expect(text('ks-status'), `universe shows ${sym}`).toContain(sym);
    for (const sh of sources.shardList) expect(text('ks-status'), `shard ${sh.id}`).toContain(sh.id);
    expect(text('ks-open'), 'open trade symbol').toContain(sources.open[0]!.symbol);
    const open = sources.open[0]!;
    const openRow = doc.getElementById('ks-open')!.find('tr')[1]!.children.map((td) => td.textContent);
    expect(openRow.slice(6, 8), 'unrealised R and USDT, signed, as /open gives them').toEqual([
      `+${open.figures!.rMultiple.toFixed(2)}`, `+${open.figures!.pnlUsdt.toFixed(2)}`,
    ]);
    expect(openRow[5], 'the price with the time of its candle (UTC)').toMatch(/ \(\d\d:\d\d\)$/);
    expect(openRow[8], 'the stop with the move to it').toMatch(/\(-\d+\.\d\d%\)$/);
    expect(openRow[11], 'its age, as Telegram words a duration').toBe('1h');
    const sent = sources.signals.filter((s) => s.status === 'sent');
    const blocked = sources.signals.filter((s) => s.status === 'blocked');
    expect(doc.getElementById('ks-signals')!.find('tr').length, 'header + one row per sent signal').toBe(sent.length + 1);
    expect(doc.getElementById('ks-blocked')!.find('tr').length, 'header + one row per blocked candidate').toBe(blocked.length + 1);
    expect(text('ks-blocked'), 'reasons shown, worded, hostile text as text').toContain(`${EN.reasonLabel.open_trade}: a ${hostile} signal was sent on this candle`);
    const L = DASHBOARD_LABELS.en;
    const rows = doc.getElementById('ks-memory-active')!.find('tr').slice(1).map((tr) => tr.children.map((td) => td.textContent));
    const lock = sources.memory().active[0]!;
    expect(rows, 'one row per active verdict: rule, scope, effect, reason').toEqual([
      ['Symbol losing streak', 'SOLUSDT', `${L.lockUntil} ${new Date(lock.type === 'lock' ? lock.untilMs : 0).toISOString().slice(0, 16).replace('T', ' ')}`, '2 losses in a row'],
      ['Low overall win rate', L.global, `${L.thresholdAdd}5`, 'won 9 of the last 20 trades, below 55%'],
      ['Drawdown: lower risk', 'model Reversal', `${L.riskCap} 0.5%`, 'equity 8.35% below its peak, over 8%'],
    ]);
    expect(text('ks-memory-events'), 'memory event by the rule\'s name').toContain('Drawdown: fewer signals');
    expect(doc.getElementById('ks-trades')!.find('tr').length, 'closed trades').toBe(Math.min(sources.trades.length, 50) + 1);
    const line = doc.getElementById('ks-equity-chart')!.find('polyline')[0]!;
    expect(line.getAttribute('points')!.split(' ').length, 'equity curve drawn from /api/equity').toBe(sources.equityPoints.length);
    expect(doc.body.descendants().some((e) => e.tagName === 'img'), 'hostile text never became an element').toBe(false);
    expect(doc.getElementById('ks-banner')!.className, 'no disconnected banner').toBe('');
  });

  it('shows the disconnected banner when the API stops answering', async () => {
    const { html } = await page('en');
    const doc = new FakeDocument();
    for (const [, id] of html.matchAll(/<(?:div|span)[^>]* id="(ks-[^"]+)"/g)) doc.add(id!);
    doc.add('ks-labels', jsonBlock(html, 'ks-labels'));
    doc.add('ks-config', jsonBlock(html, 'ks-config'));
    const url = server!.url;
    const context = createContext({ document: doc, fetch: (p: string) => fetch(new URL(p, `${url}/`)), setInterval: () => 0 });
    runInContext('var window = this;', context);
    for (const code of inlineScripts(html)) runInContext(code, context);
    expect(await runInContext('window.ksDashboard.refresh()', context), 'first refresh works').toBe(true);
    await server!.close();
    server = undefined;
    expect(await runInContext('window.ksDashboard.refresh()', context), 'refresh fails').toBe(false);
    expect(doc.getElementById('ks-banner')!.className, 'banner shown').toBe('shown');
  });
});

import { createContext, runInContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARD_LABELS } from '../../../src/sinks/http/dashboard/labels.js';
import { leaks } from '../wording/identifiers.js';
import { FakeDocument } from './fakeDom.js';
import { startServer } from './fixtures.js';

let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const jsonBlock = (html: string, id: string): string => new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html)![1]!;

/** The dashboard's own client run once against the live fake API; the text of each panel by id. */
async function dashboard(language: 'vi' | 'en', change: (s: NonNullable<typeof server>['sources']) => void = () => {}): Promise<(id: string, separate?: boolean) => string> {
  server = await startServer({ language });
  change(server.sources);
  const html = await (await fetch(`${server.url}/`)).text();
  const doc = new FakeDocument();
  for (const [, id] of html.matchAll(/<(?:div|span)[^>]* id="(ks-[^"]+)"/g)) doc.add(id!);
  doc.add('ks-labels', jsonBlock(html, 'ks-labels'));
  doc.add('ks-config', jsonBlock(html, 'ks-config'));
  const url = server.url;
  const context = createContext({ document: doc, fetch: (p: string, init: RequestInit) => fetch(new URL(p, `${url}/`), init), setInterval: () => 0 });
  runInContext('var window = this;', context);
  for (const [, code] of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) runInContext(code!, context);
  expect(await runInContext('window.ksDashboard.refresh()', context), 'refresh succeeded').toBe(true);
  // `separate`: each cell on its own line, so words of adjacent cells never run into one.
  return (id, separate = false) => {
    const box = doc.getElementById(id)!;
    if (!separate) return box.textContent;
    return [box, ...box.descendants()].filter((e) => e.children.length === 0).map((e) => e.textContent).join('\n');
  };
}

const PANELS = ['ks-health', 'ks-status', 'ks-open', 'ks-signals', 'ks-blocked', 'ks-memory-active', 'ks-memory-events', 'ks-trades'];

describe('the dashboard in Vietnamese reads as Telegram does (regression: raw continuation, LONG/SHORT, seed)', () => {
  it('words sides, models, outcomes, scopes and the profile; no program key in any panel', async () => {
    const text = await dashboard('vi');
    const all = PANELS.map((id) => text(id, true)).join('\n');
    expect(leaks(all, 'vi'), all).toEqual([]);
    expect(text('ks-signals'), 'sides as MUA/BÁN').toMatch(/MUA|BÁN/);
    expect(text('ks-signals'), 'the model by its Vietnamese name').toMatch(/Xu hướng tiếp diễn|Đảo chiều/);
    expect(text('ks-trades'), 'outcomes in words').toMatch(/Thắng|Thua/);
    expect(text('ks-memory-active'), 'a model scope by its name').toContain('mô hình Đảo chiều');
    expect(text('ks-status'), 'the profile by its name').toContain('Bộ mô hình' + 'Cơ bản theo từng khung');
    expect(text('ks-status'), 'uptime in Vietnamese units, the zero parts left out').toContain('Thời gian chạy' + '1 giờ');
    expect(text('ks-open'), 'the age of the open trade likewise').toContain('1 giờ');
    expect(text('ks-status'), 'the age of the latest socket data, not a "frame"').toContain('Dữ liệu mới nhất');
  });

  it('says the rules are on when none is in force, and that the memory is off when it is', async () => {
    const on = await dashboard('vi', (s) => { s.memory = () => ({ active: [], events: [], rulesOn: 8 }); });
    expect(on('ks-memory-active'), 'not a bare "không có" under "rules in force"').toBe('8 quy tắc đang bật; hiện chưa quy tắc nào có hiệu lực');
    await server!.close();
    const off = await dashboard('en', (s) => { s.memory = () => ({ active: [], events: [], rulesOn: 0 }); });
    expect(off('ks-memory-active')).toBe(DASHBOARD_LABELS.en.memoryOff);
  });

  it('names the cause when it is not healthy: Binance out of reach, the socket "mất kết nối"', async () => {
    const text = await dashboard('vi', (s) => { for (const sh of s.shardList) sh.lastFrameAgeMs = s.staleAfterMs + 1; });
    expect(text('ks-health'), 'not a bare "Có sự cố"').toBe('Có sự cố: mất kết nối tới Binance (không có dữ liệu nến mới)');
    expect(text('ks-status'), 'each shard').toContain(DASHBOARD_LABELS.vi.stale);
    expect(DASHBOARD_LABELS.vi.stale, '"connection lost", not "signal lost" in a signal bot').toBe('mất kết nối');
  });

  it('tells a socket that never connected from one that lost its connection', async () => {
    const text = await dashboard('vi', (s) => { s.shardList = [{ id: 's0', streams: 9, lastFrameAgeMs: null, ageMs: s.staleAfterMs }]; });
    expect(text('ks-health')).toBe('Có sự cố: chưa kết nối được tới Binance (chưa nhận được nến nào)');
    expect(text('ks-status'), 'the row').toContain(DASHBOARD_LABELS.vi.noFrame + DASHBOARD_LABELS.vi.notConnected);
  });
});

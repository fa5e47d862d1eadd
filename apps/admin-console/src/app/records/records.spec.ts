import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { ChatRecordRowView, ChatRecordView } from '@kefu/contracts';
import { FakeFetch } from '@kefu/ui/testing';
import { record, site } from '../admin-fixtures';
import { todayIn } from '../reporting/period';
import { ConsolePage } from '../testing/console-page';

const row = (): ChatRecordRowView => ({
  chatId: 'c1',
  siteId: 's1',
  visitorId: 'v1',
  visitId: 'visit-1',
  visitorName: '#5DC3E9',
  status: 'closed',
  agent: { id: 'u-owner', name: '小王' },
  requestedAt: '2026-01-01T10:00:00.000Z',
  closedAt: '2026-01-01T10:10:00.000Z',
  page: { url: 'https://shop.test/p/1', title: 'Product 1' },
  category: '售前咨询',
  rating: { score: 4, suggestion: '' },
  messageCount: 2,
  transfers: 0,
  region: { country: '中国', province: '江苏省', city: '南京市', isp: '电信' },
  source: { kind: 'search', host: 'www.baidu.com', engine: 'baidu', keyword: '客服系统' },
});

const visitRecord = (): ChatRecordView => {
  const r = record();
  return {
    ...r,
    category: '售前咨询',
    visit: {
      ...r.visit!,
      exitAt: '2026-01-01T10:20:00.000Z',
      region: { country: '中国', province: '江苏省', city: '南京市', isp: '电信' },
      source: { kind: 'search', host: 'www.baidu.com', engine: 'baidu', keyword: '客服系统' },
      device: { type: 'mobile', os: 'iOS', browser: 'Safari' },
    },
  };
};

function server(chat: ChatRecordView = visitRecord()): FakeFetch {
  return new FakeFetch()
    .on('GET /api/sites', { status: 200, body: [site()] })
    .on('GET /api/sites/s1', { status: 200, body: { ...site(), agents: [{ userId: 'u-owner', nickname: '小王' }] } })
    .on('GET /api/sites/s1/chats', { status: 200, body: [row()], headers: { 'X-Total-Count': '61' } })
    .on('GET /api/sites/s1/chats/c1', { status: 200, body: chat });
}

async function until(page: ConsolePage, testId: string): Promise<void> {
  for (let i = 0; i < 10 && !page.el(testId); i++) await page.render();
}

const params = (url: string): Record<string, string> => Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));

describe('I5 chat records', () => {
  it('lists this month’s chats of the site and opens one on click', async () => {
    const page = await ConsolePage.open('/sites/s1/chats', server());
    await until(page, 'chat-record-row');
    const rows = page.all('chat-record-row');
    expect(rows).toHaveLength(1);
    const text = rows[0]?.textContent ?? '';
    for (const seen of ['#5DC3E9', '小王', '已结束', 'Product 1', '售前咨询', '4 星', '江苏省 南京市', '百度搜索 · 客服系统']) expect(text).toContain(seen);
    expect(page.el('total')?.textContent).toContain('共 61 条');

    const today = todayIn('Asia/Shanghai');
    const [request] = page.fetch.requestsTo('GET /api/sites/s1/chats');
    expect(params(request?.url ?? '')).toEqual({ from: `${today.slice(0, 7)}-01`, to: today, limit: '50', skip: '0' });

    rows[0]?.querySelector('td:nth-child(2)')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await page.render();
    expect(TestBed.inject(Router).url).toBe('/sites/s1/chats/c1');
  });

  it('puts the search form into the URL and asks the API for exactly that', async () => {
    const page = await ConsolePage.open('/sites/s1/chats', server());
    await until(page, 'chat-record-row');
    await page.fill('search-from', '2026-01-01');
    await page.fill('search-to', '2026-01-31');
    await page.select('search-status', 'closed');
    await page.select('search-agent', 'u-owner');
    await page.fill('search-category', ' 售前咨询 ');
    await page.fill('search-q', '多少钱');
    await page.click('search-submit');
    await page.render();

    const expected = { from: '2026-01-01', to: '2026-01-31', status: 'closed', agentId: 'u-owner', category: '售前咨询', q: '多少钱' };
    expect(params(TestBed.inject(Router).url)).toEqual(expected);
    const last = page.fetch.requestsTo('GET /api/sites/s1/chats').at(-1);
    expect(params(last?.url ?? '')).toEqual({ ...expected, limit: '50', skip: '0' });

    await page.click('page-next');
    expect(params(TestBed.inject(Router).url)['page']).toBe('2');
    expect(params(page.fetch.requestsTo('GET /api/sites/s1/chats').at(-1)?.url ?? '')['skip']).toBe('50');

    await page.click('search-reset');
    expect(TestBed.inject(Router).url).toBe('/sites/s1/chats');
  });

  it('H3: the category filter offers the site’s conversation categories, and typing stays possible', async () => {
    const fetch = server().on('GET /api/sites/s1/chat-settings', { status: 200, body: { categories: ['售前咨询', '售后服务'] } });
    const page = await ConsolePage.open('/sites/s1/chats', fetch);
    await until(page, 'chat-record-row');
    const input = page.el('search-category') as HTMLInputElement;
    const options = [...(input.list?.querySelectorAll('option') ?? [])].map((o) => o.value);
    expect(options).toEqual(['售前咨询', '售后服务']);
  });

  it('opens a search from a shared link with its filters filled in', async () => {
    const page = await ConsolePage.open('/sites/s1/chats?from=2026-01-02&to=2026-01-03&q=%E9%80%80%E6%AC%BE&status=active', server());
    await until(page, 'chat-record-row');
    expect((page.el('search-q') as HTMLInputElement).value).toBe('退款');
    expect((page.el('search-from') as HTMLInputElement).value).toBe('2026-01-02');
    expect((page.el('search-status') as HTMLSelectElement).value).toBe('active');
  });

  it('shows the transcript as text (markup is not rendered) with the visit info: exit, region, source, keyword', async () => {
    const page = await ConsolePage.open('/sites/s1/chats/c1', server());
    await until(page, 'transcript-message');
    const messages = page.all('transcript-message');
    expect(messages.map((m) => m.getAttribute('data-from'))).toEqual(['visitor', 'agent']);
    expect(messages[0]?.textContent).toContain('<img src=x onerror="window.pwned=1">多少钱？');
    expect(messages[0]?.querySelector('img')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    const visit = page.el('visit-info')?.textContent ?? '';
    expect(visit).toContain('114.114.114.114');
    expect(visit).toContain('https://www.baidu.com/s?wd=shop');
    expect(page.el('visit-region')?.textContent).toContain('中国 江苏省 南京市');
    expect(page.el('visit-source')?.textContent).toContain('百度搜索');
    expect(page.el('visit-keyword')?.textContent).toContain('客服系统');
    expect(page.el('visit-exit')?.textContent).not.toContain('仍在网站上');
    expect(page.el('record-category')?.textContent).toContain('售前咨询');
  });

  it('issue 5: shows images and files of the transcript, and a hostile reference only as its name', async () => {
    const r = visitRecord();
    const base = r.transcript.find((e) => e.kind === 'message')!;
    const withAttachments: ChatRecordView = {
      ...r,
      transcript: [
        { ...base, id: 'a1', position: 100, text: '', attachment: { kind: 'image', ref: 'https://cdn.shop.test/1.png', name: '实拍.png' } },
        {
          ...base,
          id: 'a2',
          position: 101,
          text: '说明书',
          attachment: { kind: 'file', ref: 'https://files.shop.test/m.pdf', name: 'm.pdf', size: 3_000_000 },
        },
        { ...base, id: 'a3', position: 102, text: '', attachment: { kind: 'image', ref: 'javascript:alert(1)', name: 'evil.png' } },
      ] as ChatRecordView['transcript'],
    };
    const page = await ConsolePage.open('/sites/s1/chats/c1', server(withAttachments));
    await until(page, 'attachment-image');
    const image = page.el('attachment-image') as HTMLAnchorElement;
    expect([image.getAttribute('href'), image.rel]).toEqual(['https://cdn.shop.test/1.png', 'noopener noreferrer']);
    expect(image.querySelector('img')?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(page.el('attachment-file')?.textContent).toContain('2.9 MB');
    expect(page.el('attachment-text')?.textContent).toContain('evil.png');
    expect(page.root.querySelector('a[href^="javascript"]')).toBeNull();
  });
});

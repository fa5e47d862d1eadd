import { TestBed } from '@angular/core/testing';
import type { LiveVisitorView, TeamMemberView } from '@kefu/contracts';
import { SOCKET_CONNECTOR } from '@kefu/ui';
import { FakeFetch, FakeSocketConnector } from '@kefu/ui/testing';
import { site } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

const visitor = (extra: Partial<LiveVisitorView> = {}): LiveVisitorView => ({
  visitId: 'visit-1',
  visitorId: 'v1',
  orgId: 'o1',
  siteId: 's1',
  kind: 'returning',
  currentPage: { url: 'https://shop.test/p/1', title: '商品一', since: new Date().toISOString() },
  pages: 3,
  region: { country: '中国', province: '江苏省', city: '南京市', isp: '' },
  source: { kind: 'search', host: 'www.baidu.com', engine: 'baidu', keyword: '客服' },
  device: { type: 'desktop', os: 'Windows', browser: 'Chrome' },
  startedAt: new Date(Date.now() - 125_000).toISOString(),
  chatState: 'browsing',
  ...extra,
});

const member = (extra: Partial<TeamMemberView> = {}): TeamMemberView => ({
  agentId: 'a1',
  orgId: 'o1',
  name: '小王',
  status: 'online',
  statusSince: new Date().toISOString(),
  chatsNow: 0,
  chatsToday: 2,
  firstResponseMs: 12_000,
  avgHandleMs: 300_000,
  ...extra,
});

describe('B1/I4 live monitoring', () => {
  it('shows the visitors and the team, polls until the live connection is up, then follows its pushes', async () => {
    const connector = new FakeSocketConnector();
    TestBed.configureTestingModule({ providers: [{ provide: SOCKET_CONNECTOR, useValue: connector }] });
    const fetch = new FakeFetch()
      .on('GET /api/sites', { status: 200, body: [site()] })
      .on('GET /api/monitoring/visitors', { status: 200, body: [visitor()] })
      .on('GET /api/monitoring/team', { status: 200, body: [member()] });
    const page = await ConsolePage.open('/monitoring', fetch);
    await page.render();

    expect(page.el('monitor-mode')?.textContent).toContain('每 5 秒刷新');
    const rows = page.all('live-visitor');
    expect(rows).toHaveLength(1);
    for (const seen of ['老访客', '商品一', '江苏省 南京市', '百度搜索 · 客服', '浏览中']) expect(rows[0]?.textContent).toContain(seen);
    expect(page.el('time-on-site')?.textContent).toMatch(/2分钟/);
    const team = page.all('team-member');
    expect(team[0]?.textContent).toContain('在线');
    expect(team[0]?.querySelector('[data-col="chatsToday"]')?.textContent?.trim()).toBe('2');
    expect(team[0]?.textContent).toContain('12秒');
    expect(connector.namespaces).toEqual(['/admin']);

    const reads = fetch.requestsTo('GET /api/monitoring/visitors').length;
    connector.socket.serverConnect();
    await page.render();
    // A (re)connection reads the lists again: what changed while it was down is not lost.
    expect(fetch.requestsTo('GET /api/monitoring/visitors').length).toBe(reads + 1);
    // Connected, but no push seen yet (a server without pushes): it keeps polling.
    expect(page.el('monitor-mode')?.textContent).toContain('每 5 秒刷新');

    connector.socket.push('monitor:visitor', visitor({ visitId: 'visit-2', kind: 'new', chatState: 'chatting' }));
    connector.socket.push('monitor:visitor', visitor({ chatState: 'queued' }));
    connector.socket.push('monitor:agent', member({ chatsNow: 1, chatsToday: 3 }));
    await page.render();
    expect(page.el('monitor-mode')?.textContent).toContain('实时推送');
    expect(page.all('live-visitor')).toHaveLength(2);
    expect(page.el('visitor-count')?.textContent).toBe('2');
    expect(page.text).toContain('排队中');
    expect(page.el('team-member')?.querySelector('[data-col="chatsNow"]')?.textContent?.trim()).toBe('1');

    connector.socket.push('monitor:visitor-left', { siteId: 's1', visitId: 'visit-1' });
    await page.render();
    expect(page.all('live-visitor').map((r) => r.getAttribute('data-visit'))).toEqual(['visit-2']);

    connector.socket.serverDrop();
    await page.render();
    expect(page.el('monitor-mode')?.textContent).toContain('每 5 秒刷新');
    // Back: this server pushes, so it is live again at once.
    connector.socket.serverConnect();
    await page.render();
    expect(page.el('monitor-mode')?.textContent).toContain('实时推送');
  });
});

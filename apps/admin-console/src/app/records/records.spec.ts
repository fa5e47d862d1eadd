import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ChatSummaryView } from '@kefu/contracts';
import { FETCH, SessionStore } from '@kefu/ui';
import { FakeFetch, provideTestI18n, settle } from '@kefu/ui/testing';
import { ownerSession, record, site } from '../admin-fixtures';
import { provideAdminRouter } from '../app.routes';
import zhCN from '../i18n/zh-CN.json';

describe('chat records', () => {
  let fetch: FakeFetch;
  let harness: RouterTestingHarness;

  const root = (): HTMLElement => harness.fixture.nativeElement as HTMLElement;
  const all = (testId: string): HTMLElement[] => [...root().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  async function render(): Promise<void> {
    await settle(20);
    await harness.fixture.whenStable();
  }

  beforeEach(() => {
    const { transcript: _t, orgId: _o, messageCount: _m, visit: _v, ...summary } = record();
    fetch = new FakeFetch()
      .on('GET /api/sites/s1', { status: 200, body: site() })
      .on('GET /api/sites/s1/chats', { status: 200, body: [summary satisfies ChatSummaryView] })
      .on('GET /api/sites/s1/chats/c1', { status: 200, body: record() });
    TestBed.configureTestingModule({
      providers: [provideAdminRouter(), provideTestI18n({ 'zh-CN': zhCN }), { provide: FETCH, useValue: fetch.fetch }],
    });
    TestBed.inject(SessionStore).save(ownerSession);
  });

  it('lists the site’s chats and opens one on click', async () => {
    harness = await RouterTestingHarness.create('/sites/s1/chats');
    await render();
    const rows = all('chat-record-row');
    expect(rows).toHaveLength(1);
    const text = rows[0]?.textContent ?? '';
    expect(text).toContain('#5DC3E9');
    expect(text).toContain('小王');
    expect(text).toContain('已结束');
    expect(text).toContain('Product 1');

    rows[0]?.querySelector('td:nth-child(2)')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await render();
    expect(TestBed.inject(Router).url).toBe('/sites/s1/chats/c1');
  });

  it('shows the transcript as text (markup is not rendered) with the visit info', async () => {
    harness = await RouterTestingHarness.create('/sites/s1/chats/c1');
    await render();
    const messages = all('transcript-message');
    expect(messages.map((m) => m.getAttribute('data-from'))).toEqual(['visitor', 'agent']);
    expect(messages[0]?.textContent).toContain('<img src=x onerror="window.pwned=1">多少钱？');
    expect(messages[0]?.querySelector('img')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    expect(all('visit-info')[0]?.textContent).toContain('114.114.114.114');
    expect(all('visit-info')[0]?.textContent).toContain('https://www.baidu.com/s?wd=shop');
  });
});

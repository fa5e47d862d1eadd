import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { FETCH, SessionStore } from '@kefu/ui';
import { FakeFetch, provideTestI18n, settle } from '@kefu/ui/testing';
import { ownerSession, site } from '../admin-fixtures';
import { provideAdminRouter } from '../app.routes';
import zhCN from '../i18n/zh-CN.json';

describe('sites page', () => {
  let fetch: FakeFetch;
  let harness: RouterTestingHarness;

  const root = (): HTMLElement => harness.fixture.nativeElement as HTMLElement;
  const all = (testId: string): HTMLElement[] => [...root().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const el = (testId: string): HTMLElement | null => all(testId)[0] ?? null;
  const fill = (input: HTMLElement | null, value: string) => {
    (input as HTMLInputElement).value = value;
    input?.dispatchEvent(new Event('input'));
  };
  async function render(): Promise<void> {
    await settle(20);
    await harness.fixture.whenStable();
  }

  beforeEach(async () => {
    fetch = new FakeFetch();
    TestBed.configureTestingModule({
      providers: [provideAdminRouter(), provideTestI18n({ 'zh-CN': zhCN }), { provide: FETCH, useValue: fetch.fetch }],
    });
    TestBed.inject(SessionStore).save(ownerSession);
  });

  async function open(): Promise<void> {
    harness = await RouterTestingHarness.create('/sites');
    await render();
  }

  it('creates a site and lists it at once (the read waits for the write position)', async () => {
    fetch.on('GET /api/sites', { status: 200, body: [] }, { status: 200, body: [site()] });
    fetch.on('POST /api/sites', { status: 201, body: { ...site(), position: 21 } });
    await open();
    expect(el('sites-empty')).not.toBeNull();

    fill(el('site-name'), '演示商城');
    fill(el('site-url'), 'https://shop.test');
    el('site-create')?.click();
    await render();

    expect(fetch.requestsTo('POST /api/sites')[0]?.body).toEqual({ name: '演示商城', url: 'https://shop.test', language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(fetch.requestsTo('GET /api/sites').at(-1)?.url).toBe('/api/sites?waitFor=21');
    expect(all('site-row')).toHaveLength(1);
    expect(fetch.requestsTo('POST /api/sites')[0]?.headers['Authorization']).toBe('Bearer owner-token');
  });

  it('shows the snippet as text, with the demo and records links', async () => {
    fetch.on('GET /api/sites', { status: 200, body: [site()] });
    await open();
    const row = all('site-row')[0]!;
    const snippet = row.querySelector('[data-testid="site-snippet"]')!;
    expect(snippet.tagName).toBe('PRE');
    expect(snippet.textContent).toBe('<script async src="https://kefu.test/loader.js" data-site="s1"></script>');
    expect(snippet.querySelector('script')).toBeNull();
    const demo = row.querySelector<HTMLAnchorElement>('[data-testid="site-demo-link"]')!;
    expect(demo.getAttribute('href')).toBe('/demo?site=s1');
    expect(demo.target).toBe('_blank');

    row.querySelector<HTMLElement>('[data-testid="site-chats-link"]')?.click();
    await render();
    expect(TestBed.inject(Router).url).toBe('/sites/s1/chats');
  });

  it('makes the signed-in user an agent of the site with a nickname and shows it', async () => {
    fetch.on('GET /api/sites', { status: 200, body: [site()] }, { status: 200, body: [site({ agents: [{ userId: 'u-owner', nickname: '小王' }] })] });
    fetch.on('POST /api/sites/s1/agents', { status: 200, body: { position: 30 } });
    await open();

    el('site-become-agent')?.click();
    await render();
    expect(fetch.requestsTo('POST /api/sites/s1/agents')).toHaveLength(0);
    expect(root().textContent).toContain('请填写客服昵称');

    fill(el('agent-nickname'), '  小王 ');
    el('site-become-agent')?.click();
    await render();
    expect(fetch.requestsTo('POST /api/sites/s1/agents')[0]?.body).toEqual({ userId: 'u-owner', nickname: '小王' });
    expect(fetch.requestsTo('GET /api/sites').at(-1)?.url).toBe('/api/sites?waitFor=30');
    expect(el('site-agents')?.textContent).toContain('小王');
    expect(el('site-i-am-agent')).not.toBeNull();
  });

  it('goes back to the login screen when the server answers 401', async () => {
    fetch.on('GET /api/sites', { status: 401, body: { code: 'UNAUTHENTICATED', message: 'session expired' } });
    await open();
    await render();
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(el('session-expired')).not.toBeNull();
  });

  it('signs out', async () => {
    fetch.on('GET /api/sites', { status: 200, body: [] });
    fetch.on('POST /api/auth/logout', { status: 204 });
    await open();
    el('logout')?.click();
    await render();
    expect(fetch.requestsTo('POST /api/auth/logout')).toHaveLength(1);
    expect(localStorage.getItem('kefu.session')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/login');
  });
});

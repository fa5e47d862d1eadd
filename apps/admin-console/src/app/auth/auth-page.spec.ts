import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { FETCH, SessionStore } from '@kefu/ui';
import { FakeFetch, provideTestI18n, settle } from '@kefu/ui/testing';
import { ownerSession } from '../admin-fixtures';
import { provideAdminRouter } from '../app.routes';
import zhCN from '../i18n/zh-CN.json';

describe('admin sign-up and sign-in', () => {
  let fetch: FakeFetch;
  let harness: RouterTestingHarness;

  const el = (testId: string): HTMLElement | null => harness.routeNativeElement?.ownerDocument.querySelector(`[data-testid="${testId}"]`) ?? null;
  const fill = (testId: string, value: string) => {
    const input = el(testId) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  async function render(): Promise<void> {
    await settle(20);
    await harness.fixture.whenStable();
  }

  beforeEach(async () => {
    fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [] });
    TestBed.configureTestingModule({
      providers: [provideAdminRouter(), provideTestI18n({ 'zh-CN': zhCN }), { provide: FETCH, useValue: fetch.fetch }],
    });
    harness = await RouterTestingHarness.create('/');
    await render();
  });

  it('sends a signed-out user to the page with both forms', () => {
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(el('register-orgName')).not.toBeNull();
    expect(el('login-email')).not.toBeNull();
  });

  it('registers an organisation, keeps the session and opens the sites page waiting for the write', async () => {
    fetch.on('POST /api/orgs', { status: 201, body: { ...ownerSession, orgId: 'o1', position: 17 } });
    fill('register-orgName', '演示商城');
    fill('register-website', 'https://shop.test');
    fill('register-email', 'owner@shop.test');
    fill('register-password', 'long enough');
    el('register-submit')?.click();
    await render();

    expect(fetch.requestsTo('POST /api/orgs')[0]?.body).toEqual({
      orgName: '演示商城',
      website: 'https://shop.test',
      email: 'owner@shop.test',
      password: 'long enough',
    });
    expect(TestBed.inject(SessionStore).token()).toBe('owner-token');
    expect(JSON.parse(localStorage.getItem('kefu.session') ?? '{}')).toEqual(ownerSession);
    expect(TestBed.inject(Router).url).toBe('/sites');
    expect(fetch.requestsTo('GET /api/sites')[0]?.url).toBe('/api/sites?waitFor=17');
  });

  it('does not submit an incomplete form, and says what is missing', async () => {
    fill('register-email', 'not-an-email');
    el('register-submit')?.click();
    await render();
    expect(fetch.requestsTo('POST /api/orgs')).toHaveLength(0);
    expect(harness.routeNativeElement?.textContent).toContain('请输入有效的邮箱地址');
  });

  it('explains a taken e-mail and a wrong password in the user’s language', async () => {
    fetch.on('POST /api/orgs', { status: 409, body: { code: 'CONFLICT', message: 'email already registered' } });
    fill('register-orgName', 'A');
    fill('register-website', 'https://a.test');
    fill('register-email', 'a@a.test');
    fill('register-password', 'long enough');
    el('register-submit')?.click();
    await render();
    expect(harness.routeNativeElement?.textContent).toContain('该邮箱已注册');

    fetch.on('POST /api/auth/login', { status: 401, body: { code: 'UNAUTHENTICATED', message: 'wrong e-mail or password' } });
    fill('login-email', 'a@a.test');
    fill('login-password', 'nope');
    el('login-submit')?.click();
    await render();
    expect(harness.routeNativeElement?.textContent).toContain('邮箱或密码不正确');
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('signs in and goes to the sites', async () => {
    fetch.on('POST /api/auth/login', { status: 200, body: ownerSession });
    fill('login-email', 'owner@shop.test');
    fill('login-password', 'secret');
    el('login-submit')?.click();
    await render();
    expect(TestBed.inject(Router).url).toBe('/sites');
  });

  it('signs in an employee added by phone (A2), and says what is wrong with a login that is neither', async () => {
    fetch.on('POST /api/auth/login', { status: 200, body: ownerSession });
    fill('login-email', '12345');
    fill('login-password', 'secret');
    el('login-submit')?.click();
    await render();
    expect(fetch.requestsTo('POST /api/auth/login')).toHaveLength(0);
    expect(harness.routeNativeElement?.textContent).toContain('请输入邮箱或手机号');

    fill('login-email', '138 0013 8000');
    el('login-submit')?.click();
    await render();
    expect(fetch.requestsTo('POST /api/auth/login')[0]?.body).toEqual({ login: '138 0013 8000', password: 'secret' });
    expect(TestBed.inject(Router).url).toBe('/sites');
  });
});

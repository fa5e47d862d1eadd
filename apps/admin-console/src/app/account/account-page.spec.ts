import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { SessionStore } from '@kefu/ui';
import { FakeFetch } from '@kefu/ui/testing';
import { ownerSession } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

const sessions = [
  { sessionRef: 'aaaaaaaaaaaa', startedAt: '2026-01-01T09:00:00.000Z', expiresAt: '2026-01-01T21:00:00.000Z', current: true },
  { sessionRef: 'bbbbbbbbbbbb', startedAt: '2026-01-01T08:00:00.000Z', expiresAt: '2026-01-01T20:00:00.000Z', current: false },
];

describe('my account (A2 A4)', () => {
  it('changes the password; a wrong current password is said plainly', async () => {
    const fetch = new FakeFetch()
      .on('GET /api/auth/sessions', { status: 200, body: sessions }, { status: 200, body: [sessions[0]] })
      .on(
        'POST /api/auth/password',
        { status: 403, body: { code: 'FORBIDDEN', message: 'the current password is wrong' } },
        { status: 200, body: { position: 70 } },
      );
    const page = await ConsolePage.open('/account', fetch);
    expect(page.all('account-session')).toHaveLength(2);

    await page.fill('account-current-password', 'old password');
    await page.fill('account-new-password', 'new password 1');
    await page.fill('account-confirm-password', 'new password 2');
    await page.click('account-change-password');
    expect(page.el('account-mismatch')).not.toBeNull();
    expect(fetch.requestsTo('POST /api/auth/password')).toHaveLength(0);

    await page.fill('account-confirm-password', 'new password 1');
    await page.click('account-change-password');
    expect(page.text).toContain('当前密码不正确');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(true);

    await page.click('account-change-password');
    expect(fetch.requestsTo('POST /api/auth/password')[1]?.body).toEqual({ currentPassword: 'old password', newPassword: 'new password 1' });
    expect(page.el('account-password-changed')).not.toBeNull();
    expect(page.all('account-session')).toHaveLength(1);
  });

  it('signs out everywhere and returns to the sign-in page', async () => {
    const fetch = new FakeFetch().on('GET /api/auth/sessions', { status: 200, body: sessions }).on('POST /api/auth/logout-everywhere', { status: 204 });
    const page = await ConsolePage.open('/account', fetch);
    await page.click('account-sign-out-everywhere');
    expect(fetch.requestsTo('POST /api/auth/logout-everywhere')).toHaveLength(1);
    expect(localStorage.getItem('kefu.session')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('B5: an agent keeps their own canned responses here', async () => {
    const fetch = new FakeFetch()
      .on('GET /api/auth/sessions', { status: 200, body: sessions })
      .on('GET /api/auth/canned-responses', { status: 200, body: { cannedResponses: [] } })
      .on('PUT /api/auth/canned-responses', (req) => ({ status: 200, body: { ...(req.body as object), position: 80 } }));
    const agent = { ...ownerSession, user: { ...ownerSession.user, roles: ['agent' as const] } };
    const page = await ConsolePage.open('/account', fetch, agent);
    await page.render();
    expect(page.text).toContain('我的常用语');
    expect(page.el('canned-empty')).not.toBeNull();
    await page.click('canned-add');
    await page.fill('canned-shortcut', 'bye');
    await page.fill('canned-text', '再见，祝您愉快！');
    await page.click('canned-save');
    expect(fetch.requestsTo('PUT /api/auth/canned-responses').map((r) => r.body)).toEqual([
      { cannedResponses: [{ shortcut: 'bye', text: '再见，祝您愉快！' }] },
    ]);
    expect(page.el('canned-saved')).not.toBeNull();
  });

  it('keeps an agent (no admin role) to their own account', async () => {
    const fetch = new FakeFetch().on('GET /api/auth/sessions', { status: 200, body: sessions });
    const agent = { ...ownerSession, user: { ...ownerSession.user, roles: ['agent' as const] } };
    const page = await ConsolePage.open('/sites', fetch, agent);
    expect(TestBed.inject(Router).url).toBe('/account');
    expect(page.el('nav-sites')).toBeNull();
    expect(page.el('nav-account')).not.toBeNull();
  });
});

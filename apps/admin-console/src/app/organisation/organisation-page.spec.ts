import { FakeFetch } from '@kefu/ui/testing';
import { organisation, ownerSession } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

describe('organisation and seats (A1 D4 G11)', () => {
  it('shows the seats in use against an unlimited limit, and sets a limit of 3', async () => {
    const fetch = new FakeFetch()
      .on('GET /api/organisation', { status: 200, body: organisation() }, { status: 200, body: organisation({ seats: { ...organisation().seats, limit: 3 } }) })
      .on('PUT /api/organisation/seats', { status: 200, body: { position: 60 } });
    const page = await ConsolePage.open('/organisation', fetch);
    expect(page.el('seats-in-use')?.textContent).toContain('当前在线 1 位');
    expect(page.el('seats-in-use')?.textContent).toContain('不限坐席');
    expect(page.el('seat-holders')?.textContent).toContain('Owner');

    await page.click('seats-limited');
    await page.fill('seats-limit', '-1');
    await page.click('seats-save');
    expect(page.el('seats-limit-invalid')).not.toBeNull();
    expect(fetch.requestsTo('PUT /api/organisation/seats')).toHaveLength(0);

    await page.fill('seats-limit', '3');
    await page.click('seats-save');
    expect(fetch.requestsTo('PUT /api/organisation/seats')[0]?.body).toEqual({ limit: 3 });
    expect(page.el('seats-in-use')?.textContent).toContain('上限 3 位');
    expect(page.el('seats-saved')).not.toBeNull();
  });

  it('warns when the new limit is below the agents online, and shows the server refusing the change', async () => {
    const fetch = new FakeFetch()
      .on('GET /api/organisation', { status: 200, body: organisation({ seats: { limit: 2, inUse: 2, holders: [] } }) })
      .on('PUT /api/organisation/seats', { status: 422, body: { code: 'RULE_VIOLATED', message: 'seat limit must be at most 100000' } });
    const page = await ConsolePage.open('/organisation', fetch);
    await page.fill('seats-limit', '1');
    expect(page.el('seats-below')?.textContent).toContain('新上限低于当前在线的 2 位');
    await page.click('seats-save');
    expect(page.el('error')?.textContent).toContain('当前操作不被允许');
    expect(page.el('error')?.textContent).toContain('seat limit must be at most 100000');
    expect(page.el('seats-saved')).toBeNull();
  });

  it('renames the organisation (owner only)', async () => {
    const fetch = new FakeFetch()
      .on('GET /api/organisation', { status: 200, body: organisation() }, { status: 200, body: organisation({ name: '新商城' }) })
      .on('PATCH /api/organisation', { status: 200, body: { position: 61 } });
    const page = await ConsolePage.open('/organisation', fetch);
    await page.fill('org-name', '新商城');
    await page.click('org-save');
    expect(fetch.requestsTo('PATCH /api/organisation')[0]?.body).toEqual({ name: '新商城' });
    expect(page.el('org-saved')).not.toBeNull();
  });

  it('gives an admin (not owner) no save buttons', async () => {
    const fetch = new FakeFetch().on('GET /api/organisation', { status: 200, body: organisation() });
    const admin = { ...ownerSession, user: { ...ownerSession.user, roles: ['admin' as const] } };
    const page = await ConsolePage.open('/organisation', fetch, admin);
    expect(page.el('org-save')).toBeNull();
    expect(page.el('seats-save')).toBeNull();
    expect(page.text).toContain('只有超级管理员可以修改');
  });
});

import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { FakeFetch } from '@kefu/ui/testing';
import { siteDetail } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

describe('site settings (D1 G3 G4)', () => {
  let fetch: FakeFetch;

  beforeEach(() => {
    fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [siteDetail()] });
  });

  it('shows the site as the server holds it, with the Asia/Shanghai time zone among the IANA zones', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    const page = await ConsolePage.open('/sites/s1/settings', fetch);
    expect((page.el('settings-name') as HTMLInputElement).value).toBe('演示商城');
    const zone = page.el('settings-timezone') as HTMLSelectElement;
    expect(zone.value).toBe('Asia/Shanghai');
    expect([...zone.options].map((o) => o.value)).toContain('Europe/London');
    expect(page.all('domain-item').map((d) => d.textContent?.trim().replace(/\s*×$/, ''))).toEqual(['shop.test']);
  });

  it('refuses a custom title longer than 20 characters before asking the server', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    const page = await ConsolePage.open('/sites/s1/settings', fetch);
    await page.fill('settings-custom-title', '演示商城官方在线客服中心欢迎您来咨询我们的产品');
    expect(page.el('settings-custom-title-hint')?.textContent).toContain('最多 20 个字符');
    await page.click('settings-save');
    expect(fetch.requestsTo('PATCH /api/sites/s1')).toHaveLength(0);

    await page.fill('settings-custom-title', '演示商城客服');
    expect(page.el('settings-custom-title-hint')?.textContent).toContain('6/20');
  });

  it('sends only what changed and shows the saved site', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() }, { status: 200, body: siteDetail({ customTitle: '演示商城客服', language: 'en' }) });
    fetch.on('PATCH /api/sites/s1', { status: 200, body: { position: 40 } });
    const page = await ConsolePage.open('/sites/s1/settings', fetch);
    await page.fill('settings-custom-title', ' 演示商城客服 ');
    await page.select('settings-language', 'en');
    await page.fill('domain-input', 'https://m.shop.test/path');
    await page.click('domain-add');
    await page.click('settings-save');

    expect(fetch.requestsTo('PATCH /api/sites/s1')[0]?.body).toEqual({
      language: 'en',
      customTitle: '演示商城客服',
      allowedDomains: ['shop.test', 'm.shop.test'],
    });
    expect(fetch.requestsTo('GET /api/sites/s1').at(-1)?.url).toBe('/api/sites/s1?waitFor=40');
    expect(page.el('settings-saved')).not.toBeNull();
  });

  it('does not add something that is not a host name to the allowed domains', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    const page = await ConsolePage.open('/sites/s1/settings', fetch);
    await page.fill('domain-input', 'not a domain');
    await page.click('domain-add');
    expect(page.all('domain-item')).toHaveLength(1);
    expect(page.text).toContain('请输入域名');
  });

  it("shows the server's refusal with its reason", async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    fetch.on('PATCH /api/sites/s1', { status: 400, body: { code: 'INVALID', message: 'customTitle is too long: at most 20 characters' } });
    const page = await ConsolePage.open('/sites/s1/settings', fetch);
    await page.fill('settings-name', '新名字');
    await page.click('settings-save');
    expect(page.el('error')?.textContent).toContain('填写的内容不正确');
    expect(page.el('error')?.textContent).toContain('customTitle is too long: at most 20 characters');
  });

  it('deletes the site after a confirmation and goes back to the list', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    fetch.on('DELETE /api/sites/s1', { status: 200, body: { position: 50 } });
    const page = await ConsolePage.open('/sites/s1/settings', fetch);
    await page.click('site-delete');
    expect(fetch.requestsTo('DELETE /api/sites/s1')).toHaveLength(0);
    expect(page.text).toContain('确定删除站点“演示商城”');
    await page.click('site-delete-confirm');
    expect(fetch.requestsTo('DELETE /api/sites/s1')).toHaveLength(1);
    expect(TestBed.inject(Router).url).toBe('/sites');
  });
});

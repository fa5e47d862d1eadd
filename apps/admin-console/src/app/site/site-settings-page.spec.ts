import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { ChatSettingsView } from '@kefu/contracts';
import { FakeFetch } from '@kefu/ui/testing';
import { siteDetail } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

/** The chat settings answer, with only the categories mattering here. */
function chatSettings(categories: string[]): { status: number; body: Partial<ChatSettingsView> } {
  return { status: 200, body: { siteId: 's1', typingPreview: true, categories } };
}

describe('site settings (D1 G3 G4)', () => {
  let fetch: FakeFetch;

  beforeEach(() => {
    fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [siteDetail()] }).on('GET /api/sites/s1/chat-settings', chatSettings([]));
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

describe('conversation categories on the site settings page (H3)', () => {
  let fetch: FakeFetch;

  beforeEach(() => {
    fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [siteDetail()] }).on('GET /api/sites/s1', { status: 200, body: siteDetail() });
  });

  /** The list loads once the site is shown: one more render for its answer. */
  async function open(): Promise<ConsolePage> {
    const page = await ConsolePage.open('/sites/s1/settings', fetch);
    await page.render();
    return page;
  }
  const labels = (page: ConsolePage): string[] => page.all('category-label').map((l) => l.textContent?.trim() ?? '');

  it('says when the site has no categories yet', async () => {
    fetch.on('GET /api/sites/s1/chat-settings', chatSettings([]));
    const empty = await open();
    expect(empty.el('categories-empty')?.textContent).toContain('还没有对话分类');
  });

  it('adds a category by sending the whole list, trimmed, and shows what the server kept', async () => {
    fetch.on('GET /api/sites/s1/chat-settings', chatSettings(['售前咨询']));
    fetch.on('PUT /api/sites/s1/chat-settings', (req) => ({ status: 200, body: { categories: (req.body as { categories: string[] }).categories } }));
    const page = await open();
    expect(labels(page)).toEqual(['售前咨询']);
    await page.fill('category-name', '  售后  ');
    await page.click('category-add');
    expect(fetch.requestsTo('PUT /api/sites/s1/chat-settings').map((r) => r.body)).toEqual([{ categories: ['售前咨询', '售后'] }]);
    expect(labels(page)).toEqual(['售前咨询', '售后']);
    expect((page.el('category-name') as HTMLInputElement).value).toBe('');
  });

  it('refuses an empty, duplicate or too long name before asking the server', async () => {
    fetch.on('GET /api/sites/s1/chat-settings', chatSettings(['售后']));
    const page = await open();
    await page.fill('category-name', '售后');
    await page.click('category-add');
    expect(page.el('category-problem')?.textContent).toContain('已有同名的分类');
    await page.fill('category-name', '分'.repeat(33));
    await page.click('category-add');
    expect(page.el('category-problem')?.textContent).toContain('32');
    expect(fetch.requestsTo('PUT /api/sites/s1/chat-settings')).toHaveLength(0);
  });

  it('renames, moves down and deletes (after a confirmation)', async () => {
    fetch.on('GET /api/sites/s1/chat-settings', chatSettings(['售前咨询', '售后', '投诉']));
    fetch.on('PUT /api/sites/s1/chat-settings', (req) => ({ status: 200, body: { categories: (req.body as { categories: string[] }).categories } }));
    const page = await open();
    await page.click('category-rename', page.all('category-row')[2]);
    await page.fill('category-rename-input', '投诉与建议');
    await page.click('category-rename-save');
    expect(labels(page)).toEqual(['售前咨询', '售后', '投诉与建议']);
    await page.click('category-down', page.all('category-row')[0]);
    expect(labels(page)).toEqual(['售后', '售前咨询', '投诉与建议']);
    await page.click('category-delete', page.all('category-row')[1]);
    expect(page.text).toContain('确定删除分类“售前咨询”');
    await page.click('category-delete-confirm');
    expect(labels(page)).toEqual(['售后', '投诉与建议']);
    expect(fetch.requestsTo('PUT /api/sites/s1/chat-settings').map((r) => r.body)).toEqual([
      { categories: ['售前咨询', '售后', '投诉与建议'] },
      { categories: ['售后', '售前咨询', '投诉与建议'] },
      { categories: ['售后', '投诉与建议'] },
    ]);
  });

  it("shows the server's refusal and keeps the list", async () => {
    fetch.on('GET /api/sites/s1/chat-settings', chatSettings(['售后']));
    fetch.on('PUT /api/sites/s1/chat-settings', { status: 400, body: { code: 'INVALID', message: 'categories: "售后" appears twice' } });
    const page = await open();
    await page.fill('category-name', '投诉');
    await page.click('category-add');
    expect(page.text).toContain('appears twice');
    expect(labels(page)).toEqual(['售后']);
  });
});

import { FakeFetch } from '@kefu/ui/testing';
import type { SiteAgentDetailView } from '@kefu/contracts';
import { AGENT_ID, DEFAULT_GROUP, SALES_GROUP, employee, siteDetail } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

const agent = (extra: Partial<SiteAgentDetailView> = {}): SiteAgentDetailView => ({
  userId: AGENT_ID,
  nickname: '小李',
  jobNumber: '007',
  email: 'li@shop.test',
  phone: '',
  groupId: SALES_GROUP,
  distribution: 'auto',
  regions: [],
  order: 0,
  maxChats: null,
  link: `https://kefu.test/widget/?site=s1&target=agent:${AGENT_ID}`,
  ...extra,
});

describe('groups of a site (D2)', () => {
  let fetch: FakeFetch;
  beforeEach(() => {
    fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [siteDetail()] });
  });

  it('adds a group and lists it after the write', async () => {
    const withNew = siteDetail();
    withNew.groups.push({ groupId: 'g3', name: '售后', order: 2, isDefault: false, agentCount: 0 });
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() }, { status: 200, body: withNew });
    fetch.on('POST /api/sites/s1/groups', { status: 201, body: { groupId: 'g3', position: 12 } });
    const page = await ConsolePage.open('/sites/s1/groups', fetch);
    expect(page.all('group-label').map((g) => g.textContent?.trim())).toEqual(['默认分组', '售前']);

    await page.click('group-add');
    expect(fetch.requestsTo('POST /api/sites/s1/groups')).toHaveLength(0);
    expect(page.text).toContain('必填项');

    await page.fill('group-name', ' 售后 ');
    await page.click('group-add');
    expect(fetch.requestsTo('POST /api/sites/s1/groups')[0]?.body).toEqual({ name: '售后' });
    expect(fetch.requestsTo('GET /api/sites/s1').at(-1)?.url).toBe('/api/sites/s1?waitFor=12');
    expect(page.all('group-label').map((g) => g.textContent?.trim())).toEqual(['默认分组', '售前', '售后']);
  });

  it('moves a group up by sending the whole new order; the default group cannot be deleted', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    fetch.on('PUT /api/sites/s1/groups/order', { status: 200, body: { position: 13 } });
    const page = await ConsolePage.open('/sites/s1/groups', fetch);
    const rows = page.all('group-row');
    expect(page.el('group-delete', rows[0])).toBeNull();
    expect((page.el('group-up', rows[0]) as HTMLButtonElement).disabled).toBe(true);
    await page.click('group-up', rows[1]);
    expect(fetch.requestsTo('PUT /api/sites/s1/groups/order')[0]?.body).toEqual({ groupIds: [SALES_GROUP, DEFAULT_GROUP] });
  });

  it('renames a group in place: an empty name is refused, a new one is sent trimmed', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    fetch.on(`PATCH /api/sites/s1/groups/${SALES_GROUP}`, { status: 200, body: { position: 15 } });
    const page = await ConsolePage.open('/sites/s1/groups', fetch);
    const rows = page.all('group-row');
    await page.click('group-rename', rows[1]);
    expect((page.el('group-rename-input') as HTMLInputElement).value).toBe('售前');
    await page.fill('group-rename-input', '  ');
    await page.click('group-rename-save');
    expect(page.text).toContain('必填项');
    expect(fetch.requestsTo(`PATCH /api/sites/s1/groups/${SALES_GROUP}`)).toHaveLength(0);
    await page.fill('group-rename-input', ' 售前咨询 ');
    await page.click('group-rename-save');
    expect(fetch.requestsTo(`PATCH /api/sites/s1/groups/${SALES_GROUP}`)[0]?.body).toEqual({ name: '售前咨询' });
  });

  it('deletes a group after confirmation', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    fetch.on(`DELETE /api/sites/s1/groups/${SALES_GROUP}`, { status: 200, body: { position: 14 } });
    const page = await ConsolePage.open('/sites/s1/groups', fetch);
    const sales = page.all('group-row')[1]!;
    await page.click('group-delete', sales);
    await page.click('group-delete-confirm', sales);
    expect(fetch.requestsTo(`DELETE /api/sites/s1/groups/${SALES_GROUP}`)).toHaveLength(1);
  });
});

describe('agents of a site (D3 D4 G10 E2)', () => {
  let fetch: FakeFetch;
  beforeEach(() => {
    fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [siteDetail()] }).on('GET /api/employees', { status: 200, body: [employee()] });
  });

  it('assigns an employee with a group, regional distribution and a chat cap', async () => {
    fetch.on(
      'GET /api/sites/s1',
      { status: 200, body: siteDetail() },
      { status: 200, body: siteDetail({ agents: [agent({ distribution: 'regional', regions: ['江苏省', '杭州市'], maxChats: 8 })] }) },
    );
    fetch.on('POST /api/sites/s1/agents', { status: 200, body: { position: 21 } });
    const page = await ConsolePage.open('/sites/s1/agents', fetch);
    expect(page.el('agents-empty')).not.toBeNull();

    await page.select('agent-employee', AGENT_ID);
    expect((page.el('agent-form-nickname') as HTMLInputElement).value).toBe('小李');
    await page.fill('agent-form-nickname', '');
    await page.click('agent-form-submit');
    expect(page.text).toContain('昵称为必填项');
    expect(fetch.requestsTo('POST /api/sites/s1/agents')).toHaveLength(0);

    await page.fill('agent-form-nickname', '小李');
    await page.fill('agent-form-job-number', '007');
    await page.select('agent-form-group', SALES_GROUP);
    await page.click('agent-form-regional');
    await page.click('agent-form-submit');
    expect(page.el('agent-form-regions-error')?.textContent).toContain('至少选择一个省份或城市');

    await page.click('province-江苏省');
    await page.fill('agent-form-cities', '杭州市');
    await page.click('agent-form-unlimited');
    await page.fill('agent-form-max-chats', '8');
    await page.click('agent-form-submit');

    expect(fetch.requestsTo('POST /api/sites/s1/agents')[0]?.body).toEqual({
      userId: AGENT_ID,
      nickname: '小李',
      jobNumber: '007',
      email: 'li@shop.test',
      phone: '',
      groupId: SALES_GROUP,
      distribution: 'regional',
      regions: ['江苏省', '杭州市'],
      maxChats: 8,
    });
    const row = page.all('agent-row')[0]!;
    expect(row.textContent).toContain('区域分流');
    expect(row.textContent).toContain('江苏省、杭州市');
    expect(row.textContent).toContain('售前');
    expect(page.el('agents-no-candidates')).not.toBeNull();
  });

  it('shows the agent’s own link, and edits only what changed', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail({ agents: [agent()] }) });
    fetch.on(`PATCH /api/sites/s1/agents/${AGENT_ID}`, { status: 200, body: { position: 22 } });
    const page = await ConsolePage.open('/sites/s1/agents', fetch);
    await page.click('agent-link-toggle');
    expect(page.el('agent-link')?.textContent).toBe(`https://kefu.test/widget/?site=s1&target=agent:${AGENT_ID}`);

    await page.click('agent-edit');
    await page.select('agent-form-group', '');
    expect(page.text).toContain('未分组的客服不会显示在网站上');
    await page.click('agent-form-submit');
    expect(fetch.requestsTo(`PATCH /api/sites/s1/agents/${AGENT_ID}`)[0]?.body).toEqual({ groupId: '' });
  });

  it('shows why the server refused an assignment', async () => {
    fetch.on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    fetch.on('POST /api/sites/s1/agents', { status: 404, body: { code: 'NOT_FOUND', message: 'no such employee' } });
    const page = await ConsolePage.open('/sites/s1/agents', fetch);
    await page.select('agent-employee', AGENT_ID);
    await page.click('agent-form-submit');
    expect(page.text).toContain('未找到相关内容');
  });
});

describe('fixed links (E2)', () => {
  it('builds a text link to a chosen agent and shows the preview and the copyable HTML', async () => {
    const html = `<a href="https://kefu.test/widget/?site=s1&amp;target=agent:${AGENT_ID}" target="_blank">找小李</a>`;
    const fetch = new FakeFetch()
      .on('GET /api/sites', { status: 200, body: [siteDetail()] })
      .on('GET /api/sites/s1', { status: 200, body: siteDetail({ agents: [agent()] }) })
      .on('POST /api/sites/s1/fixed-links', { status: 200, body: { url: `https://kefu.test/widget/?site=s1&target=agent:${AGENT_ID}`, html } });
    const page = await ConsolePage.open('/sites/s1/fixed-links', fetch);
    await page.click('link-target-agent');
    await page.click('link-generate');
    expect(page.el('link-problem')?.textContent).toContain('请选择客服');

    await page.select('link-agent', AGENT_ID);
    await page.fill('link-text', '找小李');
    await page.click('link-generate');
    expect(fetch.requestsTo('POST /api/sites/s1/fixed-links')[0]?.body).toEqual({
      target: { kind: 'agent', agentId: AGENT_ID },
      style: 'text',
      text: '找小李',
    });
    expect(page.el('link-html')?.textContent).toBe(html);
    const preview = page.el('link-preview')?.querySelector('a');
    expect(preview?.textContent?.trim()).toBe('找小李');
    expect(preview?.getAttribute('href')).toBe(`https://kefu.test/widget/?site=s1&target=agent:${AGENT_ID}`);
  });

  it('needs an image address for an image link', async () => {
    const fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [siteDetail()] }).on('GET /api/sites/s1', { status: 200, body: siteDetail() });
    const page = await ConsolePage.open('/sites/s1/fixed-links', fetch);
    await page.click('link-style-image');
    await page.fill('link-image-url', 'javascript:alert(1)');
    await page.click('link-generate');
    expect(page.el('link-problem')?.textContent).toContain('图片地址');
    expect(fetch.requestsTo('POST /api/sites/s1/fixed-links')).toHaveLength(0);
  });
});

describe('installation (E1)', () => {
  it('says the snippet was not seen yet, then when and where it was seen', async () => {
    const fetch = new FakeFetch()
      .on('GET /api/sites', { status: 200, body: [siteDetail()] })
      .on(
        'GET /api/sites/s1',
        { status: 200, body: siteDetail() },
        { status: 200, body: siteDetail({ install: { lastSeenAt: '2026-01-03T08:30:00.000Z', lastSeenPage: 'https://shop.test/p/9' } }) },
      );
    const page = await ConsolePage.open('/sites/s1/install', fetch);
    expect(page.el('install-snippet')?.textContent).toBe('<script async src="https://kefu.test/loader.js" data-site="s1"></script>');
    expect(page.el('install-not-seen')?.textContent).toContain('尚未检测到');

    await page.click('install-recheck');
    expect(page.el('install-seen')?.textContent).toContain('已安装');
    expect(page.el('install-seen-page')?.textContent).toBe('https://shop.test/p/9');
  });
});

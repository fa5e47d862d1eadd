import type { ChatSettingsView, ErrorBody } from '@kefu/contracts';
import { call, startServer, http, unwrap, type AgentClient, type TestServer } from '../testing/harness';
import { agentOnline, createSite, headOf, requestChat, visitorOnPage, type SiteFixture } from '../conversations/testing/conversation-fixture';

describe('conversation categories per site (H3, used by B11)', () => {
  let server: TestServer;
  let f: SiteFixture;
  let ann: AgentClient;
  const sockets: { close(): void }[] = [];

  const put = (body: unknown, token = f.owner.token) =>
    http<ChatSettingsView & ErrorBody>(server.url, 'PUT', `/api/sites/${f.site.siteId}/chat-settings`, body, token);

  beforeAll(async () => {
    server = await startServer({ chatRequestLimit: { max: 1000, windowSeconds: 60 } });
    f = await createSite(server.url, { agents: [{ nickname: '安娜' }, { nickname: '鲍勃' }] });
    ann = await agentOnline(server.url, f.agents['安娜']!.token);
    sockets.push(ann);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  it('starts empty: an agent may type any category', async () => {
    const got = await http<ChatSettingsView>(server.url, 'GET', `/api/sites/${f.site.siteId}/chat-settings`, undefined, f.owner.token);
    expect(got.body.categories).toEqual([]);
    const v = await visitorOnPage(f);
    sockets.push(v.socket);
    const { chatId } = await requestChat(v);
    unwrap(await call(ann, 'chat:categorise', { chatId, category: '随便什么' }));
  });

  it('keeps the list the admin saves, in order, and answers it on the next read', async () => {
    const saved = await put({ categories: [' 售前咨询 ', '售后', '投诉'] });
    expect(saved.status).toBe(200);
    expect(saved.body.categories).toEqual(['售前咨询', '售后', '投诉']);
    const reordered = await put({ categories: ['投诉与建议', '售前咨询'] });
    expect(reordered.body.categories).toEqual(['投诉与建议', '售前咨询']);
    const got = await http<ChatSettingsView>(server.url, 'GET', `/api/sites/${f.site.siteId}/chat-settings`, undefined, f.owner.token);
    expect(got.body.categories).toEqual(['投诉与建议', '售前咨询']);
  });

  it('refuses duplicates, over-long names and wrong types, and changes nothing', async () => {
    const before = await headOf(server.url);
    const twice = await put({ categories: ['售后', '售后'] });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toContain('appears twice');
    const long = await put({ categories: ['分'.repeat(33)] });
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('32');
    expect((await put({ categories: [{ $gt: '' }] })).status).toBe(400);
    expect((await put({ categories: '售后' })).status).toBe(400);
    expect(await headOf(server.url)).toBe(before);
  });

  it("lets an agent categorise only with a category of the site's list", async () => {
    const v = await visitorOnPage(f, '/p/2', '商品 2');
    sockets.push(v.socket);
    const { chatId } = await requestChat(v);
    const refused = await call(ann, 'chat:categorise', { chatId, category: '闲聊' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATED' } });
    expect(!refused.ok && refused.error.message).toContain('not one of this site');
    unwrap(await call(ann, 'chat:categorise', { chatId, category: '售前咨询' }));
  });

  it('gives the agent of a chat the site list for the select, and nobody else', async () => {
    const v = await visitorOnPage(f, '/p/3', '商品 3');
    sockets.push(v.socket);
    const { chatId } = await requestChat(v);
    expect(unwrap(await call<{ categories: string[] }>(ann, 'chat:categories', { chatId }))).toEqual({ categories: ['投诉与建议', '售前咨询'] });
    const other = await createSite(server.url, { agents: [{ nickname: '外人' }] });
    const stranger = await agentOnline(server.url, other.agents['外人']!.token);
    sockets.push(stranger);
    expect(await call(stranger, 'chat:categories', { chatId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lets only owners and admins change the list', async () => {
    // The first agent of the fixture is the owner; the second has the agent role only.
    const asAgent = await put({ categories: ['x'] }, f.agents['鲍勃']!.token);
    expect(asAgent.status).toBe(403);
  });
});

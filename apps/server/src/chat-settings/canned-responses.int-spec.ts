import type { CannedResponseView, ChatSettingsView, ErrorBody, OwnCannedResponses } from '@kefu/contracts';
import { call, startServer, http, unwrap, type AgentClient, type TestServer } from '../testing/harness';
import { agentOnline, createSite, headOf, requestChat, visitorOnPage, type SiteFixture } from '../conversations/testing/conversation-fixture';

describe("canned responses: the site's (H1) and each person's own, used in chats (B5)", () => {
  let server: TestServer;
  let f: SiteFixture;
  let ann: AgentClient;
  const sockets: { close(): void }[] = [];

  const put = (body: unknown, token = f.owner.token) =>
    http<ChatSettingsView & ErrorBody>(server.url, 'PUT', `/api/sites/${f.site.siteId}/chat-settings`, body, token);

  beforeAll(async () => {
    server = await startServer({ chatRequestLimit: { max: 1000, windowSeconds: 60 } });
    // The first agent of the fixture is the owner; the second has the agent role only.
    f = await createSite(server.url, { agents: [{ nickname: '安娜' }, { nickname: '鲍勃' }] });
    ann = await agentOnline(server.url, f.agents['安娜']!.token);
    sockets.push(ann);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  it('keeps the list the admin saves, in order, and gives it to the agent of a chat of the site', async () => {
    const saved = await put({
      cannedResponses: [
        { shortcut: '/hi', text: '您好，请问有什么可以帮您？' },
        { shortcut: '', text: '稍等，我查一下。' },
      ],
    });
    expect(saved.status).toBe(200);
    const list: CannedResponseView[] = [
      { shortcut: 'hi', text: '您好，请问有什么可以帮您？' },
      { shortcut: '', text: '稍等，我查一下。' },
    ];
    expect(saved.body.cannedResponses).toEqual(list);

    const v = await visitorOnPage(f);
    sockets.push(v.socket);
    const { chatId } = await requestChat(v);
    expect(unwrap(await call<{ responses: CannedResponseView[] }>(ann, 'chat:canned', { chatId }))).toEqual({ responses: list });

    // An agent of another organisation learns nothing about the chat or the list.
    const other = await createSite(server.url, { agents: [{ nickname: '外人' }] });
    const stranger = await agentOnline(server.url, other.agents['外人']!.token);
    sockets.push(stranger);
    expect(await call(stranger, 'chat:canned', { chatId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses duplicates, spaces in shortcuts, empty or too long texts, wrong types and unknown fields, and changes nothing', async () => {
    const before = await headOf(server.url);
    const cases: unknown[] = [
      {
        cannedResponses: [
          { shortcut: 'a', text: 'x' },
          { shortcut: 'A', text: 'y' },
        ],
      },
      { cannedResponses: [{ shortcut: 'a b', text: 'x' }] },
      { cannedResponses: [{ shortcut: 'a', text: ' ' }] },
      { cannedResponses: [{ shortcut: 'a', text: '字'.repeat(1001) }] },
      { cannedResponses: [{ shortcut: 'a', text: { $ne: '' } }] },
      { cannedResponses: [{ shortcut: 'a', text: 'x', extra: 1 }] },
      { cannedResponses: 'hi' },
    ];
    for (const body of cases) {
      const res = await put(body);
      expect([JSON.stringify(body).slice(0, 80), res.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      expect(res.body.message).toMatch(/\S/);
    }
    expect(await headOf(server.url)).toBe(before);
  });

  it('keeps markup as the words typed: the workspace puts them into the composer as text (workspace specs)', async () => {
    const saved = await put({ cannedResponses: [{ shortcut: 'x', text: '<script>alert(1)</script>' }] });
    expect(saved.status).toBe(200);
    expect(saved.body.cannedResponses).toEqual([{ shortcut: 'x', text: '<script>alert(1)</script>' }]);
  });

  it('B5: each person keeps their own list, which nobody else reads or changes', async () => {
    const bob = f.agents['鲍勃']!.token;
    const own = (token: string, body?: unknown) =>
      http<OwnCannedResponses & ErrorBody>(server.url, body === undefined ? 'GET' : 'PUT', '/api/auth/canned-responses', body, token);
    expect((await own(bob)).body).toEqual({ cannedResponses: [] });
    const saved = await own(bob, { cannedResponses: [{ shortcut: '/bye', text: '再见，祝您愉快！' }] });
    expect(saved.status).toBe(200);
    expect(saved.body.cannedResponses).toEqual([{ shortcut: 'bye', text: '再见，祝您愉快！' }]);
    expect((await own(bob)).body).toEqual({ cannedResponses: [{ shortcut: 'bye', text: '再见，祝您愉快！' }] });
    // The owner's own list is their own.
    expect((await own(f.owner.token)).body).toEqual({ cannedResponses: [] });

    const before = await headOf(server.url);
    for (const body of [
      {
        cannedResponses: [
          { shortcut: 'a', text: 'x' },
          { shortcut: 'a', text: 'y' },
        ],
      },
      { cannedResponses: [{ shortcut: 'a', text: { $gt: '' } }] },
      { cannedResponses: [], userId: 'someone-else' },
      {},
    ]) {
      expect([JSON.stringify(body), (await own(bob, body)).status]).toEqual([JSON.stringify(body), 400]);
    }
    expect(await headOf(server.url)).toBe(before);
    expect((await http(server.url, 'GET', '/api/auth/canned-responses')).status).toBe(401);
  });

  it('lets only owners and admins change the list', async () => {
    expect((await put({ cannedResponses: [] }, f.agents['鲍勃']!.token)).status).toBe(403);
  });
});

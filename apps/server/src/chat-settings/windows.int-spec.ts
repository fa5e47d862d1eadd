import type { ChatSettingsView, ErrorBody, WidgetSettingsView } from '@kefu/contracts';
import { call, startServer, http, unwrap, type TestServer } from '../testing/harness';
import { createSite, headOf, visitorOnPage, type SiteFixture } from '../conversations/testing/conversation-fixture';

describe('invitation and direct chat windows per site (C3, C5: manual 3.4.2, 3.5.6, 3.5.7)', () => {
  let server: TestServer;
  let f: SiteFixture;
  const sockets: { close(): void }[] = [];

  const put = (body: unknown, token = f.owner.token) =>
    http<ChatSettingsView & ErrorBody>(server.url, 'PUT', `/api/sites/${f.site.siteId}/chat-settings`, body, token);

  beforeAll(async () => {
    server = await startServer();
    // The first agent of the fixture is the owner; the second has the agent role only.
    f = await createSite(server.url, { agents: [{ nickname: '安娜' }, { nickname: '鲍勃' }] });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  it("saves the admin's window settings and gives them to the widget on the visitor's page", async () => {
    const saved = await put({
      windows: {
        invitation: {
          position: 'top-right',
          floating: false,
          theme: 'purple',
          imageUrl: 'https://cdn.example.com/invite.png',
          showTitle: false,
          accept: { text: '马上咨询', width: 160, height: 40, imageUrl: 'https://cdn.example.com/accept.png' },
          decline: { width: 0 },
        },
        directChat: { width: 520, height: 640, position: 'center' },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.windows.invitation).toMatchObject({ position: 'top-right', floating: false, theme: 'purple', showTitle: false, showGreeting: true });
    expect(saved.body.windows.invitation.decline).toEqual({ text: '', width: 0, height: 36, imageUrl: '' });
    expect(saved.body.windows.invitation.accept).toEqual({ text: '马上咨询', width: 160, height: 40, imageUrl: 'https://cdn.example.com/accept.png' });

    const v = await visitorOnPage(f);
    sockets.push(v.socket);
    const widget = unwrap(await call<WidgetSettingsView>(v.socket, 'widget:settings', {}));
    expect(widget.windows).toEqual(saved.body.windows);
    expect(widget.windows.directChat).toEqual({ width: 520, height: 640, position: 'center' });
  });

  it('refuses what no page can show, wrong types, operators and unknown fields, and changes nothing', async () => {
    const before = await headOf(server.url);
    const cases: [unknown, string | undefined][] = [
      [{ windows: { invitation: { position: 'middle' } } }, undefined],
      [{ windows: { invitation: { theme: 'pink' } } }, undefined],
      [{ windows: { invitation: { imageUrl: 'javascript:alert(1)' } } }, 'imageUrl'],
      [{ windows: { invitation: { accept: { width: 5 } } } }, 'accept.width'],
      [{ windows: { invitation: { decline: { imageUrl: 'file:///etc/passwd' } } } }, 'decline.imageUrl'],
      [{ windows: { directChat: { width: 5000 } } }, 'directChat.width'],
      [{ windows: { directChat: { height: '600' } } }, undefined],
      [{ windows: { invitation: { floating: { $ne: true } } } }, undefined],
      [{ windows: { invitation: { colour: 'red' } } }, undefined],
    ];
    for (const [body, field] of cases) {
      const res = await put(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      if (field) expect(res.body.message).toContain(field);
    }
    expect(await headOf(server.url)).toBe(before);
  });

  it('keeps markup in button words as the words typed (the widget shows them as text), and refuses words over 20 characters', async () => {
    const kept = await put({ windows: { invitation: { accept: { text: '<b>咨询</b>' } } } });
    expect(kept.status).toBe(200);
    expect(kept.body.windows.invitation.accept.text).toBe('<b>咨询</b>');
    const before = await headOf(server.url);
    const long = await put({ windows: { invitation: { accept: { text: '<img src=x onerror=1>' } } } });
    expect([long.status, long.body.message]).toEqual([400, expect.stringContaining('at most 20')]);
    expect(await headOf(server.url)).toBe(before);
  });

  it('is for owners and admins only', async () => {
    const agent = f.agents['鲍勃']!;
    expect((await put({ windows: { directChat: { width: 400 } } }, agent.token)).status).toBe(403);
  });
});

import { randomUUID } from 'node:crypto';
import type {
  ChatEventView,
  ChatRecordView,
  ChatRequestResult,
  ChatSummaryView,
  HealthView,
  PositionResult,
  RegisterOrgResponse,
  ResumeResult,
  SiteView,
  VisitorSessionResponse,
} from '@kefu/contracts';
import { call, connect, http, next, startServer, unwrap, type AgentClient, type TestServer, type VisitorClient } from './testing/harness';

/**
 * The first vertical slice end to end over real HTTP and real sockets on a real SQLite file:
 * register (A1) → sign in (A4) → site (D1) → agent (D3) → online (B10) → visit (K1) → chat →
 * messages both ways with client ids (no doubles) → close (B11) → chat record (I5).
 */
describe('first chat, end to end (A1 A4 D1 D3 B10 K1 C8 B11 I5)', () => {
  let server: TestServer;
  let owner: RegisterOrgResponse;
  let site: SiteView;
  let agent: AgentClient;
  let visitor: VisitorClient;
  let visitorSession: VisitorSessionResponse;
  const visitId = randomUUID();
  const chatId = randomUUID();

  beforeAll(async () => {
    server = await startServer();
    const reg = await http<RegisterOrgResponse>(server.url, 'POST', '/api/orgs', {
      orgName: '示例商城',
      website: 'https://shop.example.com',
      email: 'Owner@Example.com',
      password: 'correct horse battery',
    });
    expect(reg.status).toBe(201);
    owner = reg.body;
  });

  afterAll(async () => {
    agent?.close();
    visitor?.close();
    await server.close();
  });

  it('signs in with the registered e-mail (case-insensitive) and refuses a wrong password alike for unknown e-mails', async () => {
    const ok = await http<{ token: string; user: { roles: string[] } }>(server.url, 'POST', '/api/auth/login', {
      email: 'owner@example.com',
      password: 'correct horse battery',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.roles).toEqual(expect.arrayContaining(['owner', 'admin', 'agent']));
    const wrong = await http<{ code: string; message: string }>(server.url, 'POST', '/api/auth/login', {
      email: 'owner@example.com',
      password: 'nope nope nope',
    });
    const unknown = await http<{ code: string; message: string }>(server.url, 'POST', '/api/auth/login', {
      email: 'nobody@example.com',
      password: 'nope nope nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const me = await http<{ email: string }>(server.url, 'GET', '/api/auth/me', undefined, ok.body.token);
    expect(me.body.email).toBe('owner@example.com');
  });

  it('refuses a second registration of the same e-mail', async () => {
    const again = await http<{ code: string }>(server.url, 'POST', '/api/orgs', {
      orgName: 'x',
      website: 'https://x.example',
      email: 'owner@example.com',
      password: 'another password',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
  });

  it('creates a site with its snippet and makes the owner its agent', async () => {
    const created = await http<SiteView & { position: number }>(
      server.url,
      'POST',
      '/api/sites',
      { name: '示例商城', url: 'https://shop.example.com' },
      owner.token,
    );
    expect(created.status).toBe(201);
    site = created.body;
    expect(site.allowedDomains).toEqual(['shop.example.com']);
    expect(site.timeZone).toBe('Asia/Shanghai');
    expect(site.snippet).toContain(`data-site="${site.siteId}"`);
    expect(site.snippet).toContain('/loader.js');
    const assigned = await http<{ position: number }>(
      server.url,
      'POST',
      `/api/sites/${site.siteId}/agents`,
      { userId: owner.user.userId, nickname: '小王' },
      owner.token,
    );
    expect(assigned.status).toBe(201);
    const listed = await http<SiteView[]>(server.url, 'GET', `/api/sites?waitFor=${assigned.body.position}`, undefined, owner.token);
    expect(listed.body.map((s) => s.agents)).toEqual([[expect.objectContaining({ userId: owner.user.userId, nickname: '小王' })]]);
  });

  it('puts the agent online', async () => {
    agent = await connect<AgentClient>(server.url, 'agent', owner.token);
    const status = unwrap(await call<PositionResult & { status: string }>(agent, 'agent:status', { status: 'online' }));
    expect(status.status).toBe('online');
    const chats = unwrap(await call<{ chats: ChatSummaryView[]; status: string }>(agent, 'agent:chats', {}));
    expect(chats).toEqual({ chats: [], status: 'online' });
  });

  it('refuses the widget on a domain the site does not allow', async () => {
    const refused = await http<{ code: string }>(server.url, 'POST', '/api/visitor/session', { siteId: site.siteId, pageUrl: 'https://evil.example.net/' });
    expect(refused.status).toBe(403);
  });

  it('starts a visit, asks for a chat and is served by the online agent', async () => {
    const s = await http<VisitorSessionResponse>(server.url, 'POST', '/api/visitor/session', { siteId: site.siteId, pageUrl: 'https://shop.example.com/p/1' });
    expect(s.status).toBe(200);
    visitorSession = s.body;
    expect(visitorSession.site.language).toBe('zh-CN');
    visitor = await connect<VisitorClient>(server.url, 'visitor', visitorSession.token);
    unwrap(
      await call(visitor, 'visit:page', {
        visitId,
        url: 'https://shop.example.com/p/1',
        title: '商品 1',
        referrer: 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D',
      }),
    );
    const assignedToAgent = next<ChatSummaryView>(agent, 'chat:assigned', (c) => c.chatId === chatId);
    const result = unwrap(await call<ChatRequestResult>(visitor, 'chat:request', { chatId, visitId }));
    expect(result).toMatchObject({ chatId, status: 'active', agent: { id: owner.user.userId, name: '小王' } });
    const summary = await assignedToAgent;
    expect(summary).toMatchObject({ chatId, siteId: site.siteId, status: 'active', page: { url: 'https://shop.example.com/p/1', title: '商品 1' } });
    // A retried request (same chat id) does not open a second chat.
    const again = unwrap(await call<ChatRequestResult>(visitor, 'chat:request', { chatId, visitId }));
    expect(again.status).toBe('active');
  });

  it('delivers messages both ways; a retried message id is not doubled; markup stays text', async () => {
    const clientId = randomUUID();
    const atAgent = next<ChatEventView>(agent, 'chat:event', (e) => e.id === clientId);
    const text = '你好 <script>alert(1)</script>';
    const first = unwrap(await call<PositionResult>(visitor, 'chat:send', { chatId, clientId, text }));
    const seen = await atAgent;
    expect(seen).toMatchObject({ kind: 'message', text, from: { role: 'visitor', id: visitorSession.visitorId } });
    const retry = unwrap(await call<PositionResult>(visitor, 'chat:send', { chatId, clientId, text }));
    expect(retry.position).toBe(first.position);

    const replyId = randomUUID();
    const atVisitor = next<ChatEventView>(visitor, 'chat:event', (e) => e.id === replyId);
    unwrap(await call<PositionResult>(agent, 'chat:send', { chatId, clientId: replyId, text: '您好，请问有什么可以帮您？' }));
    expect(await atVisitor).toMatchObject({ kind: 'message', from: { role: 'agent', name: '小王' } });

    const resumed = unwrap(await call<ResumeResult>(agent, 'chat:resume', { chatId }));
    expect(resumed.events.filter((e) => e.kind === 'message').map((e) => e.id)).toEqual([clientId, replyId]);
  });

  it('resumes exactly what a client missed after the last position it saw (C8)', async () => {
    const all = unwrap(await call<ResumeResult>(visitor, 'chat:resume', { chatId }));
    const cut = all.events[1]!.position;
    const missed = unwrap(await call<ResumeResult>(visitor, 'chat:resume', { chatId, after: cut }));
    expect(missed.events).toEqual(all.events.filter((e) => e.position > cut));
  });

  it('refuses bad socket input with a clear error and keeps the socket', async () => {
    const head = (await http<HealthView>(server.url, 'GET', '/api/health')).body.eventStore.head;
    const tooLong = await call(visitor, 'chat:send', { chatId, clientId: randomUUID(), text: 'x'.repeat(5001) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    const unknownField = await call(visitor, 'chat:send', { chatId, clientId: randomUUID(), text: 'hi', admin: true });
    expect(unknownField).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    const operator = await call(visitor, 'chat:send', { chatId, clientId: randomUUID(), text: { $gt: '' } });
    expect(operator).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    const otherChat = await call(visitor, 'chat:send', { chatId: randomUUID(), clientId: randomUUID(), text: 'hi' });
    expect(otherChat).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(visitor.connected).toBe(true);
    expect((await http<HealthView>(server.url, 'GET', '/api/health')).body.eventStore.head).toBe(head);
  });

  it('closes the chat; both sides see it end; the record has the transcript (B11, I5)', async () => {
    const closedAtVisitor = next<ChatEventView>(visitor, 'chat:event', (e) => e.kind === 'system' && e.what === 'closed');
    const closed = unwrap(await call<PositionResult>(agent, 'chat:close', { chatId }));
    await closedAtVisitor;
    const late = await call(visitor, 'chat:send', { chatId, clientId: randomUUID(), text: 'still there?' });
    expect(late).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATED' } });

    const list = await http<ChatSummaryView[]>(server.url, 'GET', `/api/sites/${site.siteId}/chats?waitFor=${closed.position}`, undefined, owner.token);
    expect(list.body).toEqual([expect.objectContaining({ chatId, status: 'closed', agent: { id: owner.user.userId, name: '小王' } })]);
    const record = await http<ChatRecordView>(server.url, 'GET', `/api/sites/${site.siteId}/chats/${chatId}`, undefined, owner.token);
    expect(record.body.messageCount).toBe(2);
    expect(record.body.transcript.map((e) => (e.kind === 'message' ? e.text : e.what))).toEqual([
      'requested',
      'assigned',
      '你好 <script>alert(1)</script>',
      '您好，请问有什么可以帮您？',
      'closed',
    ]);
    expect(record.body.visit).toMatchObject({ visitId, entryUrl: 'https://shop.example.com/p/1', referrer: 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D' });
  });

  it('keeps every organisation out of the others (404, never data)', async () => {
    const other = (
      await http<RegisterOrgResponse>(server.url, 'POST', '/api/orgs', {
        orgName: 'Other',
        website: 'https://other.example',
        email: 'boss@other.example',
        password: 'other password 1',
      })
    ).body;
    expect((await http(server.url, 'GET', `/api/sites/${site.siteId}`, undefined, other.token)).status).toBe(404);
    expect((await http(server.url, 'GET', `/api/sites/${site.siteId}/chats`, undefined, other.token)).status).toBe(404);
    expect((await http(server.url, 'GET', `/api/sites/${site.siteId}/chats/${chatId}`, undefined, other.token)).status).toBe(404);
    expect((await http(server.url, 'POST', `/api/sites/${site.siteId}/agents`, { userId: other.user.userId, nickname: 'spy' }, other.token)).status).toBe(404);
    expect((await http<SiteView[]>(server.url, 'GET', '/api/sites', undefined, other.token)).body).toEqual([]);
    const otherAgent = await connect<AgentClient>(server.url, 'agent', other.token);
    expect(await call(otherAgent, 'chat:resume', { chatId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    otherAgent.close();
  });

  it('refuses bad HTTP input with a clear error and appends nothing', async () => {
    const head = (await http<HealthView>(server.url, 'GET', '/api/health')).body.eventStore.head;
    const unknownField = await http<{ code: string; message: string }>(
      server.url,
      'POST',
      '/api/sites',
      { name: 'a', url: 'https://a.example', orgId: 'x' },
      owner.token,
    );
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toContain('orgId');
    const operator = await http<{ code: string }>(server.url, 'POST', '/api/sites', { name: { $gt: '' }, url: 'https://a.example' }, owner.token);
    expect(operator.status).toBe(400);
    const badUrl = await http<{ code: string }>(server.url, 'POST', '/api/sites', { name: 'a', url: 'javascript:alert(1)' }, owner.token);
    expect(badUrl.status).toBe(400);
    expect((await http(server.url, 'GET', '/api/sites')).status).toBe(401);
    expect((await http(server.url, 'GET', '/api/sites', undefined, 'forged-token')).status).toBe(401);
    expect((await http<HealthView>(server.url, 'GET', '/api/health')).body.eventStore.head).toBe(head);
  });

  it('ends the session on sign-out: the token no longer works', async () => {
    const s = (await http<{ token: string }>(server.url, 'POST', '/api/auth/login', { email: 'owner@example.com', password: 'correct horse battery' })).body;
    expect((await http(server.url, 'POST', '/api/auth/logout', undefined, s.token)).status).toBe(204);
    expect((await http(server.url, 'GET', '/api/auth/me', undefined, s.token)).status).toBe(401);
  });

  it('reports store kinds, head and projection lag on /api/health', async () => {
    const health = (await http<HealthView>(server.url, 'GET', '/api/health')).body;
    expect(health.eventStore.kind).toBe('sqlite');
    expect(health.readStore.kind).toBe('memory');
    expect(health.projections.map((p) => p.name)).toEqual(expect.arrayContaining(['accounts', 'chat-records', 'presence', 'sites', 'live-conversations']));
  });
});

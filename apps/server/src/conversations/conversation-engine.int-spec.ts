import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { Namespace } from '@kefu/contracts';
import type {
  ChatEventView,
  ChatRequestResult,
  ChatSettingsView,
  ChatSummaryView,
  InvitationView,
  LiveVisitView,
  PositionResult,
  QueuePositionView,
  ResumeResult,
  TransferTargetsView,
  TypingView,
  WidgetSettingsView,
} from '@kefu/contracts';
import { call, connect, http, next, startServer, unwrap, type AgentClient, type TestServer, type VisitorClient } from '../testing/harness';
import { agentOnline, createSite, headOf, requestChat, visitorOnPage, type SiteFixture, type Visitor } from './testing/conversation-fixture';

const sockets: { close(): unknown }[] = [];
const track = <T extends { close(): unknown }>(s: T): T => {
  sockets.push(s);
  return s;
};

describe('live conversation engine over real sockets (B1 B2 B3 B4 B8 B10 B11 C5 C6 C8 F2 G10 I7 K1 K2)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ chatRequestLimit: { max: 1000, windowSeconds: 60 }, visitCloseGraceMs: 400 });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  describe('invite → accept → chat → transfer → rate (B2 F2 C3 B8 I7)', () => {
    let f: SiteFixture;
    let ann: AgentClient;
    let bob: AgentClient;
    let v: Visitor;
    let chatId: string;

    beforeAll(async () => {
      f = await createSite(server.url, { agents: [{ nickname: '安娜' }, { nickname: '鲍勃' }] });
      ann = track(await agentOnline(server.url, f.agents['安娜']!.token));
      bob = track(await agentOnline(server.url, f.agents['鲍勃']!.token));
    });

    it('shows the agent a new visitor with region, source, device and the live page trail (B1 B3 K1)', async () => {
      const seen = next<LiveVisitView>(ann, 'visitor:updated', (x) => x.pages === 1);
      v = await visitorOnPage(f, '/p/1', '商品 1', 'https://www.baidu.com/s?ie=gbk&wd=%B6%E0%C9%D9%C7%AE');
      track(v.socket);
      const first = await seen;
      expect(first).toMatchObject({
        visitId: v.visitId,
        kind: 'new',
        online: true,
        source: { kind: 'search', engine: 'baidu', keyword: '多少钱' },
        region: { city: '内网IP' },
        currentPage: { title: '商品 1' },
      });
      const second = next<LiveVisitView>(ann, 'visitor:updated', (x) => x.visitId === v.visitId && x.pages === 2);
      unwrap(await call(v.socket, 'visit:page', { visitId: v.visitId, url: `${f.site.url}/cart`, title: '购物车' }));
      expect((await second).trail.map((p) => p.title)).toEqual(['商品 1', '购物车']);
      const listed = unwrap(await call<{ visitors: LiveVisitView[] }>(ann, 'visitors:list', {}));
      expect(listed.visitors.map((x) => x.visitId)).toContain(v.visitId);
    });

    it('delivers a manual invitation to the visitor page; accepting opens a chat with the inviting agent (B2 C3)', async () => {
      const invitationId = randomUUID();
      const received = next<InvitationView>(v.socket, 'invitation:received');
      unwrap(await call(bob, 'invitation:send', { invitationId, visitId: v.visitId }));
      const invitation = await received;
      expect(invitation).toMatchObject({ invitationId, agent: { id: f.agents['鲍勃']!.userId, name: '鲍勃' } });
      const answered = next<{ status: string }>(bob, 'invitation:answered');
      const assigned = next<ChatSummaryView>(bob, 'chat:assigned');
      chatId = randomUUID();
      const result = unwrap(await call<ChatRequestResult>(v.socket, 'invitation:accept', { invitationId, chatId, visitId: v.visitId }));
      expect(result).toMatchObject({ chatId, status: 'active', agent: { id: f.agents['鲍勃']!.userId } });
      expect(await answered).toMatchObject({ status: 'accepted' });
      expect((await assigned).invitationId).toBe(invitationId);
    });

    it('lets the agent see the draft as the visitor types, throttled, and the visitor see "typing" (B4)', async () => {
      const draft = next<TypingView>(bob, 'chat:typing', (t) => t.draft === '我想问一下');
      unwrap(await call(v.socket, 'chat:typing', { chatId, typing: true, draft: '我想问一下' }));
      expect(await draft).toMatchObject({ chatId, typing: true, from: { role: 'visitor' } });
      // A second keystroke within the interval is dropped, not queued.
      expect(unwrap(await call<{ delivered: boolean }>(v.socket, 'chat:typing', { chatId, typing: true, draft: '我想问一下运' }))).toEqual({
        delivered: false,
      });
      const indicator = next<TypingView>(v.socket, 'chat:typing');
      unwrap(await call(bob, 'chat:typing', { chatId, typing: true }));
      const seen = await indicator;
      expect(seen).toMatchObject({ typing: true, from: { role: 'agent', name: '鲍勃' } });
      expect(seen.draft).toBeUndefined();
      const settings = unwrap(await call<WidgetSettingsView>(v.socket, 'widget:settings', {}));
      expect(settings.typingPreview).toBe(true);
    });

    it('hides drafts when the site turns the preview off (B4)', async () => {
      const put = await http<ChatSettingsView>(server.url, 'PUT', `/api/sites/${f.site.siteId}/chat-settings`, { typingPreview: false }, f.owner.token);
      expect(put.status).toBe(200);
      await new Promise((r) => setTimeout(r, 250));
      const typing = next<TypingView>(bob, 'chat:typing');
      unwrap(await call(v.socket, 'chat:typing', { chatId, typing: true, draft: '秘密' }));
      const seen = await typing;
      expect(seen.typing).toBe(true);
      expect(seen.draft).toBeUndefined();
      expect(unwrap(await call<WidgetSettingsView>(v.socket, 'widget:settings', {})).typingPreview).toBe(false);
    });

    it("passes the visitor's typing flag to the agent as sent, and refuses a typing notice without it (B4)", async () => {
      await new Promise((r) => setTimeout(r, 250));
      const stopped = next<TypingView>(bob, 'chat:typing');
      unwrap(await call(v.socket, 'chat:typing', { chatId, typing: false, draft: '' }));
      expect(await stopped).toMatchObject({ chatId, typing: false, from: { role: 'visitor' } });
      await new Promise((r) => setTimeout(r, 250));
      const refused = await call(v.socket, 'chat:typing', { chatId, draft: '' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    });

    it('keeps links safe: javascript: stays text, http links come as parts (no innerHTML needed)', async () => {
      const id = randomUUID();
      const seen = next<ChatEventView>(bob, 'chat:event', (e) => e.id === id);
      const text = '<script>alert(1)</script> javascript:alert(1) 详情见 https://shop.example.com/p/1，谢谢';
      unwrap(await call(v.socket, 'chat:send', { chatId, clientId: id, text }));
      const message = await seen;
      expect(message.kind === 'message' && message.text).toBe(text);
      const parts = message.kind === 'message' ? (message.parts ?? []) : [];
      expect(parts.filter((p) => 'link' in p)).toEqual([{ link: 'https://shop.example.com/p/1', text: 'https://shop.example.com/p/1' }]);
      expect(parts.map((p) => p.text).join('')).toBe(text);
    });

    it('transfers to another agent with a reason: the new one sees everything and the reason, the old one can only read (B8)', async () => {
      const targets = unwrap(await call<TransferTargetsView>(bob, 'chat:transfer-targets', { chatId }));
      expect(targets.agents.map((a) => a.name)).toEqual(['安娜']);
      const assigned = next<ChatSummaryView>(ann, 'chat:assigned', (c) => c.chatId === chatId);
      const result = unwrap(
        await call<PositionResult & { agent: { id: string } }>(bob, 'chat:transfer', {
          chatId,
          to: { kind: 'agent', agentId: f.agents['安娜']!.userId },
          reason: '她负责退货',
        }),
      );
      expect(result.agent.id).toBe(f.agents['安娜']!.userId);
      const summary = await assigned;
      expect(summary.lastTransfer).toMatchObject({ from: { name: '鲍勃' }, to: { name: '安娜' }, reason: '她负责退货' });
      const history = unwrap(await call<ResumeResult>(ann, 'chat:resume', { chatId }));
      expect(history.events.map((e) => (e.kind === 'message' ? 'message' : e.what))).toEqual(['requested', 'assigned', 'message', 'transferred']);
      const late = await call(bob, 'chat:send', { chatId, clientId: randomUUID(), text: '还是我' });
      expect(late).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect((await call<ResumeResult>(bob, 'chat:resume', { chatId })).ok).toBe(true);
      unwrap(await call(ann, 'chat:send', { chatId, clientId: randomUUID(), text: '您好，我来处理退货' }));
    });

    it('categorises, closes, asks for a rating; the visitor rates once (B11 I7)', async () => {
      unwrap(await call(ann, 'chat:categorise', { chatId, category: '售后' }));
      unwrap(await call(ann, 'chat:close', { chatId }));
      const asked = next<{ chatId: string }>(v.socket, 'chat:rating-requested');
      expect(unwrap(await call<{ sent: boolean }>(ann, 'chat:ask-rating', { chatId }))).toEqual({ sent: true });
      await asked;
      const rated = next<ChatEventView>(ann, 'chat:event', (e) => e.kind === 'system' && e.what === 'rated');
      unwrap(await call(v.socket, 'chat:rate', { chatId, score: 5, suggestion: '很专业' }));
      expect(await rated).toMatchObject({ rating: { score: 5, suggestion: '很专业' } });
      expect(await call(v.socket, 'chat:rate', { chatId, score: 1, suggestion: '' })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATED' } });
      expect(await call(v.socket, 'chat:rate', { chatId, score: 9 })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    });

    it('records a refusal and refuses a manual invitation beyond the cap J (F2)', async () => {
      await http(server.url, 'PUT', `/api/sites/${f.site.siteId}/chat-settings`, { invitation: { manualMaxPerVisitor: 2 } }, f.owner.token);
      // Bob already invited once; a second one, declined, reaches the cap.
      const second = randomUUID();
      const received = next<InvitationView>(v.socket, 'invitation:received', (i) => i.invitationId === second);
      unwrap(await call(bob, 'invitation:send', { invitationId: second, visitId: v.visitId }));
      await received;
      unwrap(await call(v.socket, 'invitation:decline', { invitationId: second }));
      expect(await call(bob, 'invitation:send', { invitationId: randomUUID(), visitId: v.visitId })).toMatchObject({
        ok: false,
        error: { code: 'RULE_VIOLATED' },
      });
      const seen = unwrap(await call<LiveVisitView>(ann, 'visitor:get', { visitId: v.visitId }));
      expect(seen).toMatchObject({ invitationsSent: 2, invitationsDeclined: 1 });
    });

    it('opens a direct chat on the visitor page without an invitation (C5)', async () => {
      const opened = next<ChatSummaryView>(v.socket, 'chat:opened');
      const id = randomUUID();
      const result = unwrap(await call<ChatRequestResult>(ann, 'chat:open', { chatId: id, visitId: v.visitId }));
      expect(result).toMatchObject({ chatId: id, status: 'active', agent: { id: f.agents['安娜']!.userId } });
      expect(await opened).toMatchObject({ chatId: id, openedBy: { name: '安娜' } });
      const hello = next<ChatEventView>(v.socket, 'chat:event', (e) => e.kind === 'message');
      unwrap(await call(ann, 'chat:send', { chatId: id, clientId: randomUUID(), text: '您好，需要帮忙吗？' }));
      expect(await hello).toMatchObject({ text: '您好，需要帮忙吗？' });
      const mine = unwrap(await call<{ chats: ChatSummaryView[] }>(v.socket, 'chat:mine', {}));
      expect(mine.chats.map((c) => c.chatId)).toEqual([id]);
      unwrap(await call(ann, 'chat:close', { chatId: id }));
    });

    it('ends the visit when its last tab is gone for the grace period; agents see the visitor leave (K1)', async () => {
      const left = next<{ visitId: string }>(ann, 'visitor:left', (x) => x.visitId === v.visitId, 5000);
      v.socket.close();
      await left;
      const seen = await call<LiveVisitView>(ann, 'visitor:get', { visitId: v.visitId });
      expect(seen).toMatchObject({ ok: true, data: { online: false } });
    });
  });

  describe('automatic invitation rule (F2)', () => {
    it('invites after N seconds; after K refusals never again', async () => {
      const f = await createSite(server.url, { agents: [{ nickname: '小李' }] });
      track(await agentOnline(server.url, f.agents['小李']!.token));
      await http(
        server.url,
        'PUT',
        `/api/sites/${f.site.siteId}/chat-settings`,
        { invitation: { auto: { enabled: true, afterSeconds: 1, maxRefusals: 1, waitAfterRefusalSeconds: 0 } } },
        f.owner.token,
      );
      const v = await visitorOnPage(f);
      track(v.socket);
      const started = Date.now();
      const invitation = await next<InvitationView>(v.socket, 'invitation:received', () => true, 5000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      expect(invitation.agent).toBeUndefined();
      unwrap(await call(v.socket, 'invitation:decline', { invitationId: invitation.invitationId }));
      await expect(next(v.socket, 'invitation:received', () => true, 2000)).rejects.toThrow('no invitation:received');
    });

    it('does not invite when no agent is online', async () => {
      const f = await createSite(server.url, { agents: [{ nickname: '小周' }] });
      await http(server.url, 'PUT', `/api/sites/${f.site.siteId}/chat-settings`, { invitation: { auto: { enabled: true, afterSeconds: 1 } } }, f.owner.token);
      const v = await visitorOnPage(f);
      track(v.socket);
      await expect(next(v.socket, 'invitation:received', () => true, 2000)).rejects.toThrow('no invitation:received');
    });
  });

  describe('queue (D4 G10)', () => {
    it('queues beyond the cap with positions, tells the visitors as it moves, and serves them in order', async () => {
      const f = await createSite(server.url, { agents: [{ nickname: '小张', maxChats: 2 }] });
      const agent = track(await agentOnline(server.url, f.agents['小张']!.token));
      const visitors: Visitor[] = [];
      for (let i = 0; i < 5; i++) visitors.push(await visitorOnPage(f, `/p/${i}`));
      for (const v of visitors) track(v.socket);
      const results: ChatRequestResult[] = [];
      for (const v of visitors) results.push(await requestChat(v));
      expect(results.map((r) => r.status)).toEqual(['active', 'active', 'queued', 'queued', 'queued']);
      expect(results.map((r) => r.queuePosition)).toEqual([undefined, undefined, 1, 2, 3]);
      const moved = next<QueuePositionView>(visitors[3]!.socket, 'chat:queue', (q) => q.queuePosition === 1);
      const served = next<ChatSummaryView>(agent, 'chat:assigned', (c) => c.chatId === results[2]!.chatId);
      unwrap(await call(agent, 'chat:close', { chatId: results[0]!.chatId }));
      await served;
      await moved;
      const next3 = next<ChatSummaryView>(agent, 'chat:assigned', (c) => c.chatId === results[3]!.chatId);
      unwrap(await call(visitors[1]!.socket, 'chat:close', { chatId: results[1]!.chatId }));
      await next3;
    });

    it('routes a visitor from a regional agent\u2019s region to that agent first (G10)', async () => {
      // 127.0.0.1 is 内网IP in ip2region: a regional agent for 内网IP takes local visitors first.
      const f = await createSite(server.url, { agents: [{ nickname: '总部' }, { nickname: '本地', regions: ['内网IP'] }] });
      track(await agentOnline(server.url, f.agents['总部']!.token));
      track(await agentOnline(server.url, f.agents['本地']!.token));
      const v = await visitorOnPage(f);
      track(v.socket);
      expect((await requestChat(v)).agent?.id).toBe(f.agents['本地']!.userId);
    });

    it('offers the leave-message form when nobody is online, and away/busy agents get no new chats (C6 B10)', async () => {
      const f = await createSite(server.url, { agents: [{ nickname: '小王' }] });
      track(await agentOnline(server.url, f.agents['小王']!.token, 'away'));
      const v = await visitorOnPage(f);
      track(v.socket);
      expect((await requestChat(v)).status).toBe('leave_message');
      const settings = unwrap(await call<WidgetSettingsView>(v.socket, 'widget:settings', {}));
      expect(settings.agentsAvailable).toBe(false);
    });
  });

  describe('gap-free reconnect (C8)', () => {
    it('gives a client exactly what it missed after the last position it saw', async () => {
      const f = await createSite(server.url, { agents: [{ nickname: '小赵' }] });
      const agent = track(await agentOnline(server.url, f.agents['小赵']!.token));
      const v = await visitorOnPage(f);
      const { chatId } = await requestChat(v);
      const before = unwrap(await call<ResumeResult>(v.socket, 'chat:resume', { chatId }));
      const lastSeen = before.events[before.events.length - 1]!.position;
      v.socket.close();
      const sent: string[] = [];
      for (let i = 0; i < 200; i++) {
        const id = randomUUID();
        sent.push(id);
        unwrap(await call(agent, 'chat:send', { chatId, clientId: id, text: `消息 ${i}` }));
      }
      const back = track(await connect<VisitorClient>(server.url, 'visitor', v.session.token));
      const missed = unwrap(await call<ResumeResult>(back, 'chat:resume', { chatId, after: lastSeen }));
      expect(missed.events.map((e) => e.id)).toEqual(sent);
      expect(new Set(missed.events.map((e) => e.position)).size).toBe(200);
      // And live again afterwards.
      const live = next<ChatEventView>(back, 'chat:event', (e) => e.kind === 'message');
      unwrap(await call(agent, 'chat:send', { chatId, clientId: randomUUID(), text: '还在吗' }));
      expect(await live).toMatchObject({ text: '还在吗' });
    });
  });

  describe('bad input and load', () => {
    let f: SiteFixture;
    let agent: AgentClient;
    let v: Visitor;
    let chatId: string;

    beforeAll(async () => {
      f = await createSite(server.url, { agents: [{ nickname: '小钱' }] });
      agent = track(await agentOnline(server.url, f.agents['小钱']!.token));
      v = await visitorOnPage(f);
      track(v.socket);
      chatId = (await requestChat(v)).chatId;
    });

    it('refuses a 100 KB message with the limit and appends nothing', async () => {
      const head = await headOf(server.url);
      const huge = await call(v.socket, 'chat:send', { chatId, clientId: randomUUID(), text: '字'.repeat(100 * 1024) });
      expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID', message: expect.stringContaining('5000') } });
      expect(v.socket.connected).toBe(true);
      expect(await headOf(server.url)).toBe(head);
    });

    it('answers the same message id twice with the same position, once in the chat', async () => {
      const clientId = randomUUID();
      const a = unwrap(await call<PositionResult>(v.socket, 'chat:send', { chatId, clientId, text: '一次' }));
      const b = unwrap(await call<PositionResult>(v.socket, 'chat:send', { chatId, clientId, text: '一次' }));
      expect(b.position).toBe(a.position);
      const all = unwrap(await call<ResumeResult>(v.socket, 'chat:resume', { chatId }));
      expect(all.events.filter((e) => e.id === clientId)).toHaveLength(1);
    });

    it('refuses messages to a chat the sender is not in, and another site\u2019s chat id, as absent', async () => {
      const other = await createSite(server.url, { agents: [{ nickname: '别家' }] });
      const otherAgent = track(await agentOnline(server.url, other.agents['别家']!.token));
      const stranger = await visitorOnPage(other);
      track(stranger.socket);
      const head = await headOf(server.url);
      expect(await call(stranger.socket, 'chat:send', { chatId, clientId: randomUUID(), text: 'hi' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(stranger.socket, 'chat:resume', { chatId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await call(stranger.socket, 'chat:rate', { chatId, score: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await call(otherAgent, 'chat:send', { chatId, clientId: randomUUID(), text: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await call(otherAgent, 'chat:transfer', { chatId, to: { kind: 'agent', agentId: other.agents['别家']!.userId } })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(otherAgent, 'invitation:send', { invitationId: randomUUID(), visitId: v.visitId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await headOf(server.url)).toBe(head);
    });

    it('refuses a visitor token used on another site (tampered claims) and keeps a token to its own site', async () => {
      const other = await createSite(server.url, { agents: [{ nickname: '另一家' }] });
      const [version, body, mac] = v.session.token.split('.');
      const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = `${version}.${Buffer.from(JSON.stringify({ ...claims, siteId: other.site.siteId })).toString('base64url')}.${mac}`;
      await expect(connect(server.url, 'visitor', forged)).rejects.toThrow('visitor token');
      // The real token acts on its own site only: a visit id it starts belongs to that site.
      const otherVisitor = await visitorOnPage(other);
      track(otherVisitor.socket);
      expect(await call(v.socket, 'visit:page', { visitId: otherVisitor.visitId, url: `${other.site.url}/x`, title: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });

    it('keeps scripts in a leave-message name as text and refuses a javascript: e-mail', async () => {
      const leaveMessageId = randomUUID();
      const left = await call(v.socket, 'leave-message:send', {
        leaveMessageId,
        name: '<img src=x onerror=alert(1)>',
        email: 'a@example.com',
        content: '<script>alert(1)</script>',
      });
      expect(left).toMatchObject({ ok: true });
      const bad = await call(v.socket, 'leave-message:send', { leaveMessageId: randomUUID(), name: 'x', email: 'javascript:alert(1)', content: 'y' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    });

    it('refuses unknown fields, operators and wrong types on every new event', async () => {
      for (const [event, payload] of [
        ['chat:typing', { chatId, typing: true, draft: { $gt: '' } }],
        ['chat:rate', { chatId, score: '5' }],
        ['chat:request', { chatId: randomUUID(), visitId: v.visitId, target: { kind: 'robot' } }],
        ['invitation:accept', { invitationId: 'x', chatId, visitId: v.visitId }],
        ['leave-message:send', { leaveMessageId: randomUUID(), name: 'a', content: 'b', admin: true }],
      ] as const) {
        expect(await call(v.socket, event, payload)).toMatchObject({ ok: false, error: { code: 'INVALID' } });
      }
      expect(await call(agent, 'chat:transfer', { chatId, to: { kind: 'agent' } })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    });
  });
});

describe('timers: presence grace and visit inactivity (B10 K1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ chatRequestLimit: { max: 1000, windowSeconds: 60 }, agentOfflineGraceMs: 300, visitInactiveMs: 500 });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  it('puts a closed workspace offline after the grace period: the next visitor gets the leave-message form', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '小冯' }] });
    const agent = await agentOnline(server.url, f.agents['小冯']!.token);
    agent.close();
    await new Promise((r) => setTimeout(r, 700));
    const v = await visitorOnPage(f);
    track(v.socket);
    expect((await requestChat(v)).status).toBe('leave_message');
  });

  it('keeps an agent who reloads within the grace period online', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '小陈' }] });
    const agent = await agentOnline(server.url, f.agents['小陈']!.token);
    agent.close();
    const again = track(await connect<AgentClient>(server.url, 'agent', f.agents['小陈']!.token));
    await new Promise((r) => setTimeout(r, 700));
    expect(unwrap(await call<{ status: string }>(again, 'agent:chats', {})).status).toBe('online');
  });

  it('ends a visit without pages for the inactivity period; a page after that asks for a new visit', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '小褚' }] });
    const watcher = track(await agentOnline(server.url, f.agents['小褚']!.token));
    const v = await visitorOnPage(f);
    track(v.socket);
    await next<{ visitId: string }>(watcher, 'visitor:left', (x) => x.visitId === v.visitId, 3000);
    expect(await call(v.socket, 'visit:page', { visitId: v.visitId, url: `${f.site.url}/again`, title: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATED' },
    });
  });
});

describe('admin namespace (B1 I4 live monitoring)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server.close());

  const open = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(`${server.url}${Namespace.admin}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (e) => {
        socket.close();
        reject(e);
      });
    });

  it('lets an owner in, joined to the organisation, and keeps agents and strangers out', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '老板' }, { nickname: '员工' }] });
    const owner = await open(f.owner.token);
    expect(unwrap(await call<{ orgId: string; roles: string[] }>(owner, 'admin:hello', {}))).toMatchObject({ orgId: f.owner.orgId });
    owner.close();
    await expect(open(f.agents['员工']!.token)).rejects.toThrow('owner or admin');
    await expect(open('forged')).rejects.toThrow();
  });
});

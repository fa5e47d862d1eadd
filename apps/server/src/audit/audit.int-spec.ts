import { randomUUID } from 'node:crypto';
import type { AuditHistory, AuditStateAsOf, ChatRecordRowView, RegisterOrgResponse, RoutingTraceView, SiteView, VisitorsReport } from '@kefu/contracts';
import type { EventStore, NewEvent } from '@kefu/event-store';
import { http, startServer, type TestServer } from '../testing/harness';
import { EVENT_STORE } from '../platform/tokens';

/**
 * K4 and J1/I5 over HTTP against a real server (SQLite): a conversation recorded with known times, then
 * the auditor's history, state as of instants, routing trace, a report and a record search.
 */
describe('K4 auditor replay, J1 report and I5 search over the real API', () => {
  let server: TestServer;
  let owner: RegisterOrgResponse;
  let site: SiteView;
  const visitId = randomUUID();
  const visitorId = randomUUID();
  const chatId = randomUUID();
  const agentA = randomUUID();
  const agentB = randomUUID();

  const append = async (stream: string, type: string, data: Record<string, unknown>, at: string, actor?: NewEvent['metadata']['actor']) => {
    const store = server.app.get<EventStore>(EVENT_STORE);
    return store.append(stream, [{ id: randomUUID(), type, data, metadata: { occurredAt: at, ...(actor ? { actor } : {}) } }], 'any');
  };

  beforeAll(async () => {
    server = await startServer();
    owner = (
      await http<RegisterOrgResponse>(server.url, 'POST', '/api/orgs', {
        orgName: '审计商城',
        website: 'https://audit.example.com',
        email: 'audit@example.com',
        password: 'correct horse battery',
      })
    ).body;
    site = (await http<SiteView>(server.url, 'POST', '/api/sites', { name: '主站', url: 'https://audit.example.com', timeZone: 'Asia/Shanghai' }, owner.token))
      .body;
    const ids = { orgId: owner.orgId, siteId: site.siteId };
    const visitor = { kind: 'visitor' as const, id: visitorId };
    const routing = { kind: 'system' as const, id: 'routing' };
    await append(
      `visit-${visitId}`,
      'VisitStarted',
      {
        ...ids,
        visitId,
        visitorId,
        returning: false,
        entryUrl: 'https://audit.example.com/pricing',
        entryTitle: '价格',
        referrer: 'https://www.baidu.com/s?wd=客服系统',
        userAgent: 'Mozilla/5.0',
        ip: '114.114.114.114',
        startedAt: '2026-03-02T01:00:00.000Z',
        visitorKind: 'new',
        region: { country: '中国', province: '江苏省', city: '南京市', isp: '电信' },
        source: { kind: 'search', host: 'www.baidu.com', engine: 'baidu', keyword: '客服系统' },
        device: { type: 'desktop', os: 'Windows', browser: 'Chrome' },
      },
      '2026-03-02T01:00:00.000Z',
      visitor,
    );
    await append(
      `visit-${visitId}`,
      'PageViewed',
      { ...ids, visitId, visitorId, url: 'https://audit.example.com/pricing', title: '价格', at: '2026-03-02T01:00:00.000Z' },
      '2026-03-02T01:00:00.000Z',
      visitor,
    );
    await append(
      `chat-${chatId}`,
      'ChatRequested',
      {
        ...ids,
        chatId,
        visitorId,
        visitId,
        visitorName: '#VISIT1',
        page: { url: 'https://audit.example.com/pricing', title: '价格' },
        requestedAt: '2026-03-02T01:01:00.000Z',
      },
      '2026-03-02T01:01:00.000Z',
      visitor,
    );
    await append(
      `routing-${site.siteId}`,
      'ChatRouted',
      {
        ...ids,
        chatId,
        agentId: agentA,
        agentName: '小王',
        reason: 'least_loaded',
        considered: [
          { agentId: agentA, status: 'online', load: 0, cap: 5 },
          { agentId: agentB, status: 'online', load: 2, cap: 5 },
          { agentId: randomUUID(), status: 'away', load: 0, cap: null, excluded: 'away' },
        ],
        at: '2026-03-02T01:01:00.000Z',
      },
      '2026-03-02T01:01:00.000Z',
      routing,
    );
    await append(
      `chat-${chatId}`,
      'ChatAssigned',
      { ...ids, chatId, agentId: agentA, agentName: '小王', at: '2026-03-02T01:01:00.000Z' },
      '2026-03-02T01:01:00.000Z',
      routing,
    );
    await append(
      `chat-${chatId}`,
      'MessagePosted',
      {
        ...ids,
        chatId,
        messageId: 'm-1',
        from: { role: 'visitor', id: visitorId, name: '#VISIT1' },
        text: '请问旗舰版多少钱？',
        at: '2026-03-02T01:02:00.000Z',
      },
      '2026-03-02T01:02:00.000Z',
      visitor,
    );
    await append(
      `chat-${chatId}`,
      'MessagePosted',
      { ...ids, chatId, messageId: 'm-2', from: { role: 'agent', id: agentA, name: '小王' }, text: '=HYPERLINK("x") 您好', at: '2026-03-02T01:03:00.000Z' },
      '2026-03-02T01:03:00.000Z',
      { kind: 'user', id: agentA },
    );
    await append(
      `chat-${chatId}`,
      'ChatClosed',
      { ...ids, chatId, by: { role: 'agent', id: agentA, name: '小王' }, reason: 'closed_by_agent', at: '2026-03-02T01:10:00.000Z' },
      '2026-03-02T01:10:00.000Z',
      { kind: 'user', id: agentA },
    );
    await append(
      `chat-${chatId}`,
      'ChatRated',
      { ...ids, chatId, agentId: agentA, visitorId, score: 2, suggestion: '=HYPERLINK("http://evil.example")', at: '2026-03-02T01:11:00.000Z' },
      '2026-03-02T01:11:00.000Z',
      visitor,
    );
    await append(
      `routing-${site.siteId}`,
      'ChatReleased',
      { ...ids, chatId, agentId: agentA, at: '2026-03-02T01:10:00.000Z' },
      '2026-03-02T01:10:00.000Z',
      routing,
    );
    // Read-your-writes for what follows.
    const head = await server.app.get<EventStore>(EVENT_STORE).headPosition();
    await http(server.url, 'GET', `/api/sites/${site.siteId}/chats/${chatId}?waitFor=${head}`, undefined, owner.token);
  }, 60_000);

  afterAll(async () => {
    await server.close();
  });

  it('K4: the full history of the conversation, routing decisions included, with actor and time', async () => {
    const res = await http<AuditHistory>(server.url, 'GET', `/api/audit/chats/${chatId}/events`, undefined, owner.token);
    expect(res.status).toBe(200);
    expect(res.body.events.map((e) => [e.type, e.occurredAt, e.actor?.kind])).toEqual([
      ['ChatRequested', '2026-03-02T01:01:00.000Z', 'visitor'],
      ['ChatRouted', '2026-03-02T01:01:00.000Z', 'system'],
      ['ChatAssigned', '2026-03-02T01:01:00.000Z', 'system'],
      ['MessagePosted', '2026-03-02T01:02:00.000Z', 'visitor'],
      ['MessagePosted', '2026-03-02T01:03:00.000Z', 'user'],
      ['ChatClosed', '2026-03-02T01:10:00.000Z', 'user'],
      ['ChatRated', '2026-03-02T01:11:00.000Z', 'visitor'],
      ['ChatReleased', '2026-03-02T01:10:00.000Z', 'system'],
    ]);
  });

  it('K4: the state of the conversation as of any instant', async () => {
    const at = async (instant: string) =>
      (await http<AuditStateAsOf>(server.url, 'GET', `/api/audit/chats/${chatId}/state?at=${encodeURIComponent(instant)}`, undefined, owner.token)).body;
    const before = await at('2026-03-02T01:00:59Z');
    expect(before).toMatchObject({ eventsApplied: 0, position: 0, state: { phase: 'none' } });
    const waiting = await at('2026-03-02T01:01:00Z');
    expect(waiting.eventsApplied).toBe(2);
    expect(waiting.state).toMatchObject({ phase: 'active', chatId, visitorId, agentId: agentA, agentName: '小王', messageIds: [] });
    const talking = await at('2026-03-02T09:02:30+08:00');
    expect(talking).toMatchObject({ at: '2026-03-02T01:02:30.000Z', eventsApplied: 3, state: { phase: 'active', messageIds: ['m-1'] } });
    const closed = await at('2026-03-03T00:00:00Z');
    expect(closed).toMatchObject({ eventsApplied: 6, state: { phase: 'closed', messageIds: ['m-1', 'm-2'], rating: { score: 2 } } });
    const bad = await http<{ code: string }>(server.url, 'GET', `/api/audit/chats/${chatId}/state?at=yesterday`, undefined, owner.token);
    expect(bad.status).toBe(400);
  });

  it('★ routing trace: who was eligible, who was chosen and why', async () => {
    const res = await http<RoutingTraceView>(server.url, 'GET', `/api/audit/chats/${chatId}/routing`, undefined, owner.token);
    expect(res.body.decisions).toHaveLength(2);
    const [routed, released] = res.body.decisions;
    expect(routed).toMatchObject({ type: 'ChatRouted', chosen: { agentId: agentA, agentName: '小王', reason: 'least_loaded' }, eligible: [agentA, agentB] });
    expect(routed!.considered.map((c) => [c.status, c.load, c.eligible, c.excluded])).toEqual([
      ['online', 0, true, undefined],
      ['online', 2, true, undefined],
      ['away', 0, false, 'away'],
    ]);
    expect(released).toMatchObject({ type: 'ChatReleased', at: '2026-03-02T01:10:00.000Z' });
  });

  it('another organisation sees none of it (404, never data)', async () => {
    const other = (
      await http<RegisterOrgResponse>(server.url, 'POST', '/api/orgs', {
        orgName: '别家',
        website: 'https://other.example.com',
        email: 'other@example.com',
        password: 'correct horse battery',
      })
    ).body;
    expect((await http(server.url, 'GET', `/api/audit/chats/${chatId}/events`, undefined, other.token)).status).toBe(404);
    expect((await http(server.url, 'GET', `/api/audit/visits/${visitId}/state?at=2026-03-03T00:00:00Z`, undefined, other.token)).status).toBe(404);
  });

  it('J1: visits, uniques and chats in the site time zone, with the metric definition version', async () => {
    const res = await http<VisitorsReport>(
      server.url,
      'GET',
      `/api/sites/${site.siteId}/reports/visitors?from=2026-03-02&to=2026-03-02&granularity=hour`,
      undefined,
      owner.token,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      granularity: 'hour',
      definitionVersion: 1,
      totals: { visits: 1, uniqueVisitors: 1, chats: 1 },
    });
    expect(res.body.series).toHaveLength(24);
    expect(res.body.series[9]).toMatchObject({ bucket: '2026-03-02T09', visits: 1, uniqueVisitors: 1, chats: 1, kinds: { new: 1 } });
    const bad = await http<{ code: string }>(server.url, 'GET', `/api/sites/${site.siteId}/reports/visitors?from=2026-02-30`, undefined, owner.token);
    expect(bad.status).toBe(400);
    const unknown = await http(server.url, 'GET', `/api/sites/${site.siteId}/reports/visitors?from[$gt]=`, undefined, owner.token);
    expect(unknown.status).toBe(400);
  });

  it('I5: full-text search matches a Chinese substring, literally, and the CSV neutralises formulas', async () => {
    const search = (q: string) =>
      http<ChatRecordRowView[]>(
        server.url,
        'GET',
        `/api/sites/${site.siteId}/chats?from=2026-03-01&to=2026-03-31&q=${encodeURIComponent(q)}`,
        undefined,
        owner.token,
      );
    expect((await search('旗舰')).body.map((r) => r.chatId)).toEqual([chatId]);
    expect((await search('旗舰版多少')).body[0]).toMatchObject({ chatId, source: { engine: 'baidu', keyword: '客服系统' }, region: { city: '南京市' } });
    expect((await search('.*')).body).toEqual([]);
    const csv = await fetch(`${server.url}/api/sites/${site.siteId}/chats.csv?from=2026-03-01&to=2026-03-31`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // The UTF-8 byte order mark, so Excel opens the Chinese text as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    // The suggestion cell starts with an apostrophe: Excel shows it as text instead of running it.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/(^|[\n,])"?=HYPERLINK/);
  });
});

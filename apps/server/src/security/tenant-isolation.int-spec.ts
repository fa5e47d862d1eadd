import { randomUUID } from 'node:crypto';
import type { EmployeeView, OrganisationView, SiteDetailView } from '@kefu/contracts';
import type { EventStore } from '@kefu/event-store';
import { EVENT_STORE } from '../platform/tokens';
import { call, http, startServer, type TestServer } from '../testing/harness';
import { closeSockets, createOrganisation, type OrgFixture } from '../testing/organisations';

/** Every route of issue 4: their answers to another organisation's ids must be exactly 403 or 404. */
const ISSUE4_ROUTES = [
  'get /api/organisation',
  'patch /api/organisation',
  'put /api/organisation/seats',
  'get /api/employees',
  'post /api/employees',
  'post /api/employees/import',
  'get /api/employees/{userId}',
  'put /api/employees/{userId}/roles',
  'put /api/employees/{userId}/name',
  'post /api/employees/{userId}/deactivate',
  'post /api/employees/{userId}/reactivate',
  'get /api/sites',
  'post /api/sites',
  'get /api/sites/{siteId}',
  'patch /api/sites/{siteId}',
  'delete /api/sites/{siteId}',
  'post /api/sites/{siteId}/groups',
  'put /api/sites/{siteId}/groups/order',
  'patch /api/sites/{siteId}/groups/{groupId}',
  'delete /api/sites/{siteId}/groups/{groupId}',
  'post /api/sites/{siteId}/agents',
  'put /api/sites/{siteId}/agents/order',
  'patch /api/sites/{siteId}/agents/{userId}',
  'delete /api/sites/{siteId}/agents/{userId}',
  'post /api/sites/{siteId}/fixed-links',
  'get /api/sites/{siteId}/chats',
  'get /api/sites/{siteId}/chats/{chatId}',
  'post /api/auth/password',
  'post /api/auth/logout-everywhere',
  'get /api/auth/sessions',
] as const;

type OpenApi = { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>> };

/**
 * A3 + "tenant isolation": two organisations, and organisation A's owner (every role) tries every
 * route of the HTTP API — taken from the generated OpenAPI document, so a route added later is
 * covered too — with organisation B's ids. Every answer is 403 or 404 (or a refusal of the body
 * before any lookup), never B's data, and none of B's streams gains an event. The same holds for
 * socket messages naming B's chat. (CVE-2021-3740 class: a writable or guessable id crossing tenants.)
 */
describe('tenant isolation: neither organisation can read or change the other’s anything (A3, D1–D3, A2, D4, E2)', () => {
  let server: TestServer;
  let a: OrgFixture;
  let b: OrgFixture;
  let doc: OpenApi;

  const bIds = () => [b.orgId, b.siteId, b.groupId, b.agentId, b.ownerId, b.chatId, b.visitorId, b.visitId, b.defaultGroupId];
  const streamsOfB = () => [
    `org-${b.orgId}`,
    `site-${b.siteId}`,
    `user-${b.agentId}`,
    `user-${b.ownerId}`,
    `seats-${b.orgId}`,
    `chat-${b.chatId}`,
    `install-${b.siteId}`,
  ];
  async function revisions(): Promise<number[]> {
    const store = server.app.get<EventStore>(EVENT_STORE);
    return Promise.all(streamsOfB().map(async (s) => (await store.read(s)).length));
  }
  const leaks = (body: unknown) => bIds().filter((id) => id && JSON.stringify(body ?? '').includes(id));

  beforeAll(async () => {
    server = await startServer();
    a = await createOrganisation(server, 'alpha');
    b = await createOrganisation(server, 'bravo');
    doc = (await http<OpenApi>(server.url, 'GET', '/api/docs-json')).body;
  }, 60_000);

  afterAll(async () => {
    closeSockets(a, b);
    await server.close();
  });

  /** Valid bodies for the routes of issue 4, so the request reaches the organisation check (not just validation). */
  const bodies = (): Record<string, unknown> => ({
    'patch /api/sites/{siteId}': { name: 'taken over', customTitle: 'hi' },
    'post /api/sites/{siteId}/groups': { name: 'intruders' },
    'put /api/sites/{siteId}/groups/order': { groupIds: [b.groupId, b.defaultGroupId] },
    'patch /api/sites/{siteId}/groups/{groupId}': { name: 'renamed' },
    'post /api/sites/{siteId}/agents': { userId: a.agentId, nickname: 'spy' },
    'put /api/sites/{siteId}/agents/order': { userIds: [b.agentId] },
    'patch /api/sites/{siteId}/agents/{userId}': { nickname: 'renamed' },
    'post /api/sites/{siteId}/fixed-links': { target: { kind: 'agent', agentId: b.agentId }, style: 'text' },
    'put /api/employees/{userId}/roles': { roles: ['admin', 'agent'] },
    'put /api/employees/{userId}/name': { name: 'taken over' },
  });

  const query = (parameters: { name: string; in: string; required?: boolean }[] = []) =>
    parameters
      .filter((p) => p.in === 'query' && p.required && p.name !== 'waitFor')
      .map(
        (p) =>
          `${p.name}=${encodeURIComponent(p.name === 'at' || p.name === 'to' ? new Date().toISOString() : p.name === 'from' ? '2020-01-01T00:00:00.000Z' : substitute(p.name))}`,
      )
      .join('&');

  const substitute = (name: string): string =>
    ({
      siteId: b.siteId,
      groupId: b.groupId,
      userId: b.agentId,
      agentId: b.agentId,
      chatId: b.chatId,
      visitId: b.visitId,
      visitorId: b.visitorId,
      orgId: b.orgId,
    })[name] ?? randomUUID();

  it('the OpenAPI document lists every route of issue 4 (so the sweep below covers them)', () => {
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(routes).toEqual(expect.arrayContaining([...ISSUE4_ROUTES]));
  });

  it("every route with an id in its path answers B's ids with 403/404 to A's owner, without B's data and without an event on B's streams", async () => {
    const before = await revisions();
    const failures: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.includes('{')) continue;
      for (const method of Object.keys(ops)) {
        const q = query(ops[method]?.parameters);
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => substitute(name)) + (q ? `?${q}` : '');
        const key = `${method} ${path}`;
        const body = method === 'get' || method === 'delete' ? undefined : (bodies()[key] ?? {});
        const res = await http(server.url, method.toUpperCase(), url, body, a.ownerToken);
        checked++;
        // Other tasks' routes may refuse the body first (400/422); that too gives nothing away.
        const mine = (ISSUE4_ROUTES as readonly string[]).includes(key);
        const allowed = mine ? [403, 404] : [400, 403, 404, 422];
        if (!allowed.includes(res.status)) failures.push(`${key} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (leaks(res.body).length) failures.push(`${key} leaked ${leaks(res.body).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(await revisions()).toEqual(before);
  });

  it("A's site cannot take B's groups, agents or employees: each is answered as if it did not exist", async () => {
    const before = await revisions();
    const cases: [string, string, unknown][] = [
      ['PATCH', `/api/sites/${a.siteId}/groups/${b.groupId}`, { name: 'x' }],
      ['DELETE', `/api/sites/${a.siteId}/groups/${b.groupId}`, undefined],
      ['PATCH', `/api/sites/${a.siteId}/agents/${b.agentId}`, { nickname: 'x' }],
      ['DELETE', `/api/sites/${a.siteId}/agents/${b.agentId}`, undefined],
      ['POST', `/api/sites/${a.siteId}/agents`, { userId: b.agentId, nickname: 'poached' }],
      ['POST', `/api/sites/${a.siteId}/agents`, { userId: a.agentId, nickname: 'x', groupId: b.groupId }],
      ['PUT', `/api/sites/${a.siteId}/groups/order`, { groupIds: [b.groupId, a.groupId, a.defaultGroupId] }],
      ['POST', `/api/sites/${a.siteId}/fixed-links`, { target: { kind: 'agent', agentId: b.agentId }, style: 'text' }],
      ['POST', `/api/sites/${a.siteId}/fixed-links`, { target: { kind: 'group', groupId: b.groupId }, style: 'text' }],
      ['GET', `/api/sites/${a.siteId}/chats/${b.chatId}`, undefined],
    ];
    for (const [method, url, body] of cases) {
      const res = await http<{ code: string }>(server.url, method, url, body, a.ownerToken);
      expect([method, url, [404, 409].includes(res.status)]).toEqual([method, url, true]);
      expect(leaks(res.body)).toEqual([]);
    }
    expect(await revisions()).toEqual(before);
  });

  it("lists show only the caller's own organisation", async () => {
    for (const path of ['/api/sites', '/api/sites?deleted=include', '/api/employees', '/api/organisation', '/api/auth/sessions', '/api/auth/me']) {
      const res = await http(server.url, 'GET', path, undefined, a.ownerToken);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, leaks(res.body)]).toEqual([path, []]);
    }
    const sites = (await http<SiteDetailView[]>(server.url, 'GET', '/api/sites', undefined, b.ownerToken)).body;
    expect(sites.map((s) => s.siteId)).toEqual([b.siteId]);
    const people = (await http<EmployeeView[]>(server.url, 'GET', '/api/employees', undefined, b.ownerToken)).body;
    expect(people.map((p) => p.userId).sort()).toEqual([b.ownerId, b.agentId].sort());
    const org = (await http<OrganisationView>(server.url, 'GET', '/api/organisation', undefined, b.ownerToken)).body;
    expect(org.orgId).toBe(b.orgId);
  });

  it("query parameters naming B's ids (any GET route without a path id) give A nothing of B's", async () => {
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const get = ops['get'];
      if (path.includes('{') || !get) continue;
      const q = query(get.parameters);
      if (!q) continue;
      const res = await http(server.url, 'GET', `${path}?${q}`, undefined, a.ownerToken);
      if (res.status === 200 && leaks(res.body).length) failures.push(`${path} leaked ${leaks(res.body).join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it("socket messages naming B's chat are refused for A's agent and A's visitor (NOT_FOUND, never data)", async () => {
    const before = await revisions();
    const agentAnswers = [
      await call(a.sockets.agent, 'chat:resume', { chatId: b.chatId }),
      await call(a.sockets.agent, 'chat:send', { chatId: b.chatId, clientId: randomUUID(), text: 'hello from A' }),
      await call(a.sockets.agent, 'chat:close', { chatId: b.chatId }),
      await call(a.sockets.visitor, 'chat:resume', { chatId: b.chatId }),
      await call(a.sockets.visitor, 'chat:send', { chatId: b.chatId, clientId: randomUUID(), text: 'hello from A' }),
    ];
    for (const answer of agentAnswers) {
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('NOT_FOUND');
      expect(leaks(answer)).toEqual([]);
    }
    expect(await revisions()).toEqual(before);
  });

  it("B's agent cannot use A's admin routes either (roles are checked before anything else)", async () => {
    for (const [method, url] of [
      ['GET', '/api/employees'],
      ['PATCH', `/api/sites/${b.siteId}`],
      ['PUT', '/api/organisation/seats'],
      ['GET', '/api/organisation'],
    ] as const) {
      const res = await http(server.url, method, url, method === 'GET' ? undefined : { name: 'x' }, b.agentToken);
      expect([url, res.status]).toEqual([url, 403]);
    }
  });
});

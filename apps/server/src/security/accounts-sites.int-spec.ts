import { randomUUID } from 'node:crypto';
import type {
  Ack,
  EmployeeView,
  FixedLinkView,
  LoginResponse,
  OrganisationView,
  OwnSessionView,
  SiteDetailView,
  VisitorSessionResponse,
} from '@kefu/contracts';
import { call, connect, http, startServer, type AgentClient, type TestServer } from '../testing/harness';
import { closeSockets, createOrganisation, ok, PASSWORD, type OrgFixture } from '../testing/organisations';

const login = async (server: TestServer, name: string, password = PASSWORD) =>
  ok(await http<LoginResponse>(server.url, 'POST', '/api/auth/login', { login: name, password }), `login ${name}`);
const disconnected = (socket: AgentClient) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

/** Issue 4 end to end over HTTP and sockets: accounts and sessions (A2 A4), seats (D4/G11), sites, groups and agents (D1–D3), E1, E2, G4, OpenAPI, CORS. */
describe('accounts, sessions, seats and sites over the real API (A2 A3 A4 D1 D2 D3 D4 E1 E2 G4 G11)', () => {
  let server: TestServer;
  let org: OrgFixture;
  const sockets: AgentClient[] = [];

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganisation(server, 'delta', { chat: false });
  }, 60_000);

  afterAll(async () => {
    closeSockets(org);
    for (const s of sockets) s.close();
    await server.close();
  });

  const addEmployee = (body: object) =>
    http<EmployeeView>(server.url, 'POST', '/api/employees', { password: PASSWORD, roles: ['agent'], ...body }, org.ownerToken);

  it('A2/A4: an employee added by phone signs in by phone (any spelling); the list shows them', async () => {
    const added = ok(await addEmployee({ phone: '139 0000 0001', name: '手机客服' }), 'add');
    expect(added).toMatchObject({ phone: '13900000001', email: '', roles: ['agent'], active: true, isFounder: false });
    expect((await login(server, '+86 139-0000-0001')).user.userId).toBe(added.userId);
    const list = ok(await http<EmployeeView[]>(server.url, 'GET', '/api/employees', undefined, org.ownerToken), 'list');
    expect(list.find((e) => e.userId === org.ownerId)?.isFounder).toBe(true);
    expect(list.map((e) => e.userId)).toContain(added.userId);
  });

  it('A2/A4: changing one’s password keeps this session, ends every other one (HTTP 401, agent socket closed) and the old password stops working', async () => {
    const email = 'pw@delta.example';
    ok(await addEmployee({ email, name: 'pw' }), 'add');
    const first = await login(server, email);
    const second = await login(server, email);
    const socket = await connect<AgentClient>(server.url, 'agent', second.token);
    sockets.push(socket);
    const closed = disconnected(socket);
    const sessions = ok(await http<OwnSessionView[]>(server.url, 'GET', '/api/auth/sessions', undefined, first.token), 'sessions');
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions).toHaveLength(2);
    const wrong = await http<{ code: string }>(
      server.url,
      'POST',
      '/api/auth/password',
      { currentPassword: 'not it at all', newPassword: 'new password 1' },
      first.token,
    );
    expect([wrong.status, wrong.body.code]).toEqual([403, 'FORBIDDEN']);
    ok(await http(server.url, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'new password 1' }, first.token), 'change');
    expect((await http(server.url, 'GET', '/api/auth/me', undefined, first.token)).status).toBe(200);
    expect((await http(server.url, 'GET', '/api/auth/me', undefined, second.token)).status).toBe(401);
    expect(await closed).toBe('io server disconnect');
    await expect(connect<AgentClient>(server.url, 'agent', second.token)).rejects.toThrow('session has ended');
    expect((await http(server.url, 'POST', '/api/auth/login', { login: email, password: PASSWORD })).status).toBe(401);
    expect((await login(server, email, 'new password 1')).token).toBeTruthy();
  });

  it('A2: an admin resets a forgotten password: every session of the person ends, only the new password signs in', async () => {
    const email = 'reset@delta.example';
    const added = ok(await addEmployee({ email, name: 'reset' }), 'add');
    const session = await login(server, email);
    const socket = await connect<AgentClient>(server.url, 'agent', session.token);
    sockets.push(socket);
    const closed = disconnected(socket);
    const short = await http<{ code: string }>(server.url, 'POST', `/api/employees/${added.userId}/password`, { password: 'short' }, org.ownerToken);
    expect([short.status, short.body.code]).toEqual([400, 'INVALID']);
    ok(await http(server.url, 'POST', `/api/employees/${added.userId}/password`, { password: 'reset password 1' }, org.ownerToken), 'reset');
    expect((await http(server.url, 'GET', '/api/auth/me', undefined, session.token)).status).toBe(401);
    expect(await closed).toBe('io server disconnect');
    expect((await http(server.url, 'POST', '/api/auth/login', { login: email, password: PASSWORD })).status).toBe(401);
    expect((await login(server, email, 'reset password 1')).token).toBeTruthy();
    // The owner's own password is changed with the current one, not reset.
    const own = await http<{ code: string }>(server.url, 'POST', `/api/employees/${org.ownerId}/password`, { password: 'reset password 2' }, org.ownerToken);
    expect([own.status, own.body.code]).toEqual([422, 'RULE_VIOLATED']);
  });

  it('A4: sign out everywhere ends every session of the account, this one included', async () => {
    const email = 'everywhere@delta.example';
    ok(await addEmployee({ email, name: 'everywhere' }), 'add');
    const [one, two] = [await login(server, email), await login(server, email)];
    expect((await http(server.url, 'POST', '/api/auth/logout-everywhere', undefined, one.token)).status).toBe(204);
    expect((await http(server.url, 'GET', '/api/auth/me', undefined, one.token)).status).toBe(401);
    expect((await http(server.url, 'GET', '/api/auth/me', undefined, two.token)).status).toBe(401);
  });

  it('A2/A3: deactivating ends the person’s sessions and sign-in; reactivating lets them in again; roles change with history', async () => {
    const email = 'leaver@delta.example';
    const added = ok(await addEmployee({ email, name: 'leaver' }), 'add');
    const session = await login(server, email);
    const socket = await connect<AgentClient>(server.url, 'agent', session.token);
    sockets.push(socket);
    const closed = disconnected(socket);
    ok(await http(server.url, 'POST', `/api/employees/${added.userId}/deactivate`, undefined, org.ownerToken), 'deactivate');
    expect(await closed).toBe('io server disconnect');
    expect((await http(server.url, 'GET', '/api/auth/me', undefined, session.token)).status).toBe(401);
    const refused = await http<{ message: string }>(server.url, 'POST', '/api/auth/login', { login: email, password: PASSWORD });
    expect([refused.status, refused.body.message]).toEqual([401, expect.stringContaining('deactivated')]);
    ok(await http(server.url, 'POST', `/api/employees/${added.userId}/reactivate`, undefined, org.ownerToken), 'reactivate');
    ok(await http(server.url, 'PUT', `/api/employees/${added.userId}/roles`, { roles: ['admin', 'agent'] }, org.ownerToken), 'roles');
    const again = await login(server, email);
    expect(again.user.roles).toEqual(['admin', 'agent']);
    expect((await http(server.url, 'GET', '/api/employees', undefined, again.token)).status).toBe(200);
  });

  it('A2: an admin corrects an employee’s name: the list, the person’s own account and sign-in show it; bad names and other owners are refused', async () => {
    const email = 'rename@delta.example';
    const added = ok(await addEmployee({ email, name: '张三' }), 'add');
    const session = await login(server, email);
    const renamed = ok(
      await http<{ position: number }>(server.url, 'PUT', `/api/employees/${added.userId}/name`, { name: '  张三丰 ' }, org.ownerToken),
      'rename',
    );
    expect(renamed.position).toBeGreaterThan(0);
    const list = ok(await http<EmployeeView[]>(server.url, 'GET', '/api/employees', undefined, org.ownerToken), 'list');
    expect(list.find((e) => e.userId === added.userId)?.name).toBe('张三丰');
    expect(ok(await http<{ name: string }>(server.url, 'GET', '/api/auth/me', undefined, session.token), 'me').name).toBe('张三丰');
    expect((await login(server, email)).user.name).toBe('张三丰');

    const before = ok(await http<EmployeeView>(server.url, 'GET', `/api/employees/${added.userId}`, undefined, org.ownerToken), 'get');
    for (const body of [{ name: '   ' }, { name: '名'.repeat(65) }, { name: { $ne: '' } }, { name: '张三', extra: 1 }, {}]) {
      const res = await http(server.url, 'PUT', `/api/employees/${added.userId}/name`, body, org.ownerToken);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    // An admin may not rename an owner; an agent may not rename anyone; another organisation's id is unknown.
    const admin = ok(await addEmployee({ email: 'renamer@delta.example', name: 'renamer', roles: ['admin'] }), 'add admin');
    const adminSession = await login(server, 'renamer@delta.example');
    expect((await http(server.url, 'PUT', `/api/employees/${org.ownerId}/name`, { name: 'x' }, adminSession.token)).status).toBe(403);
    ok(await http(server.url, 'PUT', `/api/employees/${added.userId}/name`, { name: '张三丰' }, adminSession.token), 'same name again');
    expect((await http(server.url, 'PUT', `/api/employees/${admin.userId}/name`, { name: 'x' }, session.token)).status).toBe(403);
    expect((await http(server.url, 'PUT', `/api/employees/${randomUUID()}/name`, { name: 'x' }, org.ownerToken)).status).toBe(404);
    const after = ok(await http<EmployeeView>(server.url, 'GET', `/api/employees/${added.userId}`, undefined, org.ownerToken), 'get');
    expect(after).toEqual(before);
  });

  it('D4/G11: the agent beyond the seat limit is refused clearly; a freed seat can be taken; two agents racing for the last seat: exactly one wins', async () => {
    const agents = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const email = `seat${i}@delta.example`;
        ok(await addEmployee({ email, name: `seat${i}` }), 'add');
        const socket = await connect<AgentClient>(server.url, 'agent', (await login(server, email)).token);
        sockets.push(socket);
        return socket;
      }),
    );
    const [s1, s2, s3] = agents as [AgentClient, AgentClient, AgentClient];
    ok(await http(server.url, 'PUT', '/api/organisation/seats', { limit: 1 }, org.ownerToken), 'limit');
    expect((await call(s1, 'agent:status', { status: 'online' })).ok).toBe(true);
    expect((await call(s1, 'agent:status', { status: 'away' })).ok).toBe(true);
    const refused = (await call(s2, 'agent:status', { status: 'online' })) as Ack<unknown>;
    expect(refused).toEqual({
      ok: false,
      error: { code: 'RULE_VIOLATED', message: expect.stringContaining('all 1 seats'), details: { reason: 'SEAT_LIMIT', limit: 1, inUse: 1 } },
    });
    const seats = ok(await http<OrganisationView>(server.url, 'GET', '/api/organisation', undefined, org.ownerToken), 'org').seats;
    expect([seats.limit, seats.inUse, seats.holders.map((h) => h.name)]).toEqual([1, 1, ['seat1']]);
    expect((await call(s1, 'agent:status', { status: 'offline' })).ok).toBe(true);
    const race = await Promise.all([call(s2, 'agent:status', { status: 'online' }), call(s3, 'agent:status', { status: 'busy' })]);
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    ok(await http(server.url, 'PUT', '/api/organisation/seats', { limit: null }, org.ownerToken), 'unlimited');
    expect((await call(s1, 'agent:status', { status: 'online' })).ok).toBe(true);
  });

  it('D1/G3/G4: settings change and read back; a deleted site leaves the list but stays readable with ?deleted=include', async () => {
    const created = ok(
      await http<SiteDetailView>(server.url, 'POST', '/api/sites', { name: 'Temp', url: 'https://temp.delta.example/' }, org.ownerToken),
      'site',
    );
    expect(created.groups).toEqual([{ groupId: expect.any(String), name: '默认分组', order: 0, isDefault: true, agentCount: 0 }]);
    const changed = ok(
      await http<{ position: number }>(
        server.url,
        'PATCH',
        `/api/sites/${created.siteId}`,
        { name: 'Temp 2', language: 'zh-TW', timeZone: 'Asia/Taipei', allowedDomains: ['temp.delta.example', 'delta.example'], customTitle: '小店客服' },
        org.ownerToken,
      ),
      'patch',
    );
    const read = ok(
      await http<SiteDetailView>(server.url, 'GET', `/api/sites/${created.siteId}?waitFor=${changed.position}`, undefined, org.ownerToken),
      'get',
    );
    expect(read).toMatchObject({
      name: 'Temp 2',
      language: 'zh-TW',
      timeZone: 'Asia/Taipei',
      allowedDomains: ['temp.delta.example', 'delta.example'],
      customTitle: '小店客服',
    });
    ok(await http(server.url, 'DELETE', `/api/sites/${created.siteId}`, undefined, org.ownerToken), 'delete');
    const live = ok(await http<SiteDetailView[]>(server.url, 'GET', '/api/sites', undefined, org.ownerToken), 'list');
    expect(live.map((s) => s.siteId)).not.toContain(created.siteId);
    const all = ok(await http<SiteDetailView[]>(server.url, 'GET', '/api/sites?deleted=include', undefined, org.ownerToken), 'all');
    expect(all.find((s) => s.siteId === created.siteId)?.deletedAt).toEqual(expect.any(String));
  });

  it('D2/D3: groups and agents — add, rename, reorder, delete; details; unassign; a deleted group leaves its agents without a group', async () => {
    const site = `/api/sites/${org.siteId}`;
    const g = ok(await http<{ groupId: string }>(server.url, 'POST', `${site}/groups`, { name: '售后' }, org.ownerToken), 'group');
    ok(await http(server.url, 'PATCH', `${site}/groups/${g.groupId}`, { name: '售后服务' }, org.ownerToken), 'rename');
    ok(await http(server.url, 'PUT', `${site}/groups/order`, { groupIds: [g.groupId, org.groupId, org.defaultGroupId] }, org.ownerToken), 'order');
    ok(
      await http(
        server.url,
        'PATCH',
        `${site}/agents/${org.agentId}`,
        { jobNumber: 'D-01', groupId: g.groupId, distribution: 'regional', regions: ['江苏省', '南京市'], maxChats: 4 },
        org.ownerToken,
      ),
      'agent',
    );
    ok(await http(server.url, 'POST', `${site}/agents`, { userId: org.ownerId, nickname: '店长' }, org.ownerToken), 'owner as agent');
    const pos = ok(
      await http<{ position: number }>(server.url, 'PUT', `${site}/agents/order`, { userIds: [org.ownerId, org.agentId] }, org.ownerToken),
      'order',
    );
    let view = ok(await http<SiteDetailView>(server.url, 'GET', `${site}?waitFor=${pos.position}`, undefined, org.ownerToken), 'view');
    expect(view.groups.map((x) => [x.name, x.isDefault, x.agentCount])).toEqual([
      ['售后服务', false, 1],
      ['售前', false, 0],
      ['默认分组', true, 1],
    ]);
    expect(view.agents.map((a) => a.userId)).toEqual([org.ownerId, org.agentId]);
    expect(view.agents[1]).toMatchObject({ jobNumber: 'D-01', groupId: g.groupId, distribution: 'regional', regions: ['江苏省', '南京市'], maxChats: 4 });
    expect(view.agents[1]?.link).toBe(`${server.url}/widget/?site=${org.siteId}&target=agent:${org.agentId}`);
    const del = ok(await http<{ position: number }>(server.url, 'DELETE', `${site}/groups/${g.groupId}`, undefined, org.ownerToken), 'delete group');
    view = ok(await http<SiteDetailView>(server.url, 'GET', `${site}?waitFor=${del.position}`, undefined, org.ownerToken), 'view');
    expect(view.agents.find((a) => a.userId === org.agentId)?.groupId).toBe('');
    const un = ok(await http<{ position: number }>(server.url, 'DELETE', `${site}/agents/${org.ownerId}`, undefined, org.ownerToken), 'unassign');
    view = ok(await http<SiteDetailView>(server.url, 'GET', `${site}?waitFor=${un.position}`, undefined, org.ownerToken), 'view');
    expect(view.agents.map((a) => a.userId)).toEqual([org.agentId]);
  });

  it('E2: fixed links for a group, the robot and an agent, with escaped, copyable HTML', async () => {
    const site = `/api/sites/${org.siteId}`;
    const group = ok(
      await http<FixedLinkView>(
        server.url,
        'POST',
        `${site}/fixed-links`,
        { target: { kind: 'group', groupId: org.groupId }, style: 'text', text: '<b>问我</b>' },
        org.ownerToken,
      ),
      'group link',
    );
    expect(group.url).toBe(`${server.url}/widget/?site=${org.siteId}&target=group:${org.groupId}`);
    expect(group.html).toBe(`<a href="${group.url.replace(/&/g, '&amp;')}" target="_blank" rel="noopener">&lt;b&gt;问我&lt;/b&gt;</a>`);
    const robot = ok(
      await http<FixedLinkView>(
        server.url,
        'POST',
        `${site}/fixed-links`,
        { target: { kind: 'robot' }, style: 'image', imageUrl: 'https://cdn.delta.example/chat.png' },
        org.ownerToken,
      ),
      'robot link',
    );
    expect(robot.html).toContain('<img src="https://cdn.delta.example/chat.png"');
    expect(robot.url).toContain('target=robot');
  });

  it('E1: the snippet seen on a customer page shows in the site view (when and where); CORS answers only the site’s allowed origins on /api/visitor', async () => {
    const page = 'https://shop.delta.example/products/1?ref=mail';
    const res = await fetch(`${server.url}/api/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.delta.example' },
      body: JSON.stringify({ siteId: org.siteId, pageUrl: page }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.delta.example');
    expect(((await res.json()) as VisitorSessionResponse).site.customTitle).toBe('');
    let seen: SiteDetailView['install'] = {};
    // Recorded in the background after the session answered (an earlier page may show until then).
    const expectedPage = 'https://shop.delta.example/products/1';
    for (let i = 0; i < 50 && seen.lastSeenPage !== expectedPage; i++) {
      seen = ok(await http<SiteDetailView>(server.url, 'GET', `/api/sites/${org.siteId}`, undefined, org.ownerToken), 'site').install;
      if (seen.lastSeenPage !== expectedPage) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toEqual({ lastSeenAt: expect.any(String), lastSeenPage: 'https://shop.delta.example/products/1' });
    const preflight = await fetch(`${server.url}/api/visitor/session`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(`${server.url}/api/visitor/session`, {
      method: 'OPTIONS',
      headers: { origin: 'https://delta.example', 'access-control-request-method': 'POST' },
    });
    expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([204, 'https://delta.example']);
    const api = await fetch(`${server.url}/api/sites`, { headers: { origin: 'https://delta.example', authorization: `Bearer ${org.ownerToken}` } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('OpenAPI: /api/docs serves Swagger UI and /api/docs-json the document generated from the DTO classes', async () => {
    const ui = await fetch(`${server.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const doc = (await (await fetch(`${server.url}/api/docs-json`)).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.components.schemas['UpdateSiteDto']?.properties['customTitle']).toEqual({ type: 'string', maxLength: 200 });
    expect(doc.components.schemas['AddEmployeeDto']?.required).toEqual(['name', 'password', 'roles']);
  });

  it('the product answers a random id with 404 and a stale reorder with 409', async () => {
    expect((await http(server.url, 'GET', `/api/employees/${randomUUID()}`, undefined, org.ownerToken)).status).toBe(404);
    expect((await http(server.url, 'PUT', `/api/sites/${org.siteId}/agents/order`, { userIds: [] }, org.ownerToken)).status).toBe(409);
  });
});

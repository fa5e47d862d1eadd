import { randomUUID } from 'node:crypto';
import type { ImportEmployeesReport, SiteDetailView } from '@kefu/contracts';
import { connect, http, startServer, type TestServer } from '../testing/harness';
import { closeSockets, createOrganisation, headOf, PASSWORD, type OrgFixture } from '../testing/organisations';

/**
 * Bad input on the routes of issue 4: each is refused with a clear error and appends nothing
 * (the event store's head does not move). Widget, login and session refusals included.
 */
describe('bad input is refused clearly and changes nothing (A2 A4 D1 D2 D3 D4 E2 G4)', () => {
  let server: TestServer;
  let org: OrgFixture;

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganisation(server, 'gamma', { chat: false });
    // Its widget session records "snippet seen" in the background: let that land before heads are compared.
    for (let last = -1, now = await headOf(server); now !== last; now = await headOf(server)) {
      last = now;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(async () => {
    closeSockets(org);
    await server.close();
  });

  async function refused(
    method: string,
    path: string,
    body: unknown,
    status: number,
    code: string,
    messagePart?: string,
    token = org.ownerToken,
  ): Promise<void> {
    const head = await headOf(server);
    const res = await http<{ code: string; message: string }>(server.url, method, path, body, token);
    expect({ path, body, status: res.status, code: res.body?.code }).toEqual({ path, body, status, code });
    if (messagePart) expect(res.body.message).toContain(messagePart);
    expect(await headOf(server)).toBe(head);
  }

  const site = () => `/api/sites/${org.siteId}`;

  it.each([
    ['an unknown field', { name: 'x', isAdmin: true }, 'isAdmin'],
    ['a $-operator where a string belongs', { name: { $gt: '' } }, 'name'],
    ['an object where a string belongs', { url: { href: 'https://x.example' } }, 'url'],
    ['a number where a string belongs', { customTitle: 12 }, 'customTitle'],
    ['a string where a list belongs', { allowedDomains: 'x.example' }, 'allowedDomains'],
    ['a language the product does not speak', { language: 'fr' }, 'language'],
    ['an orgId smuggled in to move the site', { orgId: randomUUID(), name: 'x' }, 'orgId'],
  ])('PATCH a site with %s → 400 INVALID', (_why, body, field) => refused('PATCH', site(), body, 400, 'INVALID', field));

  it.each([
    ['sign-in', 'POST', '/api/auth/login', { email: null, password: PASSWORD }, 'email'],
    ['a site change', 'PATCH', '/api/sites/:site', { customTitle: null }, 'customTitle'],
    ['a new employee', 'POST', '/api/employees', { email: 'n@example.com', phone: null, name: 'N', password: PASSWORD, roles: ['agent'] }, 'phone'],
  ])('null where an optional string belongs (%s) → 400 INVALID, not a server error', (_what, method, path, body, field) =>
    refused(method, path.replace(':site', org.siteId), body, 400, 'INVALID', field, path.includes('login') ? '' : org.ownerToken),
  );

  it('a JSON body over 256 KB is refused with 413 before any handler runs', async () => {
    await refused('PATCH', site(), { name: 'x'.repeat(300_000) }, 413, 'INVALID', 'too large');
  });

  it('G4: a 21-character title is refused, 20 are accepted', async () => {
    await refused('PATCH', site(), { customTitle: '客'.repeat(21) }, 400, 'INVALID', 'at most 20');
    const ok = await http(server.url, 'PATCH', site(), { customTitle: '客'.repeat(20) }, org.ownerToken);
    expect(ok.status).toBe(200);
  });

  it('D1: a URL that is not one, an unknown time zone, an empty domain list, nothing to change', async () => {
    await refused('PATCH', site(), { url: 'javascript:alert(1)' }, 400, 'INVALID', 'http');
    await refused('PATCH', site(), { timeZone: 'Mars/Base' }, 400, 'INVALID', 'time zone');
    await refused('PATCH', site(), { allowedDomains: [] }, 400, 'INVALID', 'allowed domain');
    await refused('PATCH', site(), { allowedDomains: ['https://evil.example/x'] }, 400, 'INVALID', 'host name');
    await refused('PATCH', site(), {}, 400, 'INVALID', 'nothing to change');
  });

  it('D2/D3: bad group and agent input', async () => {
    await refused('POST', `${site()}/groups`, { name: '' }, 400, 'INVALID');
    await refused('POST', `${site()}/groups`, { name: 'g'.repeat(33) }, 400, 'INVALID');
    await refused('POST', `${site()}/groups`, { name: '售前' }, 409, 'CONFLICT', 'already exists');
    await refused('DELETE', `${site()}/groups/${org.defaultGroupId}`, undefined, 422, 'RULE_VIOLATED', 'default group');
    await refused('PUT', `${site()}/groups/order`, { groupIds: [org.groupId] }, 409, 'CONFLICT', 'every group');
    await refused('POST', `${site()}/agents`, { userId: org.agentId }, 400, 'INVALID', 'nickname');
    await refused('POST', `${site()}/agents`, { userId: org.agentId, nickname: '   ' }, 400, 'INVALID', 'nickname');
    await refused('POST', `${site()}/agents`, { userId: 'not-a-uuid', nickname: 'x' }, 400, 'INVALID', 'userId');
    await refused('PATCH', `${site()}/agents/${org.agentId}`, { distribution: 'regional', regions: [] }, 400, 'INVALID', 'region');
    await refused('PATCH', `${site()}/agents/${org.agentId}`, { email: 'not an e-mail' }, 400, 'INVALID', 'e-mail');
    await refused('PATCH', `${site()}/agents/${org.agentId}`, { maxChats: 0 }, 400, 'INVALID', 'maxChats');
    await refused('PATCH', `${site()}/agents/${org.agentId}`, { groupId: 'nope' }, 400, 'INVALID', 'groupId');
    await refused('POST', `${site()}/fixed-links`, { target: { kind: 'agent' }, style: 'text' }, 400, 'INVALID', 'agentId');
    await refused('POST', `${site()}/fixed-links`, { target: { kind: 'robot' }, style: 'image', imageUrl: 'javascript:alert(1)' }, 400, 'INVALID', 'http');
  });

  it('A2: an employee with an e-mail that is not one, a short password, an unknown role, no sign-in name, or an address already taken', async () => {
    await refused('POST', '/api/employees', { email: 'not-an-email', name: 'x', password: PASSWORD, roles: ['agent'] }, 400, 'INVALID', 'email');
    await refused('POST', '/api/employees', { email: 'x@gamma.example', name: 'x', password: 'short', roles: ['agent'] }, 400, 'INVALID', 'password');
    await refused('POST', '/api/employees', { email: 'x@gamma.example', name: 'x', password: PASSWORD, roles: ['root'] }, 400, 'INVALID', 'roles');
    await refused('POST', '/api/employees', { name: 'x', password: PASSWORD, roles: ['agent'] }, 400, 'INVALID', 'e-mail address or a phone number');
    await refused('POST', '/api/employees', { phone: '12345', name: 'x', password: PASSWORD, roles: ['agent'] }, 400, 'INVALID', 'phone');
    await refused('POST', '/api/employees', { email: org.agentEmail, name: 'x', password: PASSWORD, roles: ['agent'] }, 409, 'CONFLICT', 'already registered');
    await refused('POST', '/api/employees', { email: { $ne: null }, name: 'x', password: PASSWORD, roles: ['agent'] }, 400, 'INVALID', 'email');
  });

  it('A3: an admin cannot give the owner role; nobody changes their own roles; the founder cannot be deactivated', async () => {
    const admin = await http<{ userId: string }>(
      server.url,
      'POST',
      '/api/employees',
      { email: 'admin@gamma.example', name: 'Ada', password: PASSWORD, roles: ['admin'] },
      org.ownerToken,
    );
    const adminToken = (await http<{ token: string }>(server.url, 'POST', '/api/auth/login', { login: 'admin@gamma.example', password: PASSWORD })).body.token;
    await refused(
      'POST',
      '/api/employees',
      { email: 'o2@gamma.example', name: 'x', password: PASSWORD, roles: ['owner'] },
      403,
      'FORBIDDEN',
      'owner',
      adminToken,
    );
    await refused('PUT', `/api/employees/${org.agentId}/roles`, { roles: ['owner'] }, 403, 'FORBIDDEN', 'owner', adminToken);
    await refused('PUT', `/api/employees/${admin.body.userId}/roles`, { roles: ['admin', 'agent'] }, 403, 'FORBIDDEN', 'your own roles', adminToken);
    await refused('POST', `/api/employees/${org.ownerId}/deactivate`, undefined, 422, 'RULE_VIOLATED', 'cannot be deactivated', adminToken);
    await refused('POST', `/api/employees/${org.ownerId}/deactivate`, undefined, 422, 'RULE_VIOLATED', 'your own account');
    await refused('PUT', `/api/employees/${org.agentId}/roles`, { roles: [] }, 400, 'INVALID', 'roles');
  });

  it('A2: a CSV with bad rows adds the good ones and reports each bad one with its line and reason', async () => {
    const csv = [
      'email,phone,name,password,roles',
      'csv1@gamma.example,,张三,password-1,agent',
      'not-an-email,,李四,password-2,agent',
      'csv2@gamma.example,,王五,short,agent',
      ',13800138001,赵六,password-4,admin;agent',
      'csv3@gamma.example,,孙七,password-5,wizard',
      'csv4@gamma.example,,extra,password-6,agent,one too many',
      'csv1@gamma.example,,duplicate,password-7,agent',
      ',,nobody,password-8,agent',
      'csv5@gamma.example,,"quoted, name",password-9,',
    ].join('\n');
    const res = await fetch(`${server.url}/api/employees/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${org.ownerToken}` },
      body: csv,
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportEmployeesReport;
    expect(report.added.map((r) => [r.line, r.email || r.phone, r.roles])).toEqual([
      [2, 'csv1@gamma.example', ['agent']],
      [5, '13800138001', ['admin', 'agent']],
      [10, 'csv5@gamma.example', ['agent']],
    ]);
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
      [3, 'INVALID'],
      [4, 'INVALID'],
      [6, 'INVALID'],
      [7, 'INVALID'],
      [8, 'CONFLICT'],
      [9, 'INVALID'],
    ]);
    expect(report.rejected.find((r) => r.line === 3)?.reason).toContain('e-mail');
    expect(report.rejected.find((r) => r.line === 4)?.reason).toContain('at least 8');
    expect(report.rejected.find((r) => r.line === 6)?.reason).toContain('unknown role');
    expect(report.rejected.find((r) => r.line === 8)?.reason).toContain('already registered');
    const phoneLogin = await http(server.url, 'POST', '/api/auth/login', { login: '+86 138 0013 8001', password: 'password-4' });
    expect(phoneLogin.status).toBe(200);
  });

  it('A2: a CSV without the needed columns, an unknown column, an empty file or a file over 1 MB is refused whole', async () => {
    await refused('POST', '/api/employees/import', { csv: 'email,name\na@b.example,x' }, 400, 'INVALID', 'password');
    await refused('POST', '/api/employees/import', { csv: 'email,name,password,shoe size\na@b.example,x,password1,42' }, 400, 'INVALID', 'unknown column');
    await refused('POST', '/api/employees/import', { csv: '' }, 400, 'INVALID', 'empty');
    await refused('POST', '/api/employees/import', { csv: 5 }, 400, 'INVALID', 'csv');
    await refused('POST', '/api/employees/import', { csv: 'email,name,password\n', extra: 1 }, 400, 'INVALID', 'extra');
    const head = await headOf(server);
    const big = 'email,name,password\n' + 'a@b.example,x,password1\n'.repeat(50_000);
    const res = await fetch(`${server.url}/api/employees/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${org.ownerToken}` },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toContain('larger than 1 MB');
    expect(await headOf(server)).toBe(head);
  });

  it('D4: a seat limit that is not a whole number from 0, or missing', async () => {
    await refused('PUT', '/api/organisation/seats', { limit: -1 }, 400, 'INVALID', 'limit');
    await refused('PUT', '/api/organisation/seats', { limit: 1.5 }, 400, 'INVALID', 'limit');
    await refused('PUT', '/api/organisation/seats', { limit: '3' }, 400, 'INVALID', 'limit');
    await refused('PUT', '/api/organisation/seats', {}, 400, 'INVALID', 'limit');
  });

  it('A4: a revoked session is refused (401) everywhere', async () => {
    const login = await http<{ token: string }>(server.url, 'POST', '/api/auth/login', { email: `owner@gamma.example`, password: PASSWORD });
    expect((await http(server.url, 'POST', '/api/auth/logout', undefined, login.body.token)).status).toBe(204);
    await refused('GET', '/api/sites', undefined, 401, 'UNAUTHENTICATED', undefined, login.body.token);
    await refused('PATCH', site(), { name: 'x' }, 401, 'UNAUTHENTICATED', undefined, login.body.token);
    await refused('GET', '/api/sites', undefined, 401, 'UNAUTHENTICATED', undefined, 'made-up-token');
  });

  it('A4: too many sign-in attempts for one account answer 429 RATE_LIMITED with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 10; i++) {
      const wrong = await http(server.url, 'POST', '/api/auth/login', { login: 'csv1@gamma.example', password: `wrong-${i}` });
      expect(wrong.status).toBe(401);
    }
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'CSV1@gamma.example', password: 'password-1' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await res.json()) as { code: string; details: { retryAfterSeconds: number } };
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('A4: login input that is not a string is refused before any lookup', async () => {
    await refused('POST', '/api/auth/login', { login: { $gt: '' }, password: 'x' }, 400, 'INVALID', 'login');
    await refused('POST', '/api/auth/login', { email: 'a@b.example', login: 'a@b.example', password: 'x' }, 400, 'INVALID', 'login');
    await refused('POST', '/api/auth/login', { password: 'x' }, 400, 'INVALID', 'login');
  });

  it('D1: the widget refuses a domain the site does not allow, a cross-origin call from another domain, and a deleted site', async () => {
    await refused(
      'POST',
      '/api/visitor/session',
      { siteId: org.siteId, pageUrl: 'https://evil.example.net/' },
      403,
      'FORBIDDEN',
      'may not run on evil.example.net',
    );
    const head = await headOf(server);
    const cross = await fetch(`${server.url}/api/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example.net' },
      body: JSON.stringify({ siteId: org.siteId, pageUrl: 'https://shop.gamma.example/' }),
    });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('access-control-allow-origin')).toBeNull();
    expect(await headOf(server)).toBe(head);
    const other = await http<SiteDetailView>(server.url, 'POST', '/api/sites', { name: 'to delete', url: 'https://gone.gamma.example/' }, org.ownerToken);
    const session = await http<{ token: string }>(server.url, 'POST', '/api/visitor/session', {
      siteId: other.body.siteId,
      pageUrl: 'https://gone.gamma.example/',
    });
    expect(session.status).toBe(200);
    expect((await http(server.url, 'DELETE', `/api/sites/${other.body.siteId}`, undefined, org.ownerToken)).status).toBe(200);
    // A token issued before the deletion is still unexpired, yet its widget can no longer connect.
    await expect(connect(server.url, 'visitor', session.body.token)).rejects.toMatchObject({ message: 'no such site', data: { code: 'NOT_FOUND' } });
    await refused('POST', '/api/visitor/session', { siteId: other.body.siteId, pageUrl: 'https://gone.gamma.example/' }, 404, 'NOT_FOUND', 'no such site');
    await refused('PATCH', `/api/sites/${other.body.siteId}`, { name: 'back' }, 404, 'NOT_FOUND', 'no such site');
  });
});

describe('the HTTP API flood guard (@nestjs/throttler, A4)', () => {
  it('answers 429 RATE_LIMITED with Retry-After beyond the per-minute limit of one address and route; the widget session is not counted', async () => {
    const server = await startServer({ apiRequestsPerMinute: 5 });
    try {
      // Counted per address and route (the library's key), before the session check, so anonymous floods count too.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await http(server.url, 'GET', '/api/auth/me')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const res = await fetch(`${server.url}/api/auth/me`);
      expect(res.status).toBe(429);
      expect(((await res.json()) as { code: string }).code).toBe('RATE_LIMITED');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const widget = await http<{ code: string }>(server.url, 'POST', '/api/visitor/session', { siteId: randomUUID(), pageUrl: 'https://x.example/' });
      expect(widget.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

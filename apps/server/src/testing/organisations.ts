import { randomUUID } from 'node:crypto';
import type {
  AddEmployeeResponse,
  AddGroupResponse,
  ChatRequestResult,
  LoginResponse,
  RegisterOrgResponse,
  SiteDetailView,
  VisitorSessionResponse,
} from '@kefu/contracts';
import type { EventStore } from '@kefu/event-store';
import { EVENT_STORE } from '../platform/tokens';
import { call, connect, http, unwrap, type AgentClient, type TestServer, type VisitorClient } from './harness';

/** One organisation with everything issue 4 creates: owner, site, extra group, an agent employee assigned to the site, a chat. */
export interface OrgFixture {
  name: string;
  orgId: string;
  ownerId: string;
  ownerToken: string;
  siteId: string;
  defaultGroupId: string;
  groupId: string;
  agentId: string;
  agentEmail: string;
  agentToken: string;
  chatId: string;
  visitId: string;
  visitorId: string;
  visitorToken: string;
  sockets: { agent: AgentClient; visitor: VisitorClient };
}

export const PASSWORD = 'correct horse battery';

/** Fails the test with the answer when a setup call does not succeed. */
export function ok<T>(res: { status: number; body: T }, what: string): T {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createOrganisation(server: TestServer, name: string, options: { chat?: boolean } = {}): Promise<OrgFixture> {
  const url = server.url;
  const domain = `${name}.example`;
  const reg = ok(
    await http<RegisterOrgResponse>(url, 'POST', '/api/orgs', { orgName: name, website: `https://${domain}`, email: `owner@${domain}`, password: PASSWORD }),
    'register',
  );
  const ownerToken = reg.token;
  const site = ok(
    await http<SiteDetailView>(url, 'POST', '/api/sites', { name: `${name} shop`, url: `https://shop.${domain}/`, allowedDomains: [domain] }, ownerToken),
    'site',
  );
  const group = ok(await http<AddGroupResponse>(url, 'POST', `/api/sites/${site.siteId}/groups`, { name: '售前' }, ownerToken), 'group');
  const agentEmail = `agent@${domain}`;
  const employee = ok(
    await http<AddEmployeeResponse>(
      url,
      'POST',
      '/api/employees',
      { email: agentEmail, name: `${name} agent`, password: PASSWORD, roles: ['agent'] },
      ownerToken,
    ),
    'employee',
  );
  ok(
    await http(url, 'POST', `/api/sites/${site.siteId}/agents`, { userId: employee.userId, nickname: `${name}-agent`, groupId: group.groupId }, ownerToken),
    'assign',
  );
  const login = ok(await http<LoginResponse>(url, 'POST', '/api/auth/login', { login: agentEmail, password: PASSWORD }), 'agent login');
  const agent = await connect<AgentClient>(url, 'agent', login.token);
  const visitId = randomUUID();
  const chatId = randomUUID();
  const session = ok(
    await http<VisitorSessionResponse>(url, 'POST', '/api/visitor/session', { siteId: site.siteId, pageUrl: `https://shop.${domain}/p/1` }),
    'visitor',
  );
  const visitor = await connect<VisitorClient>(url, 'visitor', session.token);
  if (options.chat !== false) {
    unwrap(await call(agent, 'agent:status', { status: 'online' }));
    unwrap(await call(visitor, 'visit:page', { visitId, url: `https://shop.${domain}/p/1`, title: 'p1' }));
    unwrap(await call<ChatRequestResult>(visitor, 'chat:request', { chatId, visitId }));
  }
  return {
    name,
    orgId: reg.orgId,
    ownerId: reg.user.userId,
    ownerToken,
    siteId: site.siteId,
    defaultGroupId: site.groups.find((g) => g.isDefault)?.groupId ?? '',
    groupId: group.groupId,
    agentId: employee.userId,
    agentEmail,
    agentToken: login.token,
    chatId,
    visitId,
    visitorId: session.visitorId,
    visitorToken: session.token,
    sockets: { agent, visitor },
  };
}

export function closeSockets(...orgs: (OrgFixture | undefined)[]): void {
  for (const o of orgs) {
    o?.sockets.agent.close();
    o?.sockets.visitor.close();
  }
}

/** The event store's head: "no event appended" is the head not moving. */
export function headOf(server: TestServer): Promise<number> {
  return server.app.get<EventStore>(EVENT_STORE).headPosition();
}

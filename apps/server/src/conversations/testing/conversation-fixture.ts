import { randomUUID } from 'node:crypto';
import type { ChatRequestResult, PositionResult, RegisterOrgResponse, SiteView, VisitorSessionResponse } from '@kefu/contracts';
import { call, connect, http, unwrap, type AgentClient, type VisitorClient } from '../../testing/harness';

/** An organisation with one site whose agents are real accounts, as the conversation specs need them. */
export interface SiteFixture {
  base: string;
  owner: RegisterOrgResponse;
  site: SiteView;
  /** Agents by nickname: their user id and session token. */
  agents: Record<string, { userId: string; token: string }>;
}

let counter = 0;

export async function createSite(
  base: string,
  options: { agents: { nickname: string; maxChats?: number | null; regions?: string[] }[]; host?: string },
): Promise<SiteFixture> {
  counter += 1;
  const host = options.host ?? `shop${counter}.example.com`;
  const ownerEmail = `owner${counter}-${randomUUID().slice(0, 8)}@example.com`;
  const reg = await http<RegisterOrgResponse>(base, 'POST', '/api/orgs', {
    orgName: `商城 ${counter}`,
    website: `https://${host}`,
    email: ownerEmail,
    password: 'correct horse battery',
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const owner = reg.body;
  const created = await http<SiteView & { position: number }>(base, 'POST', '/api/sites', { name: `商城 ${counter}`, url: `https://${host}` }, owner.token);
  if (created.status !== 201) throw new Error(`site: ${created.status} ${JSON.stringify(created.body)}`);
  const agents: SiteFixture['agents'] = {};
  for (const [i, a] of options.agents.entries()) {
    let userId = owner.user.userId;
    let token = owner.token;
    if (i > 0) {
      const email = `agent${counter}-${i}-${randomUUID().slice(0, 8)}@example.com`;
      const added = await http<{ userId: string }>(
        base,
        'POST',
        '/api/employees',
        { email, name: a.nickname, password: 'agent password 1', roles: ['agent'] },
        owner.token,
      );
      if (added.status !== 201) throw new Error(`employee: ${added.status} ${JSON.stringify(added.body)}`);
      userId = added.body.userId;
      const login = await http<{ token: string }>(base, 'POST', '/api/auth/login', { email, password: 'agent password 1' });
      token = login.body.token;
    }
    const body = {
      userId,
      nickname: a.nickname,
      ...(a.maxChats !== undefined ? { maxChats: a.maxChats } : {}),
      ...(a.regions ? { distribution: 'regional', regions: a.regions } : {}),
    };
    const assigned = await http<{ position: number }>(base, 'POST', `/api/sites/${created.body.siteId}/agents`, body, owner.token);
    if (assigned.status !== 201) throw new Error(`assign: ${assigned.status} ${JSON.stringify(assigned.body)}`);
    agents[a.nickname] = { userId, token };
  }
  return { base, owner, site: created.body, agents };
}

export async function agentOnline(base: string, token: string, status: 'online' | 'away' | 'busy' = 'online'): Promise<AgentClient> {
  const agent = await connect<AgentClient>(base, 'agent', token);
  unwrap(await call<PositionResult>(agent, 'agent:status', { status }));
  return agent;
}

export interface Visitor {
  socket: VisitorClient;
  session: VisitorSessionResponse;
  visitId: string;
}

/** A visitor on a page of the site (session, socket, first page). */
export async function visitorOnPage(f: SiteFixture, page = '/p/1', title = '商品 1', referrer = '', visitorId?: string): Promise<Visitor> {
  const host = new URL(f.site.url).host;
  const s = await http<VisitorSessionResponse>(f.base, 'POST', '/api/visitor/session', {
    siteId: f.site.siteId,
    pageUrl: `https://${host}${page}`,
    ...(visitorId ? { visitorId } : {}),
  });
  if (s.status !== 200) throw new Error(`visitor session: ${s.status} ${JSON.stringify(s.body)}`);
  const socket = await connect<VisitorClient>(f.base, 'visitor', s.body.token);
  const visitId = randomUUID();
  unwrap(await call(socket, 'visit:page', { visitId, url: `https://${host}${page}`, title, referrer }));
  return { socket, session: s.body, visitId };
}

export async function requestChat(v: Visitor, extra: Record<string, unknown> = {}): Promise<ChatRequestResult> {
  return unwrap(await call<ChatRequestResult>(v.socket, 'chat:request', { chatId: randomUUID(), visitId: v.visitId, ...extra }));
}

export async function headOf(base: string): Promise<number> {
  return (await http<{ eventStore: { head: number } }>(base, 'GET', '/api/health')).body.eventStore.head;
}

import type { LiveVisitView, WorkspaceTeamSiteView, WorkspaceTeamView } from '@kefu/contracts';
import { call, connect, http, next, startServer, unwrap, type AgentClient, type TestServer } from '../testing/harness';
import { agentOnline, createSite, requestChat, visitorOnPage, type SiteFixture } from '../conversations/testing/conversation-fixture';

const sockets: { close(): unknown }[] = [];
const track = <T extends { close(): unknown }>(s: T): T => {
  sockets.push(s);
  return s;
};

const member = (site: WorkspaceTeamSiteView, name: string) => site.agents.find((a) => a.name === name);

describe('workspace team panel: status, chats now / cap and queue of the sites an agent serves (B1 B10 D3 I4)', () => {
  let server: TestServer;
  let f: SiteFixture;
  let other: SiteFixture;
  let ann: AgentClient;
  let stranger: AgentClient;
  const seenByAnn: WorkspaceTeamSiteView[] = [];
  const seenByStranger: WorkspaceTeamSiteView[] = [];

  beforeAll(async () => {
    server = await startServer({ chatRequestLimit: { max: 1000, windowSeconds: 60 } });
    f = await createSite(server.url, {
      agents: [
        { nickname: '安娜', maxChats: 1 },
        { nickname: '鲍勃', maxChats: 2 },
      ],
    });
    other = await createSite(server.url, { agents: [{ nickname: '外人' }] });
    ann = track(await agentOnline(server.url, f.agents['安娜']!.token));
    ann.on('team:changed', (site) => seenByAnn.push(site));
    stranger = track(await connect<AgentClient>(server.url, 'agent', other.agents['外人']!.token));
    stranger.on('team:changed', (site) => seenByStranger.push(site));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  const team = async (token: string) => {
    const res = await http<WorkspaceTeamView>(server.url, 'GET', '/api/workspace/team', undefined, token);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('answers the sites the agent serves with every agent of them: status, chats now against the cap, and the queue', async () => {
    const { sites } = await team(f.agents['安娜']!.token);
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ siteId: f.site.siteId, siteName: f.site.name, queueLength: 0 });
    expect(sites[0]!.agents.map((a) => [a.name, a.status, a.chatsNow, a.cap])).toEqual([
      ['安娜', 'online', 0, 1],
      ['鲍勃', 'offline', 0, 2],
    ]);
  });

  it("never shows another organisation's site or agents, and refuses a caller without the agent role", async () => {
    const theirs = await team(other.agents['外人']!.token);
    expect(theirs.sites.map((s) => s.siteId)).toEqual([other.site.siteId]);
    expect(theirs.sites.flatMap((s) => s.agents.map((a) => a.agentId))).toEqual([other.agents['外人']!.userId]);

    const email = `admin-only-${Date.now()}@example.com`;
    const added = await http(server.url, 'POST', '/api/employees', { email, name: '管理员', password: 'admin password 1', roles: ['admin'] }, f.owner.token);
    expect(added.status).toBe(201);
    const login = await http<{ token: string }>(server.url, 'POST', '/api/auth/login', { email, password: 'admin password 1' });
    const refused = await http<{ code: string }>(server.url, 'GET', '/api/workspace/team', undefined, login.body.token);
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('pushes the site when a colleague changes status, and when a chat is taken, queued and served (live)', async () => {
    const bobOnline = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => member(s, '鲍勃')?.status === 'away');
    const bob = track(await agentOnline(server.url, f.agents['鲍勃']!.token, 'away'));
    expect(member(await bobOnline, '鲍勃')).toMatchObject({ status: 'away', chatsNow: 0, cap: 2 });

    // Ann takes the first chat (Bob is away): 1 / 1.
    const taken = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => member(s, '安娜')?.chatsNow === 1);
    const v2 = await visitorOnPage(f, '/p/2');
    track(v2.socket);
    const v1 = await visitorOnPage(f, '/p/3');
    track(v1.socket);
    await requestChat(v1);
    expect(member(await taken, '安娜')).toMatchObject({ chatsNow: 1, cap: 1 });

    // Ann is at her cap and Bob is away: the next chat waits in the queue.
    const queued = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => s.queueLength === 1);
    const waiting = await requestChat(v2);
    expect(waiting.status).toBe('queued');
    expect((await queued).queueLength).toBe(1);

    // Bob comes back online: the queue is served by him.
    const served = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => s.queueLength === 0 && member(s, '鲍勃')?.chatsNow === 1);
    unwrap(await call(bob, 'agent:status', { status: 'online' }));
    expect(member(await served, '鲍勃')).toMatchObject({ status: 'online', chatsNow: 1, cap: 2 });

    const { sites } = await team(f.agents['安娜']!.token);
    expect(sites[0]!.agents.map((a) => [a.name, a.status, a.chatsNow])).toEqual([
      ['安娜', 'online', 1],
      ['鲍勃', 'online', 1],
    ]);
  });

  it('names the site on every live visit, and follows a rename (the push and the list)', async () => {
    const arrived = next<LiveVisitView>(ann, 'visitor:updated', (x) => x.pages === 1 && x.currentPage.url.endsWith('/p/9'));
    track((await visitorOnPage(f, '/p/9')).socket);
    expect((await arrived).siteName).toBe(f.site.name);

    const renamedTeam = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => s.siteName === '旗舰店');
    const renamed = await http<{ position: number }>(server.url, 'PATCH', `/api/sites/${f.site.siteId}`, { name: '旗舰店' }, f.owner.token);
    expect(renamed.status).toBe(200);
    await renamedTeam;
    const listed = unwrap(await call<{ visitors: LiveVisitView[] }>(ann, 'visitors:list', {}));
    expect(listed.visitors.length).toBeGreaterThan(0);
    expect(new Set(listed.visitors.map((v) => v.siteName))).toEqual(new Set(['旗舰店']));
  });

  it("keeps each organisation's pushes to its own agents", async () => {
    const strangerAway = next<WorkspaceTeamSiteView>(stranger, 'team:changed', (s) => member(s, '外人')?.status === 'away');
    unwrap(await call(stranger, 'agent:status', { status: 'away' }));
    await strangerAway;
    // Give any misrouted push time to arrive.
    await new Promise((r) => setTimeout(r, 200));
    const ours = new Set([f.agents['安娜']!.userId, f.agents['鲍勃']!.userId]);
    expect(seenByAnn.length).toBeGreaterThan(0);
    expect(seenByAnn.every((s) => s.siteId === f.site.siteId && s.agents.every((a) => ours.has(a.agentId)))).toBe(true);
    expect(seenByStranger.every((s) => s.siteId === other.site.siteId && s.agents.every((a) => a.agentId === other.agents['外人']!.userId))).toBe(true);
  });
  it('follows the sites of an open workspace: a site the agent is assigned to appears and stays live; one they are taken off leaves', async () => {
    const annId = f.agents['安娜']!.userId;
    const created = await http<{ siteId: string }>(server.url, 'POST', '/api/sites', { name: '海外站', url: 'https://overseas.example.com' }, f.owner.token);
    expect(created.status).toBe(201);
    const site2 = created.body.siteId;

    const added = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => s.siteId === site2 && !!member(s, '安娜'));
    expect((await http(server.url, 'POST', `/api/sites/${site2}/agents`, { userId: annId, nickname: '安娜' }, f.owner.token)).status).toBe(201);
    expect(await added).toMatchObject({ siteName: '海外站', queueLength: 0 });

    // Later changes of that site reach the open workspace without a reconnect.
    const bobJoined = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => s.siteId === site2 && !!member(s, '鲍勃'));
    const bobId = f.agents['鲍勃']!.userId;
    expect((await http(server.url, 'POST', `/api/sites/${site2}/agents`, { userId: bobId, nickname: '鲍勃', maxChats: 4 }, f.owner.token)).status).toBe(201);
    expect(member(await bobJoined, '鲍勃')).toMatchObject({ status: 'online', chatsNow: 0, cap: 4 });

    // Taken off the site: the last push of it no longer names Ann, and nothing of it reaches her afterwards.
    const removed = next<WorkspaceTeamSiteView>(ann, 'team:changed', (s) => s.siteId === site2 && !member(s, '安娜'));
    expect((await http(server.url, 'DELETE', `/api/sites/${site2}/agents/${annId}`, undefined, f.owner.token)).status).toBeLessThan(300);
    await removed;
    const seen = seenByAnn.filter((s) => s.siteId === site2).length;
    expect((await http(server.url, 'PATCH', `/api/sites/${site2}`, { name: '海外旗舰店' }, f.owner.token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(seenByAnn.filter((s) => s.siteId === site2)).toHaveLength(seen);
    expect((await team(f.agents['安娜']!.token)).sites.map((s) => s.siteId)).toEqual([f.site.siteId]);
  });
});

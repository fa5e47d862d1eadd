import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import {
  Namespace,
  regionInEnglish,
  type ChatRecordView,
  type LiveVisitView,
  type PositionResult,
  type RegionsReport,
  type RegisterOrgResponse,
  type SiteView,
  type VisitRowView,
  type VisitorSessionResponse,
} from '@kefu/contracts';
import type { EventStore } from '@kefu/event-store';
import { EVENT_STORE } from '../platform/tokens';
import { call, connect, http, startServer, unwrap, type AgentClient, type TestServer, type VisitorClient } from '../testing/harness';

/** A visitor behind a proxy on this host, from a Nanjing address (ip2region: 中国 江苏省 南京市). */
function visitorFrom(url: string, token: string, address: string): Promise<VisitorClient> {
  const socket = io(`${url}${Namespace.visitor}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { 'x-forwarded-for': address },
  }) as VisitorClient;
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

describe('English region names in the views an English-speaking console reads (K1 B1 I3 J5)', () => {
  let server: TestServer;
  let owner: RegisterOrgResponse;
  let site: SiteView;
  let agent: AgentClient;
  const sockets: { close(): unknown }[] = [];

  beforeAll(async () => {
    server = await startServer();
    owner = (
      await http<RegisterOrgResponse>(server.url, 'POST', '/api/orgs', {
        orgName: '金陵商城',
        website: 'https://jinling.example.com',
        email: 'jinling@example.com',
        password: 'correct horse battery',
      })
    ).body;
    site = (await http<SiteView>(server.url, 'POST', '/api/sites', { name: '金陵商城', url: 'https://jinling.example.com' }, owner.token)).body;
    await http(server.url, 'POST', `/api/sites/${site.siteId}/agents`, { userId: owner.user.userId, nickname: '小金' }, owner.token);
    agent = await connect<AgentClient>(server.url, 'agent', owner.token);
    sockets.push(agent);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
  });

  it('shows a visit from a Nanjing address as Nanjing, Jiangsu, China in English, keeping the Chinese names', async () => {
    const session = (
      await http<VisitorSessionResponse>(server.url, 'POST', '/api/visitor/session', { siteId: site.siteId, pageUrl: 'https://jinling.example.com/' })
    ).body;
    const visitor = await visitorFrom(server.url, session.token, '218.94.1.1');
    sockets.push(visitor);
    const visitId = randomUUID();
    const viewed = unwrap(await call<PositionResult>(visitor, 'visit:page', { visitId, url: 'https://jinling.example.com/', title: '首页' }));

    const live = unwrap(await call<LiveVisitView>(agent, 'visitor:get', { visitId }));
    expect(live.region).toMatchObject({ country: '中国', province: '江苏省', city: '南京市', en: { country: 'China', province: 'Jiangsu', city: 'Nanjing' } });
    expect(regionInEnglish(live.region)).toMatchObject({ country: 'China', province: 'Jiangsu', city: 'Nanjing' });

    const visits = await http<VisitRowView[]>(server.url, 'GET', `/api/sites/${site.siteId}/visits?waitFor=${viewed.position}`, undefined, owner.token);
    expect(visits.body.find((v) => v.visitId === visitId)?.region.en).toEqual({ country: 'China', province: 'Jiangsu', city: 'Nanjing' });

    const j5 = await http<RegionsReport>(
      server.url,
      'GET',
      `/api/sites/${site.siteId}/reports/regions?level=city&waitFor=${viewed.position}`,
      undefined,
      owner.token,
    );
    expect(j5.body.rows).toContainEqual({
      country: '中国',
      province: '江苏省',
      city: '南京市',
      en: { country: 'China', province: 'Jiangsu', city: 'Nanjing' },
      visits: 1,
      chats: 0,
    });
    const provinces = await http<RegionsReport>(server.url, 'GET', `/api/sites/${site.siteId}/reports/regions?level=province`, undefined, owner.token);
    expect(provinces.body.rows.find((r) => r.province === '江苏省')?.en).toEqual({ country: 'China', province: 'Jiangsu', city: '' });
    const csv = await fetch(`${server.url}/api/sites/${site.siteId}/reports/regions.csv?level=city`, { headers: { authorization: `Bearer ${owner.token}` } });
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('country,province,city,countryEn,provinceEn,cityEn,visits,chats');
    expect(lines).toContain('中国,江苏省,南京市,China,Jiangsu,Nanjing,1,0');

    // I5: the chat record's visit info carries the same names.
    unwrap(await call(agent, 'agent:status', { status: 'online' }));
    const chatId = randomUUID();
    const opened = unwrap(await call<PositionResult>(agent, 'chat:open', { chatId, visitId }));
    const record = await http<ChatRecordView>(
      server.url,
      'GET',
      `/api/sites/${site.siteId}/chats/${chatId}?waitFor=${opened.position}`,
      undefined,
      owner.token,
    );
    expect(record.body.visit?.region).toMatchObject({ city: '南京市', en: { country: 'China', province: 'Jiangsu', city: 'Nanjing' } });
  });

  it('names a visit recorded before English names existed the same way, computed by the projections', async () => {
    const visitId = randomUUID();
    const visitorId = randomUUID();
    const at = new Date().toISOString();
    const store = server.app.get<EventStore>(EVENT_STORE);
    const appended = await store.append(
      `visit-${visitId}`,
      [
        {
          id: randomUUID(),
          type: 'VisitStarted',
          data: {
            orgId: owner.orgId,
            siteId: site.siteId,
            visitId,
            visitorId,
            returning: false,
            entryUrl: 'https://jinling.example.com/old',
            entryTitle: '旧页面',
            referrer: '',
            userAgent: 'Mozilla/5.0',
            ip: '222.82.1.1',
            startedAt: at,
            visitorKind: 'new',
            region: { country: '中国', province: '新疆', city: '乌鲁木齐市', isp: '电信' },
            source: { kind: 'direct', host: '', engine: '', keyword: '' },
            device: { type: 'desktop', os: 'Windows', browser: 'Chrome' },
          },
          metadata: { occurredAt: at },
        },
      ],
      'no_stream',
    );
    const visits = await http<VisitRowView[]>(server.url, 'GET', `/api/sites/${site.siteId}/visits?waitFor=${appended.position}`, undefined, owner.token);
    expect(visits.body.find((v) => v.visitId === visitId)?.region.en).toEqual({ country: 'China', province: 'Xinjiang', city: 'Urumqi' });
    const live = unwrap(await call<LiveVisitView>(agent, 'visitor:get', { visitId }));
    expect(live.region.en?.city).toBe('Urumqi');
  });
});

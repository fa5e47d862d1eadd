import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import type { ComponentFixture } from '@angular/core/testing';
import type { SessionView, WorkspaceTeamMemberView, WorkspaceTeamSiteView } from '@kefu/contracts';
import { FETCH, SOCKET_CONNECTOR, SessionStore } from '@kefu/ui';
import { FakeFetch, type FakeSocket, FakeSocketConnector, provideTestI18n, settle } from '@kefu/ui/testing';
import { App } from '../app';
import { liveVisit } from '../desk/chat-fixtures';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import zhTW from '../i18n/zh-TW.json';
import { ALERT_CHANNELS, type AlertChannels } from './visitor-alerts';

const quietChannels: AlertChannels = {
  notificationPermission: () => 'denied',
  requestNotificationPermission: async () => 'denied',
  notify: () => undefined,
  chime: () => undefined,
};

const session: SessionView = {
  token: 'agent-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  user: { userId: 'u-ann', orgId: 'o1', email: 'ann@example.com', name: 'Ann', roles: ['agent'] },
};

const agent = (agentId: string, name: string, extra: Partial<WorkspaceTeamMemberView> = {}): WorkspaceTeamMemberView => ({
  agentId,
  name,
  status: 'online',
  statusSince: '2026-01-01T09:00:00.000Z',
  chatsNow: 0,
  cap: 3,
  ...extra,
});
const shop = (extra: Partial<WorkspaceTeamSiteView> = {}): WorkspaceTeamSiteView => ({
  siteId: 's1',
  siteName: '演示商城',
  queueLength: 0,
  agents: [agent('u-ann', '安娜', { chatsNow: 1, cap: 1 }), agent('u-bob', '鲍勃', { status: 'away', chatsNow: 2, cap: null })],
  ...extra,
});
const overseas = (extra: Partial<WorkspaceTeamSiteView> = {}): WorkspaceTeamSiteView => ({
  siteId: 's2',
  siteName: '海外站',
  queueLength: 2,
  agents: [agent('u-ann', '安娜'), agent('u-cai', '蔡', { status: 'offline' })],
  ...extra,
});

describe('workspace home: the team of my sites, live (B1 B10 D3 I4) and the site of each visitor', () => {
  let fixture: ComponentFixture<App>;
  let socket: FakeSocket;
  let fetch: FakeFetch;
  /** What GET /api/workspace/team answers now. */
  let teamReply: { status: number; body?: unknown };

  const el = (testId: string, root: ParentNode = fixture.nativeElement): HTMLElement | null => root.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string, root: ParentNode = fixture.nativeElement): HTMLElement[] => [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const site = (siteId: string) => fixture.nativeElement.querySelector(`[data-testid="team-site"][data-site-id="${siteId}"]`) as HTMLElement | null;
  /** One line per agent of a site as the agent reads it: name, status, chats now / cap. */
  const rows = (siteId: string) =>
    all('team-agent', site(siteId) ?? document.createElement('div')).map((li) =>
      [text(li.querySelector('.name')), text(el('team-agent-status', li)), text(el('team-agent-load', li))].join(' | '),
    );

  async function render(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      await settle(10);
      await fixture.whenStable();
    }
  }

  async function boot(team: { status: number; body?: unknown }, visitors = [liveVisit('v1', { siteName: '演示商城' })], lang = 'zh-CN'): Promise<void> {
    const connector = new FakeSocketConnector();
    teamReply = team;
    fetch = new FakeFetch().on('GET /api/sites', { status: 200, body: [] }).on('GET /api/workspace/team', () => teamReply);
    TestBed.configureTestingModule({
      providers: [
        provideTestI18n({ 'zh-CN': zhCN, en, 'zh-TW': zhTW }),
        { provide: SOCKET_CONNECTOR, useValue: connector },
        { provide: FETCH, useValue: fetch.fetch },
        { provide: ALERT_CHANNELS, useValue: quietChannels },
      ],
    });
    TestBed.inject(SessionStore).save(session);
    fixture = TestBed.createComponent(App);
    await render();
    socket = connector.socket;
    socket.respond('agent:chats', () => ({ ok: true, data: { chats: [], status: 'online' } }));
    socket.respond('visitors:list', () => ({ ok: true, data: { visitors } }));
    socket.serverConnect();
    TestBed.inject(TranslocoService).setActiveLang(lang);
    await render();
  }

  it("shows every agent of each of my sites with status and chats now / cap, marks me and a full agent, and each site's queue", async () => {
    await boot({ status: 200, body: { sites: [shop(), overseas()] } });
    expect(all('team-site-name').map(text)).toEqual(['演示商城', '海外站']);
    expect(rows('s1')).toEqual(['安娜 （我） | 在线 | 1 / 1', '鲍勃 | 离开 | 2 / 不限']);
    expect(rows('s2')).toEqual(['安娜 （我） | 在线 | 0 / 3', '蔡 | 离线 | 0 / 3']);
    expect(el('team-agent-load', site('s1')!)?.classList).toContain('load--full');
    expect(text(el('team-queue', site('s1')!))).toBe('无人排队');
    expect(text(el('team-queue', site('s2')!))).toBe('2 位访客排队中');
    expect(fetch.requestsTo('GET /api/workspace/team')).toHaveLength(1);
  });

  it('follows team:changed pushes: a colleague changes status, a chat is taken, a site is added or left', async () => {
    await boot({ status: 200, body: { sites: [shop()] } });
    socket.push(
      'team:changed',
      shop({ queueLength: 1, agents: [agent('u-ann', '安娜', { chatsNow: 1, cap: 1 }), agent('u-bob', '鲍勃', { chatsNow: 3, cap: null })] }),
    );
    await render();
    expect(rows('s1')).toEqual(['安娜 （我） | 在线 | 1 / 1', '鲍勃 | 在线 | 3 / 不限']);
    expect(text(el('team-queue', site('s1')!))).toBe('1 位访客排队中');

    // Newly assigned to a site: it appears; unassigned from one (I am no longer among its agents): it leaves.
    socket.push('team:changed', overseas());
    socket.push('team:changed', shop({ agents: [agent('u-bob', '鲍勃')] }));
    await render();
    expect(all('team-site').map((s) => s.getAttribute('data-site-id'))).toEqual(['s2']);
  });

  it('reads the team again after a reconnect, so nothing changed while offline is missed', async () => {
    await boot({ status: 200, body: { sites: [shop()] } });
    teamReply = { status: 200, body: { sites: [shop({ agents: [agent('u-ann', '安娜', { status: 'busy', chatsNow: 0, cap: 1 })] })] } };
    socket.serverDrop();
    socket.serverConnect();
    await render();
    expect(rows('s1')).toEqual(['安娜 （我） | 忙碌 | 0 / 1']);
    expect(fetch.requestsTo('GET /api/workspace/team')).toHaveLength(2);
  });

  it('says when the team cannot be read, and the visitor board still works', async () => {
    await boot({ status: 500, body: { code: 'INTERNAL', message: 'down' } });
    expect(text(el('team-unavailable'))).toBe('团队信息暂时无法获取。');
    expect(all('visitor-row')).toHaveLength(1);
  });

  it('names the site of each visitor (as the visit carries it) when I serve several sites, and not when I serve one', async () => {
    await boot({ status: 200, body: { sites: [shop(), overseas()] } }, [liveVisit('v1', { siteName: '演示商城' })]);
    expect(all('visitor-site-name').map(text)).toEqual(['演示商城']);
    socket.push('visitor:updated', liveVisit('v7', { siteId: 's2', siteName: '海外站' }));
    await render();
    expect(all('toast-site').map(text)).toEqual(['海外站']);
    TestBed.resetTestingModule();
    await boot({ status: 200, body: { sites: [shop()] } }, [liveVisit('v1', { siteName: '演示商城' })]);
    expect(all('visitor-site-name')).toHaveLength(0);
  });

  it('follows a rename of the site as the visit pushes it (split view)', async () => {
    await boot({ status: 200, body: { sites: [shop(), overseas()] } }, [
      liveVisit('v1', { siteName: '演示商城' }),
      liveVisit('v2', { siteId: 's2', siteName: '海外站' }),
    ]);
    el('group-split')?.click();
    await render();
    socket.push('visitor:updated', liveVisit('v1', { siteName: '旗舰店' }));
    await render();
    expect(all('visitor-site').map((s) => text(s.querySelector('h3')).split(' ')[0])).toEqual(['旗舰店', '海外站']);
  });

  it('speaks English and Traditional Chinese too', async () => {
    for (const [lang, expected] of [
      ['en', ['Team', 'Nobody waiting', '安娜 (me) | Online | 1 / 1', '鲍勃 | Away | 2 / no cap']],
      ['zh-TW', ['團隊', '無人排隊', '安娜 （我） | 線上 | 1 / 1', '鲍勃 | 離開 | 2 / 不限']],
    ] as const) {
      TestBed.resetTestingModule();
      await boot({ status: 200, body: { sites: [shop()] } }, undefined, lang);
      expect([text(fixture.nativeElement.querySelector('#team-title')), text(el('team-queue')), ...rows('s1')]).toEqual(expected);
    }
  });
});

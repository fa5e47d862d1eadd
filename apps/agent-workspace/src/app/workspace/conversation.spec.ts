import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { AgentTypingRequest, SessionView, TransferChatRequest, TransferTargetsView } from '@kefu/contracts';
import { FETCH, SOCKET_CONNECTOR, SessionStore } from '@kefu/ui';
import { FakeFetch, type FakeSocket, FakeSocketConnector, provideTestI18n, settle } from '@kefu/ui/testing';
import { App } from '../app';
import { liveVisit, summary, visitorSays } from '../desk/chat-fixtures';
import zhCN from '../i18n/zh-CN.json';
import { ALERT_CHANNELS, type AlertChannels } from '../visitors/visitor-alerts';

const session: SessionView = {
  token: 'agent-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  user: { userId: 'u-agent', orgId: 'o1', email: 'agent@example.com', name: 'Ann', roles: ['agent'] },
};

class FakeChannels implements AlertChannels {
  permission: NotificationPermission = 'granted';
  readonly notes: Array<{ title: string; body: string; onClick: () => void }> = [];
  chimes = 0;
  notificationPermission = () => this.permission;
  requestNotificationPermission = async () => this.permission;
  notify = (title: string, body: string, onClick: () => void) => void this.notes.push({ title, body, onClick });
  chime = () => void this.chimes++;
}

describe('agent workspace: live visitors, typing preview, transfer, categories (B1 B2 B3 B4 B8 B10 B11)', () => {
  let connector: FakeSocketConnector;
  let fixture: ComponentFixture<App>;
  let socket: FakeSocket;
  let channels: FakeChannels;
  /** B5: what GET /api/auth/canned-responses answers (the agent's own canned responses). */
  let ownCanned: { shortcut: string; text: string }[] = [];
  beforeEach(() => {
    ownCanned = [];
  });

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => [...fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)];
  const text = (testId: string): string => (el(testId)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  /** Twice: a request made while rendering (e.g. on a panel's init) is answered, then shown. */
  async function render(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      await settle(10);
      await fixture.whenStable();
    }
  }
  async function click(testId: string): Promise<void> {
    el(testId)?.click();
    await render();
  }
  async function type(testId: string, value: string): Promise<void> {
    const field = el(testId) as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await render();
  }

  async function boot(visitors = [liveVisit('v1')], chats = [summary('c1')]): Promise<void> {
    connector = new FakeSocketConnector();
    channels = new FakeChannels();
    const fetch = new FakeFetch()
      .on('GET /api/sites', {
        status: 200,
        body: [
          { siteId: 's1', name: '演示商城' },
          { siteId: 's2', name: '海外站' },
        ],
      })
      .on('GET /api/auth/canned-responses', () => ({ status: 200, body: { cannedResponses: ownCanned } }));
    TestBed.configureTestingModule({
      providers: [
        provideTestI18n({ 'zh-CN': zhCN }),
        { provide: SOCKET_CONNECTOR, useValue: connector },
        { provide: FETCH, useValue: fetch.fetch },
        { provide: ALERT_CHANNELS, useValue: channels },
      ],
    });
    TestBed.inject(SessionStore).save(session);
    fixture = TestBed.createComponent(App);
    await render();
    socket = connector.socket;
    socket.respond('agent:chats', () => ({ ok: true, data: { chats, status: 'online' } }));
    socket.respond('visitors:list', () => ({ ok: true, data: { visitors } }));
    socket.respond('chat:resume', (req: { chatId: string }) => ({
      ok: true,
      data: { summary: chats.find((c) => c.chatId === req.chatId) ?? summary(req.chatId), events: [visitorSays(req.chatId, 'm1', 5, '你好')] },
    }));
    socket.serverConnect();
    await render();
  }

  describe('B1/B2 visitors now', () => {
    it('lists every visitor with kind, current page, region, source and keyword, time on site and chat state', async () => {
      const later = new Date(Date.now() - 10_000).toISOString();
      await boot([
        liveVisit('v1'),
        liveVisit('v2', { startedAt: later, kind: 'returning', source: { kind: 'direct', host: '', engine: '', keyword: '' }, chatState: 'chatting' }),
      ]);
      // Newest arrival first.
      expect(all('visitor-row').map((r) => r.getAttribute('data-visit-id'))).toEqual(['v2', 'v1']);
      const v1 = fixture.nativeElement.querySelector('[data-visit-id="v1"]') as HTMLElement;
      expect(v1.querySelector('[data-testid="visitor-kind"]')?.textContent).toContain('新访客');
      expect(v1.querySelector('[data-testid="visitor-page"]')?.textContent).toContain('商品一');
      expect(v1.querySelector('[data-testid="visit-region"]')?.textContent).toContain('江苏省 南京市');
      expect(v1.querySelector('[data-testid="visit-source"]')?.textContent).toContain('百度搜索');
      expect(v1.querySelector('[data-testid="visit-keyword"]')?.textContent).toContain('连衣裙');
      expect(v1.querySelector('[data-testid="visitor-time"]')?.textContent).toMatch(/^1:3\d$/);
      expect(v1.querySelector('[data-testid="visitor-state"]')?.textContent).toContain('浏览中');
      const v2 = fixture.nativeElement.querySelector('[data-visit-id="v2"]') as HTMLElement;
      expect(v2.querySelector('[data-testid="visitor-kind"]')?.textContent).toContain('老访客');
      expect(v2.querySelector('[data-testid="visit-source"]')?.textContent).toContain('直接访问');
      expect((v2.querySelector('[data-testid="chat-visitor"]') as HTMLButtonElement).disabled).toBe(true);
    });

    it('splits visitors by site with the site names, and merges them again', async () => {
      await boot([liveVisit('v1'), liveVisit('v2', { siteId: 's2' })]);
      await click('group-split');
      expect(all('visitor-site').map((s) => s.querySelector('h3')?.textContent?.trim().split(' ')[0])).toEqual(['海外站', '演示商城']);
      await click('group-merged');
      expect(all('visitor-site')).toHaveLength(0);
      expect(all('visitor-row')).toHaveLength(2);
    });

    it('announces a new visitor with a card, a notification and a chime, and drops visitors who left', async () => {
      await boot([]);
      expect(el('no-visitors')?.textContent).toContain('目前没有访客');
      await click('sound-toggle');
      const chimesBefore = channels.chimes;
      socket.push('visitor:updated', liveVisit('v9', { visitorName: '南京的访客' }));
      await render();
      expect(el('visitor-toast')?.textContent).toContain('南京的访客');
      expect(channels.notes.map((n) => n.title)).toEqual(['新访客到来']);
      expect(channels.notes[0]?.body).toContain('江苏省 南京市');
      expect(channels.chimes).toBe(chimesBefore + 1);

      // Page views of a known visitor are updates, not arrivals.
      socket.push('visitor:updated', liveVisit('v9', { pages: 3 }));
      await render();
      expect(channels.notes).toHaveLength(1);

      socket.push('visitor:left', { siteId: 's1', visitId: 'v9' });
      await render();
      expect(all('visitor-row')).toHaveLength(0);
    });

    it('invites a visitor (F2) and shows the answer; a refusal says why', async () => {
      await boot();
      socket.respond('invitation:send', (req: { invitationId: string }) => ({ ok: true, data: { position: 7, invitationId: req.invitationId } }));
      await click('invite-visitor');
      const sent = socket.callsOf('invitation:send')[0]?.payload as { invitationId: string; visitId: string };
      expect(sent.visitId).toBe('v1');
      expect(sent.invitationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(text('invitation-state')).toContain('已发出邀请');
      socket.push('invitation:answered', {
        invitationId: sent.invitationId,
        visitId: 'v1',
        visitorId: 'visitor-v1',
        status: 'declined',
        at: '2026-01-01T10:00:00.000Z',
      });
      await render();
      expect(text('invitation-state')).toContain('拒绝');

      socket.respond('invitation:send', () => ({ ok: false, error: { code: 'RULE_VIOLATED', message: 'you may invite this visitor at most 2 times' } }));
      await click('invite-visitor');
      expect(text('error')).toContain('at most 2 times');
    });

    it('opens a direct chat (C5) and shows it', async () => {
      await boot();
      socket.respond('chat:open', (req: { chatId: string }) => ({
        ok: true,
        data: { chatId: req.chatId, status: 'active', agent: { id: 'u-agent', name: 'Ann' }, position: 12 },
      }));
      await click('chat-visitor');
      const opened = socket.callsOf('chat:open')[0]?.payload as { chatId: string; visitId: string };
      expect(opened.visitId).toBe('v1');
      expect(el('composer')).not.toBeNull();
      expect(socket.callsOf('chat:resume').map((c) => c.payload)).toContainEqual({ chatId: opened.chatId });
    });

    it('shows how many visitors wait in the queue', async () => {
      await boot([liveVisit('v1', { chatState: 'queued' }), liveVisit('v2', { chatState: 'queued' }), liveVisit('v3')]);
      expect(text('queue-count')).toContain('2 位访客正在排队');
    });
  });

  it('B3: shows the visit (entry, region, source, keyword, device) and the live page trail beside the chat', async () => {
    await boot([liveVisit('visit-c1')]);
    await click('chat-item');
    expect(text('visit-keyword')).toBe('连衣裙');
    expect(text('visit-device')).toContain('手机');
    expect(text('visit-device')).toContain('iOS 17 Safari');
    expect(all('trail-item').map((i) => i.querySelector('a')?.textContent)).toEqual(['首页', '商品一']);

    const visit = liveVisit('visit-c1');
    socket.push('visitor:updated', {
      ...visit,
      pages: 3,
      trail: [...visit.trail, { url: 'https://shop.test/cart', title: '购物车', at: '2026-01-01T10:03:00.000Z' }],
    });
    await render();
    expect(all('trail-item').at(-1)?.textContent).toContain('购物车');
  });

  it('B3: fetches the visit when it is not on the board (the visitor left)', async () => {
    await boot([]);
    socket.respond('visitor:get', (req: { visitId: string }) => ({ ok: true, data: liveVisit(req.visitId, { online: false }) }));
    await click('chat-item');
    expect(socket.callsOf('visitor:get').map((c) => c.payload)).toEqual([{ visitId: 'visit-c1' }]);
    expect(el('visit-left')).not.toBeNull();
    expect(all('trail-item')).toHaveLength(2);
  });

  describe('B4 typing preview', () => {
    it("shows the visitor's draft live as text until it is sent", async () => {
      await boot();
      await click('chat-item');
      socket.push('chat:typing', { chatId: 'c1', from: { role: 'visitor', id: 'v-c1', name: 'Visitor' }, typing: true, draft: '请问<b>有货</b>吗' });
      await render();
      expect(text('visitor-draft-text')).toBe('请问<b>有货</b>吗');
      expect(el('visitor-draft')?.querySelector('b')).toBeNull();

      socket.push('chat:typing', { chatId: 'c1', from: { role: 'visitor', id: 'v-c1', name: 'Visitor' }, typing: true });
      await render();
      expect(el('visitor-draft')).toBeNull();
      expect(text('visitor-typing')).toContain('访客正在输入');

      socket.push('chat:typing', { chatId: 'c1', from: { role: 'visitor', id: 'v-c1', name: 'Visitor' }, typing: false, draft: '' });
      await render();
      expect(el('visitor-typing')).toBeNull();
      expect(el('visitor-draft')).toBeNull();

      socket.push('chat:typing', { chatId: 'c1', from: { role: 'visitor', id: 'v-c1', name: 'Visitor' }, typing: true, draft: '' });
      await render();
      expect(text('visitor-typing')).toContain('访客正在输入');
      socket.push('chat:event', visitorSays('c1', 'm2', 9, '请问有货吗'));
      await render();
      expect(el('visitor-typing')).toBeNull();
    });

    it("sends the agent's own typing state, not every keystroke", async () => {
      await boot();
      await click('chat-item');
      socket.respond('chat:typing', () => ({ ok: true, data: { delivered: true } }));
      await type('composer', '您');
      await type('composer', '您好');
      await type('composer', '您好，');
      await type('composer', '');
      expect(socket.callsOf('chat:typing').map((c) => c.payload as AgentTypingRequest)).toEqual([
        { chatId: 'c1', typing: true },
        { chatId: 'c1', typing: false },
      ]);
    });
  });

  describe('B8 transfer', () => {
    const targets: TransferTargetsView = {
      agents: [
        { id: 'u-agent', name: 'Ann', status: 'online', load: 1, cap: 3, groupId: 'g1' },
        { id: 'u-bob', name: 'Bob', status: 'online', load: 0, cap: 3, groupId: 'g1' },
        { id: 'u-cat', name: 'Cat', status: 'away', load: 0, cap: null, groupId: 'g1' },
      ],
      groups: [{ id: 'g1', name: '售前' }],
    };

    it('hands the chat to an online colleague with a reason; afterwards the old agent can only read', async () => {
      await boot();
      await click('chat-item');
      socket.respond('chat:transfer-targets', () => ({ ok: true, data: targets }));
      await click('transfer-chat');
      const options = all('transfer-agent') as HTMLInputElement[];
      expect(options.map((o) => o.getAttribute('data-agent-id'))).toEqual(['u-bob', 'u-cat']);
      expect(options[1]?.disabled).toBe(true);
      expect((el('transfer-submit') as HTMLButtonElement).disabled).toBe(true);

      options[0]?.dispatchEvent(new Event('change'));
      await type('transfer-reason', '需要报价');
      socket.respond('chat:transfer', () => ({ ok: true, data: { position: 40, agent: { id: 'u-bob', name: 'Bob' } } }));
      (el('transfer-submit') as HTMLButtonElement).click();
      await render();

      expect(socket.callsOf('chat:transfer').map((c) => c.payload as TransferChatRequest)).toEqual([
        { chatId: 'c1', to: { kind: 'agent', agentId: 'u-bob' }, reason: '需要报价' },
      ]);
      expect(el('transfer-panel')).toBeNull();
      expect((el('composer') as HTMLTextAreaElement).disabled).toBe(true);
      expect(text('read-only')).toContain('已转接给 Bob');
      expect(el('close-chat')).toBeNull();
    });

    it('shows the receiving agent who handed the chat over, why, and the whole conversation', async () => {
      const transferred = summary('c3', { lastTransfer: { from: { id: 'u-zoe', name: 'Zoe' }, to: { id: 'u-agent', name: 'Ann' }, reason: '需要报价' } });
      await boot([], [transferred]);
      socket.push('chat:assigned', transferred);
      await render();
      await click('chat-item');
      expect(text('transfer-note')).toContain('Zoe 将此对话转接给您');
      expect(text('transfer-note')).toContain('需要报价');
      expect(all('message').map((m) => m.textContent?.trim())).toEqual([expect.stringContaining('你好')]);
      expect((el('composer') as HTMLTextAreaElement).disabled).toBe(false);
    });

    it('says why a transfer was refused and keeps the chat', async () => {
      await boot();
      await click('chat-item');
      socket.respond('chat:transfer-targets', () => ({ ok: true, data: targets }));
      await click('transfer-chat');
      (all('transfer-group')[0] as HTMLInputElement).dispatchEvent(new Event('change'));
      await render();
      socket.respond('chat:transfer', () => ({ ok: false, error: { code: 'RULE_VIOLATED', message: 'nobody in this group is online' } }));
      (el('transfer-submit') as HTMLButtonElement).click();
      await render();
      expect(text('error')).toContain('nobody in this group is online');
      expect((el('composer') as HTMLTextAreaElement).disabled).toBe(false);
    });
  });

  it('B10: says clearly that every seat is taken when going online is refused', async () => {
    await boot();
    socket.respond('agent:status', () => ({
      ok: false,
      error: { code: 'RULE_VIOLATED', message: 'seat limit reached', details: { reason: 'SEAT_LIMIT', limit: 3, inUse: 3 } },
    }));
    const select = el('status-select') as HTMLSelectElement;
    select.value = 'offline';
    select.dispatchEvent(new Event('change'));
    await render();
    socket.respond('agent:status', () => ({
      ok: false,
      error: { code: 'RULE_VIOLATED', message: 'seat limit reached', details: { reason: 'SEAT_LIMIT', limit: 3, inUse: 3 } },
    }));
    select.value = 'online';
    select.dispatchEvent(new Event('change'));
    await render();
    expect(text('seat-limit')).toContain('坐席已满');
    expect(text('seat-limit')).toContain('共 3 个坐席');
  });

  it('B11: files the chat under a category and shows it', async () => {
    await boot();
    await click('chat-item');
    socket.respond('chat:categorise', () => ({ ok: true, data: { position: 33 } }));
    await type('category-input', '售前咨询');
    await click('category-save');
    expect(socket.callsOf('chat:categorise').map((c) => c.payload)).toEqual([{ chatId: 'c1', category: '售前咨询' }]);
    expect(text('category-current')).toContain('售前咨询');
  });

  it("H3 B11: offers the site's categories as a select and files the chat under the one chosen", async () => {
    await boot();
    socket.respond('chat:categories', () => ({ ok: true, data: { categories: ['售前咨询', '售后', '投诉'] } }));
    socket.respond('chat:categorise', () => ({ ok: true, data: { position: 34 } }));
    await click('chat-item');
    expect(el('category-input')).toBeNull();
    const select = el('category-select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent?.trim())).toEqual(['请选择分类', '售前咨询', '售后', '投诉']);
    expect((el('category-save') as HTMLButtonElement).disabled).toBe(true);
    select.value = '售后';
    select.dispatchEvent(new Event('change'));
    await render();
    await click('category-save');
    expect(socket.callsOf('chat:categorise').map((c) => c.payload)).toEqual([{ chatId: 'c1', category: '售后' }]);
    expect(text('category-current')).toContain('售后');
  });

  describe('B5 canned responses', () => {
    const responses = [
      { shortcut: 'hi', text: '您好，请问有什么可以帮您？' },
      { shortcut: 'wait', text: '稍等，我查一下。' },
      { shortcut: '', text: '<b>感谢</b>您的咨询！' },
    ];
    const composer = () => el('composer') as HTMLTextAreaElement;
    const items = () => all('canned-item').map((i) => (i.textContent ?? '').replace(/\s+/g, ' ').trim());

    it("picks one of the site's responses from the list (filtered) into the composer, to be read over and sent", async () => {
      await boot();
      socket.respond('chat:canned', () => ({ ok: true, data: { responses } }));
      await click('chat-item');
      expect(socket.callsOf('chat:canned').map((c) => c.payload)).toEqual([{ chatId: 'c1' }]);
      expect(el('canned-list')).toBeNull();
      await click('canned-open');
      expect(items()).toEqual(['/hi您好，请问有什么可以帮您？', '/wait稍等，我查一下。', '<b>感谢</b>您的咨询！']);
      // Markup in a response is text here.
      expect(el('canned-list')?.querySelector('b')).toBeNull();
      await type('canned-filter', '查');
      expect(items()).toEqual(['/wait稍等，我查一下。']);
      await click('canned-item');
      expect(composer().value).toBe('稍等，我查一下。');
      expect(el('canned-list')).toBeNull();
      expect(socket.callsOf('chat:send')).toHaveLength(0);
    });

    it('typing / and a shortcut offers the matching ones; Enter takes the first, the next Enter sends it', async () => {
      await boot();
      socket.respond('chat:canned', () => ({ ok: true, data: { responses } }));
      socket.respond('chat:send', (req: { chatId: string; messageId: string }) => ({ ok: true, data: { position: 40, messageId: req.messageId } }));
      await click('chat-item');
      await type('composer', '/');
      expect(items()).toEqual(['/hi您好，请问有什么可以帮您？', '/wait稍等，我查一下。']);
      await type('composer', '/W');
      expect(items()).toEqual(['/wait稍等，我查一下。']);
      composer().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      await render();
      expect(composer().value).toBe('稍等，我查一下。');
      expect(socket.callsOf('chat:send')).toHaveLength(0);
      composer().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      await render();
      expect(socket.callsOf('chat:send').map((c) => (c.payload as { text: string }).text)).toEqual(['稍等，我查一下。']);
    });

    it("offers the agent's own responses first, marked as theirs, then the site's", async () => {
      ownCanned = [{ shortcut: 'bye', text: '再见，祝您愉快！' }];
      await boot();
      socket.respond('chat:canned', () => ({ ok: true, data: { responses } }));
      await click('chat-item');
      await click('canned-open');
      expect(items()[0]).toBe('我的/bye再见，祝您愉快！');
      expect(all('canned-mine')).toHaveLength(1);
      expect(items()).toHaveLength(4);
      await type('composer', '/b');
      expect(items()).toEqual(['我的/bye再见，祝您愉快！']);
    });

    it('says when the site has none', async () => {
      await boot();
      socket.respond('chat:canned', () => ({ ok: true, data: { responses: [] } }));
      await click('chat-item');
      await click('canned-open');
      expect(text('canned-none')).toContain('本站还没有常用语');
      expect(el('canned-list')).toBeNull();
    });

    it('adds a response after what the agent already typed', async () => {
      await boot();
      socket.respond('chat:canned', () => ({ ok: true, data: { responses } }));
      await click('chat-item');
      await type('composer', '好的。');
      await click('canned-open');
      await click('canned-item');
      expect(composer().value).toBe('好的。 您好，请问有什么可以帮您？');
    });
  });

  it('H3: shows the refusal when the category is no longer in the site list', async () => {
    await boot();
    socket.respond('chat:categories', () => ({ ok: true, data: { categories: ['售后'] } }));
    socket.respond('chat:categorise', () => ({
      ok: false,
      error: { code: 'RULE_VIOLATED', message: '"售后" is not one of this site\'s conversation categories: choose one of the list' },
    }));
    await click('chat-item');
    const select = el('category-select') as HTMLSelectElement;
    select.value = '售后';
    select.dispatchEvent(new Event('change'));
    await render();
    await click('category-save');
    expect(text('error')).toContain('not one of this site');
    expect(el('category-current')).toBeNull();
  });

  it('issue 5: shows images and files sent in the chat, and a hostile reference only as its name', async () => {
    await boot();
    socket.respond('chat:resume', () => ({
      ok: true,
      data: {
        summary: summary('c1'),
        events: [
          { ...visitorSays('c1', 'm1', 5, ''), attachment: { kind: 'image', ref: 'https://cdn.shop.test/broken.jpg', name: '破损.jpg' } },
          { ...visitorSays('c1', 'm2', 6, '发票'), attachment: { kind: 'file', ref: 'https://files.shop.test/inv.pdf', name: '发票.pdf', size: 2048 } },
          { ...visitorSays('c1', 'm3', 7, ''), attachment: { kind: 'image', ref: 'javascript:alert(1)', name: 'evil.png' } },
        ],
      },
    }));
    await click('chat-item');
    const image = el('attachment-image') as HTMLAnchorElement;
    expect(image.getAttribute('href')).toBe('https://cdn.shop.test/broken.jpg');
    expect(image.querySelector('img')?.getAttribute('referrerpolicy')).toBe('no-referrer');
    const file = el('attachment-file') as HTMLAnchorElement;
    expect(file.getAttribute('href')).toBe('https://files.shop.test/inv.pdf');
    expect(file.textContent).toContain('发票.pdf');
    expect(file.textContent).toContain('2 KB');
    expect(text('attachment-text')).toContain('evil.png');
    expect(all('message').some((m) => m.querySelector('a[href^="javascript"]'))).toBe(false);
  });

  it('issue 5: sends an attached link as an image message, with the text being typed left alone', async () => {
    await boot();
    socket.respond('chat:send', () => ({ ok: true, data: { position: 40 } }));
    await click('chat-item');
    await type('composer', '稍等');
    await click('attach-toggle');
    await type('attach-url', 'https://cdn.shop.test/p/新款.png');
    await click('attach-send');
    expect(socket.callsOf('chat:send').map((c) => c.payload)).toEqual([
      {
        chatId: 'c1',
        clientId: expect.any(String),
        text: '',
        attachment: { kind: 'image', ref: 'https://cdn.shop.test/p/%E6%96%B0%E6%AC%BE.png', name: '新款.png' },
      },
    ]);
    expect((el('composer') as HTMLTextAreaElement).value).toBe('稍等');
    expect((el('attachment-image') as HTMLAnchorElement).getAttribute('href')).toBe('https://cdn.shop.test/p/%E6%96%B0%E6%AC%BE.png');
  });

  it('renders links from the structured parts as safe anchors', async () => {
    await boot();
    socket.respond('chat:resume', () => ({
      ok: true,
      data: {
        summary: summary('c1'),
        events: [
          {
            ...visitorSays('c1', 'm1', 5, '看 https://shop.test/p/1 javascript:alert(1)'),
            parts: [{ text: '看 ' }, { link: 'https://shop.test/p/1', text: 'https://shop.test/p/1' }, { text: ' javascript:alert(1)' }],
          },
        ],
      },
    }));
    await click('chat-item');
    const links = all('message-link') as HTMLAnchorElement[];
    expect(links.map((a) => [a.getAttribute('href'), a.target, a.rel])).toEqual([['https://shop.test/p/1', '_blank', 'noopener noreferrer']]);
  });
});

import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { ChatEventView, ChatRequest, ChatSummaryView, PageViewRequest, SendMessageRequest, VisitorSessionResponse } from '@kefu/contracts';
import { FETCH, SOCKET_CONNECTOR } from '@kefu/ui';
import { FakeFetch, type FakeSocket, FakeSocketConnector, provideTestI18n, settle } from '@kefu/ui/testing';
import { App } from '../app';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { HOST_PAGE, PARENT_WINDOW } from '../visitor/host-page';

const sessionReply = (language: 'zh-CN' | 'en' = 'zh-CN'): VisitorSessionResponse => ({
  token: 'visitor-token',
  visitorId: 'visitor-1',
  returning: false,
  site: { siteId: 's1', name: 'Shop', language },
});

const summary = (chatId: string, extra: Partial<ChatSummaryView> = {}): ChatSummaryView => ({
  chatId,
  siteId: 's1',
  visitorId: 'visitor-1',
  visitId: 'visit-1',
  visitorName: 'Visitor 1',
  status: 'active',
  agent: { id: 'a1', name: 'Bob' },
  requestedAt: '2026-01-01T10:00:00.000Z',
  page: { url: 'https://shop.test/p', title: 'Product' },
  ...extra,
});

const message = (chatId: string, id: string, position: number, role: 'visitor' | 'agent', text: string): ChatEventView => ({
  kind: 'message',
  id,
  chatId,
  position,
  at: '2026-01-01T10:01:00.000Z',
  from: { role, id: role === 'agent' ? 'a1' : 'visitor-1', name: role === 'agent' ? 'Bob' : '' },
  text,
});

describe('visitor widget', () => {
  let fetch: FakeFetch;
  let connector: FakeSocketConnector;
  let parent: { postMessage: jest.Mock };
  let fixture: ComponentFixture<App>;
  let socket: FakeSocket;

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => [...fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)];
  async function render(): Promise<void> {
    await settle(10);
    await fixture.whenStable();
  }

  async function boot(options: { language?: 'zh-CN' | 'en'; sessionStatus?: number } = {}): Promise<void> {
    fetch = new FakeFetch().on(
      'POST /api/visitor/session',
      options.sessionStatus
        ? { status: options.sessionStatus, body: { code: 'FORBIDDEN', message: 'Domain not allowed' } }
        : { status: 200, body: sessionReply(options.language) },
    );
    connector = new FakeSocketConnector();
    parent = { postMessage: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideTestI18n({ 'zh-CN': zhCN, en }),
        { provide: FETCH, useValue: fetch.fetch },
        { provide: SOCKET_CONNECTOR, useValue: connector },
        { provide: PARENT_WINDOW, useValue: parent },
        {
          provide: HOST_PAGE,
          useValue: { siteId: 's1', url: 'https://shop.test/p?x=1', title: 'Product', referrer: 'https://www.baidu.com/s?wd=x', standalone: false },
        },
      ],
    });
    fixture = TestBed.createComponent(App);
    await render();
    socket = connector.socket;
    socket.respond<PageViewRequest>('visit:page', (req) => ({ ok: true, data: { position: 1, visitId: req.visitId } }));
  }

  async function connect(): Promise<void> {
    socket.serverConnect();
    await render();
  }

  it('gets a visitor session, connects with its token and reports the page view', async () => {
    localStorage.setItem('kefu.visitor.s1', 'visitor-1');
    await boot();
    expect(fetch.requests[0]?.body).toEqual({ siteId: 's1', visitorId: 'visitor-1', pageUrl: 'https://shop.test/p?x=1' });
    expect(fetch.requests[0]?.headers['Authorization']).toBeUndefined();
    expect(connector.namespaces).toEqual(['/visitor']);
    expect(await connector.tokens[0]?.()).toBe('visitor-token');
    await connect();

    const visit = JSON.parse(localStorage.getItem('kefu.visit.s1') ?? '{}') as { visitId: string };
    expect(socket.callsOf('visit:page').map((c) => c.payload)).toEqual([
      { visitId: visit.visitId, url: 'https://shop.test/p?x=1', title: 'Product', referrer: 'https://www.baidu.com/s?wd=x' },
    ]);
    expect(el('consult-icon')).not.toBeNull();
    expect(el('chat-window')).toBeNull();
    expect(parent.postMessage).toHaveBeenLastCalledWith({ kefu: 'resize', open: false }, '*');

    // A reconnect is not a new page view.
    socket.serverDrop();
    await connect();
    expect(socket.callsOf('visit:page')).toHaveLength(1);
  });

  it('opens the window on click, requests a chat and shows the agent who answers', async () => {
    await boot();
    await connect();
    socket.respond<ChatRequest>('chat:request', (req) => ({
      ok: true,
      data: { chatId: req.chatId, status: 'active', agent: { id: 'a1', name: 'Bob' }, position: 5 },
    }));
    socket.respond('chat:resume', (req: { chatId: string }) => ({ ok: true, data: { summary: summary(req.chatId), events: [] } }));
    el('consult-icon')?.click();
    await render();

    expect(el('chat-window')).not.toBeNull();
    expect(parent.postMessage).toHaveBeenLastCalledWith({ kefu: 'resize', open: true }, '*');
    const request = socket.callsOf('chat:request')[0]?.payload as ChatRequest;
    expect(request.chatId).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.visitId).toBe(JSON.parse(localStorage.getItem('kefu.visit.s1') ?? '{}').visitId);
    expect(el('agent-name')?.textContent?.trim()).toBe('Bob');
    expect(localStorage.getItem('kefu.chat.s1')).toBe(request.chatId);
  });

  it('settles the request by its ack even when the chat events arrive first (as the server sends them)', async () => {
    await boot();
    await connect();
    el('consult-icon')?.click();
    await render();
    const call = socket.pendingCalls('chat:request')[0];
    const chatId = (call?.payload as ChatRequest).chatId;
    expect(el('requesting')).not.toBeNull();

    const at = '2026-01-01T10:00:00.000Z';
    socket.push('chat:event', { kind: 'system', what: 'requested', id: chatId, chatId, position: 11, at } satisfies ChatEventView);
    socket.push('chat:updated', summary(chatId, { status: 'queued', agent: undefined }));
    socket.push('chat:event', {
      kind: 'system',
      what: 'assigned',
      id: 'e-as',
      chatId,
      position: 13,
      at,
      agent: { id: 'a1', name: 'Bob' },
    } satisfies ChatEventView);
    socket.push('chat:updated', summary(chatId));
    socket.respond('chat:resume', () => ({ ok: true, data: { summary: summary(chatId), events: [] } }));
    call?.answer({ ok: true, data: { chatId, status: 'active', agent: { id: 'a1', name: 'Bob' }, position: 13 } });
    await render();

    expect(localStorage.getItem('kefu.chat.s1')).toBe(chatId);
    expect(el('agent-name')?.textContent?.trim()).toBe('Bob');
    expect(el('requesting')).toBeNull();
    expect((el('composer') as HTMLTextAreaElement).disabled).toBe(false);
  });

  it('shows "waiting" while queued, then the agent once assigned', async () => {
    await boot();
    await connect();
    socket.respond<ChatRequest>('chat:request', (req) => ({ ok: true, data: { chatId: req.chatId, status: 'queued', position: 5 } }));
    socket.respond('chat:resume', (req: { chatId: string }) => ({
      ok: true,
      data: { summary: summary(req.chatId, { status: 'queued', agent: undefined }), events: [] },
    }));
    el('consult-icon')?.click();
    await render();
    expect(el('queued-notice')?.textContent).toContain('排队');
    expect(el('agent-name')).toBeNull();

    const chatId = (socket.callsOf('chat:request')[0]?.payload as ChatRequest).chatId;
    socket.push('chat:updated', summary(chatId));
    await render();
    expect(el('queued-notice')).toBeNull();
    expect(el('agent-name')?.textContent?.trim()).toBe('Bob');
  });

  it('tells the visitor that no agent is online (leave_message) and keeps no chat id', async () => {
    await boot();
    await connect();
    socket.respond<ChatRequest>('chat:request', (req) => ({ ok: true, data: { chatId: req.chatId, status: 'leave_message', position: 5 } }));
    el('consult-icon')?.click();
    await render();
    expect(el('leave-message-notice')).not.toBeNull();
    expect(localStorage.getItem('kefu.chat.s1')).toBeNull();
    expect(el('composer')).toBeNull();
    expect(el('leave-message-form')).not.toBeNull();
  });

  it('restores an open chat after a reload, renders markup as text and never doubles a message', async () => {
    localStorage.setItem('kefu.chat.s1', 'c1');
    await boot();
    socket.respond('chat:resume', () => ({
      ok: true,
      data: {
        summary: summary('c1'),
        events: [message('c1', 'm1', 3, 'visitor', '<script>window.hacked = true</script>'), message('c1', 'm2', 4, 'agent', 'Hi!')],
      },
    }));
    await connect();

    expect(socket.callsOf('chat:resume').map((c) => c.payload)).toEqual([{ chatId: 'c1' }]);
    expect(el('chat-window')).not.toBeNull();
    expect(el('agent-name')?.textContent?.trim()).toBe('Bob');
    const messages = all('message');
    expect(messages.map((m) => m.getAttribute('data-from'))).toEqual(['visitor', 'agent']);
    expect(messages[0]?.textContent).toContain('<script>window.hacked = true</script>');
    expect(messages[0]?.querySelector('script')).toBeNull();
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();

    socket.push('chat:event', message('c1', 'm2', 4, 'agent', 'Hi!'));
    socket.push('chat:event', message('c1', 'm3', 7, 'agent', 'How can I help?'));
    await render();
    expect(all('message').map((m) => m.querySelector('.text')?.textContent)).toEqual(['<script>window.hacked = true</script>', 'Hi!', 'How can I help?']);

    socket.serverDrop();
    await connect();
    expect(socket.callsOf('chat:resume').at(-1)?.payload).toEqual({ chatId: 'c1', after: 7 });
  });

  it('forgets a stored chat that was closed meanwhile and stays collapsed', async () => {
    localStorage.setItem('kefu.chat.s1', 'c1');
    await boot();
    socket.respond('chat:resume', () => ({ ok: true, data: { summary: summary('c1', { status: 'closed' }), events: [] } }));
    await connect();
    expect(localStorage.getItem('kefu.chat.s1')).toBeNull();
    expect(el('chat-window')).toBeNull();
    expect(el('consult-icon')).not.toBeNull();
  });

  it('shows "chat ended" when the chat is closed and clears the stored chat id', async () => {
    localStorage.setItem('kefu.chat.s1', 'c1');
    await boot();
    socket.respond('chat:resume', () => ({ ok: true, data: { summary: summary('c1'), events: [] } }));
    await connect();
    socket.push('chat:event', {
      kind: 'system',
      what: 'closed',
      id: 'e-close',
      chatId: 'c1',
      position: 20,
      at: '2026-01-01T10:05:00.000Z',
      by: { role: 'agent', id: 'a1', name: 'Bob' },
    } satisfies ChatEventView);
    await render();
    expect(el('chat-ended')).not.toBeNull();
    expect(localStorage.getItem('kefu.chat.s1')).toBeNull();
    expect((el('composer') as HTMLTextAreaElement).disabled).toBe(true);
  });

  it('sends with a UUID clientId and resends the same id after a reconnect', async () => {
    localStorage.setItem('kefu.chat.s1', 'c1');
    await boot();
    socket.respond('chat:resume', () => ({ ok: true, data: { summary: summary('c1'), events: [] } }));
    await connect();
    const composer = el('composer') as HTMLTextAreaElement;
    composer.value = '多少钱？';
    composer.dispatchEvent(new Event('input'));
    await render();
    el('send')?.click();
    await render();
    const first = socket.pendingCalls('chat:send')[0];
    expect(all('message').at(-1)?.getAttribute('data-state')).toBe('sending');
    first?.timeOut();
    socket.serverDrop();
    socket.respond('chat:send', () => ({ ok: true, data: { position: 30 } }));
    await connect();
    const ids = socket.callsOf('chat:send').map((c) => (c.payload as SendMessageRequest).clientId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    const last = all('message').at(-1);
    expect(last?.getAttribute('data-state')).toBeNull();
    expect(last?.getAttribute('data-from')).toBe('visitor');
  });

  it("speaks the site's language", async () => {
    await boot({ language: 'en' });
    await connect();
    expect(el('consult-icon')?.getAttribute('aria-label')).toBe('Chat with us');
  });

  it('hides itself when the site refuses this page', async () => {
    await boot({ sessionStatus: 403 });
    await render();
    expect(el('consult-icon')).toBeNull();
    expect(parent.postMessage).toHaveBeenLastCalledWith({ kefu: 'resize', open: false, hidden: true }, '*');
    expect(socket.disconnectCalls).toBe(1);
  });
});

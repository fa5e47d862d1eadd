import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { SendMessageRequest, SessionView } from '@kefu/contracts';
import { SOCKET_CONNECTOR, SessionStore } from '@kefu/ui';
import { type FakeSocket, FakeSocketConnector, provideTestI18n, settle } from '@kefu/ui/testing';
import { App } from '../app';
import { summary, visitorSays } from '../desk/chat-fixtures';
import zhCN from '../i18n/zh-CN.json';

const session: SessionView = {
  token: 'agent-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  user: { userId: 'u-agent', orgId: 'o1', email: 'agent@example.com', name: 'Ann', roles: ['agent'] },
};

describe('agent workspace', () => {
  let connector: FakeSocketConnector;
  let fixture: ComponentFixture<App>;
  let socket: FakeSocket;

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => [...fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)];
  async function render(): Promise<void> {
    await settle(10);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    connector = new FakeSocketConnector();
    TestBed.configureTestingModule({
      providers: [provideTestI18n({ 'zh-CN': zhCN }), { provide: SOCKET_CONNECTOR, useValue: connector }],
    });
    TestBed.inject(SessionStore).save(session);
    fixture = TestBed.createComponent(App);
    await render();
    socket = connector.socket;
    socket.respond('agent:chats', () => ({ ok: true, data: { chats: [summary('c1')], status: 'online' } }));
    socket.respond('chat:resume', () => ({
      ok: true,
      data: {
        summary: summary('c1'),
        events: [visitorSays('c1', 'm1', 5, '<script>alert(1)</script>'), visitorSays('c1', 'm2', 6, 'hello')],
      },
    }));
    socket.serverConnect();
    await render();
  });

  async function openChat(): Promise<void> {
    el('chat-item')?.click();
    await render();
  }

  async function type(text: string): Promise<void> {
    const composer = el('composer') as HTMLTextAreaElement;
    composer.value = text;
    composer.dispatchEvent(new Event('input'));
    await render();
  }

  it('shows the status from the server in a native select, and sends a change as agent:status', async () => {
    const select = el('status-select') as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect([...select.options].map((o) => o.value)).toEqual(['online', 'away', 'busy', 'offline']);
    expect(select.value).toBe('online');

    socket.respond('agent:status', () => ({ ok: true, data: { status: 'busy', position: 9 } }));
    select.value = 'busy';
    select.dispatchEvent(new Event('change'));
    await render();
    expect(socket.callsOf('agent:status').map((c) => c.payload)).toEqual([{ status: 'busy' }]);
    expect((el('status-select') as HTMLSelectElement).value).toBe('busy');
  });

  it('renders the transcript as text with visitor/agent sides; markup is shown, not run', async () => {
    await openChat();
    const messages = all('message');
    expect(messages.map((m) => m.getAttribute('data-from'))).toEqual(['visitor', 'visitor']);
    expect(messages[0]?.textContent).toContain('<script>alert(1)</script>');
    expect(messages[0]?.querySelector('script')).toBeNull();
  });

  it('keeps a message pending until acked, retrying with the same clientId after a lost ack and a reconnect', async () => {
    await openChat();
    await type('你好，有什么可以帮您？');
    el('send')?.click();
    await render();

    const first = socket.pendingCalls('chat:send')[0];
    expect(first?.payload).toMatchObject({ chatId: 'c1', text: '你好，有什么可以帮您？' });
    const clientId = (first?.payload as SendMessageRequest).clientId;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect((el('composer') as HTMLTextAreaElement).value).toBe('');
    expect(all('message').at(-1)?.getAttribute('data-state')).toBe('sending');

    first?.timeOut();
    await render();
    expect(all('message').at(-1)?.getAttribute('data-state')).toBe('waiting');

    socket.serverDrop();
    socket.respond('chat:send', () => ({ ok: true, data: { position: 42 } }));
    socket.serverConnect();
    await render();
    const sends = socket.callsOf('chat:send').map((c) => (c.payload as SendMessageRequest).clientId);
    expect(sends).toEqual([clientId, clientId]);
    const last = all('message').at(-1);
    expect(last?.getAttribute('data-from')).toBe('agent');
    expect(last?.getAttribute('data-state')).toBeNull();
    expect(last?.textContent).toContain('你好，有什么可以帮您？');

    // The server's own copy of the message arrives: still one bubble.
    socket.push('chat:event', { ...visitorSays('c1', clientId, 42, '你好，有什么可以帮您？'), from: { role: 'agent', id: 'u-agent', name: 'Ann' } });
    await render();
    expect(all('message').filter((m) => m.textContent?.includes('你好，有什么可以帮您？'))).toHaveLength(1);
  });

  it('closes a chat with chat:close and disables the composer', async () => {
    await openChat();
    socket.respond('chat:close', () => ({ ok: true, data: { position: 50 } }));
    el('close-chat')?.click();
    await render();
    expect(socket.callsOf('chat:close').map((c) => c.payload)).toEqual([{ chatId: 'c1' }]);
    expect((el('composer') as HTMLTextAreaElement).disabled).toBe(true);
    expect(el('close-chat')).toBeNull();
  });

  it('puts a badge in the tab title for a newly assigned chat', async () => {
    socket.push('chat:assigned', summary('c9', { requestedAt: '2026-01-01T12:00:00.000Z' }));
    await render();
    expect(all('chat-item')).toHaveLength(2);
    expect(document.title).toBe('(1) 客服工作台');
  });

  it('goes back to the login screen when the session is refused', async () => {
    socket.connectError(Object.assign(new Error('unauthorized'), { data: { code: 'UNAUTHENTICATED' } }));
    await render();
    expect(el('login-email')).not.toBeNull();
    expect(el('session-expired')).not.toBeNull();
    expect(socket.disconnectCalls).toBeGreaterThan(0);
  });
});

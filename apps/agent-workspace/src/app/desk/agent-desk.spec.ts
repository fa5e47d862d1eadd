import { TestBed } from '@angular/core/testing';
import type { ResumeRequest, SessionView } from '@kefu/contracts';
import { SOCKET_CONNECTOR, SessionStore } from '@kefu/ui';
import { FakeSocketConnector, type FakeSocket, settle } from '@kefu/ui/testing';
import { AgentDesk } from './agent-desk';
import { summary, visitorSays } from './chat-fixtures';

const session: SessionView = {
  token: 'agent-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  user: { userId: 'u-agent', orgId: 'o1', email: 'agent@example.com', name: 'Ann', roles: ['agent'] },
};

describe('AgentDesk', () => {
  let connector: FakeSocketConnector;
  let desk: AgentDesk;
  let socket: FakeSocket;

  beforeEach(async () => {
    connector = new FakeSocketConnector();
    TestBed.configureTestingModule({ providers: [AgentDesk, { provide: SOCKET_CONNECTOR, useValue: connector }] });
    TestBed.inject(SessionStore).save(session);
    desk = TestBed.inject(AgentDesk);
    await desk.start();
    socket = connector.socket;
    socket.respond('agent:chats', () => ({ ok: true, data: { chats: [summary('c1')], status: 'away' } }));
  });

  it('connects to /agent with the session token and loads open chats and status on connect', async () => {
    expect(connector.namespaces).toEqual(['/agent']);
    expect(await connector.tokens[0]?.()).toBe('agent-token');
    socket.serverConnect();
    await settle();
    expect(desk.status()).toBe('away');
    expect(desk.chats().map((c) => c.summary.chatId)).toEqual(['c1']);
    expect(desk.connection()).toBe('online');
  });

  it('resumes a selected chat from the start, then after the last seen position on reconnect, without doubles', async () => {
    const resumes: ResumeRequest[] = [];
    socket.respond<ResumeRequest>('chat:resume', (req) => {
      resumes.push(req);
      const events =
        req.after === undefined ? [visitorSays('c1', 'm1', 10), visitorSays('c1', 'm2', 12)] : [visitorSays('c1', 'm2', 12), visitorSays('c1', 'm3', 15)];
      return { ok: true, data: { summary: summary('c1'), events } };
    });
    socket.serverConnect();
    await settle();
    desk.select('c1');
    await settle();
    expect(resumes).toEqual([{ chatId: 'c1' }]);

    socket.push('chat:event', visitorSays('c1', 'm2', 12)); // re-delivered
    socket.serverDrop();
    socket.serverConnect();
    await settle();
    expect(resumes[1]).toEqual({ chatId: 'c1', after: 12 });
    expect(desk.selected()?.events.map((e) => e.id)).toEqual(['m1', 'm2', 'm3']);
    expect(desk.selected()?.lastSeen).toBe(15);
  });

  it('does not move past a gap: a live event during a failed catch-up is not taken as "seen"', async () => {
    let answer: 'full' | 'lost' | 'after' = 'full';
    const resumes: ResumeRequest[] = [];
    socket.respond<ResumeRequest>('chat:resume', (req) => {
      resumes.push(req);
      if (answer === 'lost') return undefined;
      const events = answer === 'full' ? [visitorSays('c1', 'm1', 10)] : [visitorSays('c1', 'm2', 11), visitorSays('c1', 'm3', 20)];
      return { ok: true, data: { summary: summary('c1'), events } };
    });
    socket.serverConnect();
    await settle();
    desk.select('c1');
    await settle();

    answer = 'lost';
    socket.serverDrop();
    socket.serverConnect();
    await settle();
    socket.pendingCalls('chat:resume').forEach((call) => call.timeOut());
    socket.push('chat:event', visitorSays('c1', 'm3', 20)); // arrives live while m2 (11) is still missing
    await settle();
    expect(desk.selected()?.lastSeen).toBe(10);

    answer = 'after';
    socket.serverDrop();
    socket.serverConnect();
    await settle();
    expect(resumes.at(-1)).toEqual({ chatId: 'c1', after: 10 });
    expect(desk.selected()?.events.map((e) => e.id)).toEqual(['m1', 'm2', 'm3']);
    expect(desk.selected()?.lastSeen).toBe(20);
  });

  it('counts unread visitor messages of chats the agent is not looking at, once each', async () => {
    socket.serverConnect();
    await settle();
    socket.push('chat:assigned', summary('c2', { requestedAt: '2026-01-01T11:00:00.000Z' }));
    expect(desk.chats()[0]?.summary.chatId).toBe('c2');
    expect(desk.chats()[0]?.fresh).toBe(true);
    socket.push('chat:event', visitorSays('c2', 'x1', 30));
    socket.push('chat:event', visitorSays('c2', 'x1', 30));
    expect(desk.chats()[0]?.unread).toBe(1);
    expect(desk.attention()).toBe(1);

    socket.respond('chat:resume', () => ({ ok: true, data: { summary: summary('c2'), events: [visitorSays('c2', 'x1', 30)] } }));
    desk.select('c2');
    await settle();
    expect(desk.selected()?.unread).toBe(0);
    expect(desk.attention()).toBe(0);
  });

  it('reverts the status select when the server refuses the change', async () => {
    socket.serverConnect();
    await settle();
    socket.respond('agent:status', () => ({ ok: false, error: { code: 'RULE_VIOLATED', message: 'No site' } }));
    await desk.setStatus('online');
    expect(desk.status()).toBe('away');
    expect(desk.statusError()?.code).toBe('RULE_VIOLATED');

    socket.respond('agent:status', (req: { status: string }) => ({ ok: true, data: { status: req.status, position: 3 } }));
    await desk.setStatus('busy');
    expect(desk.status()).toBe('busy');
  });

  it('sends a status chosen before the socket connected once it does, and keeps showing the choice', async () => {
    socket.respond('agent:status', (req: { status: string }) => ({ ok: true, data: { status: req.status, position: 4 } }));
    const choosing = desk.setStatus('online');
    expect(desk.status()).toBe('online');
    expect(socket.callsOf('agent:status')).toHaveLength(0);
    await choosing;

    socket.serverConnect(); // agent:chats answers 'away', the choice still wins
    await settle();
    expect(socket.callsOf('agent:status').map((c) => c.payload)).toEqual([{ status: 'online' }]);
    expect(desk.status()).toBe('online');
    expect(desk.statusPending()).toBe(false);
  });

  it('resends a status whose ack was lost', async () => {
    jest.useFakeTimers();
    try {
      socket.serverConnect();
      await settle();
      void desk.setStatus('busy');
      await settle();
      socket.pendingCalls('agent:status')[0]?.timeOut();
      await settle();
      socket.respond('agent:status', (req: { status: string }) => ({ ok: true, data: { status: req.status, position: 4 } }));
      jest.advanceTimersByTime(3000);
      await settle();
      expect(socket.callsOf('agent:status')).toHaveLength(2);
      expect(desk.status()).toBe('busy');
      expect(desk.statusPending()).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('signs out when the server refuses the socket token', () => {
    socket.connectError(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } }));
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });
});

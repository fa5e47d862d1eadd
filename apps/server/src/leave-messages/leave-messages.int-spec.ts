import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ChatRequestResult, InvitationView, PositionResult } from '@kefu/contracts';
import { agentOnline, createSite, headOf, requestChat, visitorOnPage } from '../conversations/testing/conversation-fixture';
import { call, connect, http, next, startServer, unwrap, type TestServer, type VisitorClient } from '../testing/harness';

/** A real SMTP server on 127.0.0.1 that keeps what it receives, parsed. */
async function startSmtp(): Promise<{ url: string; mails: ParsedMail[]; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => smtp.close(() => resolve())) };
}

async function until<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('leave-messages, e-mail, rate limits and two tabs (C6 I6 I7 F2)', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const sockets: { close(): unknown }[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({ chatRequestLimit: { max: 3, windowSeconds: 3600 }, smtpUrl: smtp.url, mailFrom: '客服 <kefu@example.com>' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
    await smtp.close();
  });

  it('leaves a message when nobody is online, marks it handled and replies by e-mail in Chinese (C6 I6)', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '小王' }] });
    const v = await visitorOnPage(f, '/contact', '联系我们');
    sockets.push(v.socket);
    expect((await requestChat(v)).status).toBe('leave_message');
    const leaveMessageId = randomUUID();
    const left = unwrap(
      await call<PositionResult & { leaveMessageId: string }>(v.socket, 'leave-message:send', {
        leaveMessageId,
        visitId: v.visitId,
        name: '张三',
        phone: '13800138000',
        email: 'zhang.san@example.com',
        content: '请问你们周末发货吗？',
      }),
    );
    expect(left.leaveMessageId).toBe(leaveMessageId);
    // A retry of the same form is not left twice.
    const again = unwrap(
      await call<PositionResult>(v.socket, 'leave-message:send', { leaveMessageId, name: '张三', phone: '13800138000', content: '请问你们周末发货吗？' }),
    );
    expect(again.position).toBe(left.position);

    const base = `/api/sites/${f.site.siteId}/leave-messages/${leaveMessageId}`;
    expect((await http(server.url, 'POST', `${base}/handled`, undefined, f.owner.token)).status).toBe(200);
    const reply = await http<{ position: number }>(
      server.url,
      'POST',
      `${base}/reply`,
      { channel: 'email', subject: '关于您的留言', content: '您好，周末正常发货。' },
      f.owner.token,
    );
    expect(reply.status).toBe(200);
    const mail = await until(() => smtp.mails.find((m) => m.subject === '关于您的留言'));
    expect(mail.text?.trim()).toBe('您好，周末正常发货。');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('zhang.san@example.com');
    expect(mail.from?.text).toContain('kefu@example.com');

    const sms = await http(server.url, 'POST', `${base}/reply`, { channel: 'sms', content: '已发货' }, f.owner.token);
    expect(sms.status).toBe(200);

    const other = await createSite(server.url, { agents: [{ nickname: '别家' }] });
    expect((await http(server.url, 'POST', `${base}/handled`, undefined, other.owner.token)).status).toBe(404);
    expect(
      (await http(server.url, 'POST', `/api/sites/${other.site.siteId}/leave-messages/${leaveMessageId}/handled`, undefined, other.owner.token)).status,
    ).toBe(404);
  });

  it('alerts the chosen people by e-mail when a score is below the threshold (I7)', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '小刘' }] });
    await http(
      server.url,
      'PUT',
      `/api/sites/${f.site.siteId}/chat-settings`,
      { rating: { alertBelow: 3, alertRecipients: ['boss@example.com'] } },
      f.owner.token,
    );
    const agent = await agentOnline(server.url, f.agents['小刘']!.token);
    sockets.push(agent);
    const v = await visitorOnPage(f);
    sockets.push(v.socket);
    const { chatId } = await requestChat(v);
    unwrap(await call(agent, 'chat:close', { chatId }));
    unwrap(await call(v.socket, 'chat:rate', { chatId, score: 1, suggestion: '等太久了' }));
    const mail = await until(() => smtp.mails.find((m) => m.subject?.startsWith('低分评价 1/5')));
    expect(mail.text).toContain('等太久了');
  });

  it('limits chat requests per IP and site, appends nothing for the refused one, and does not count retries', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '小孙' }] });
    sockets.push(await agentOnline(server.url, f.agents['小孙']!.token));
    const v = await visitorOnPage(f);
    sockets.push(v.socket);
    const first = await requestChat(v);
    // A retry of the same chat id does not count.
    unwrap(await call(v.socket, 'chat:request', { chatId: first.chatId, visitId: v.visitId }));
    await requestChat(v);
    await requestChat(v);
    const head = await headOf(server.url);
    const refused = await call(v.socket, 'chat:request', { chatId: randomUUID(), visitId: v.visitId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } } });
    expect(await headOf(server.url)).toBe(head);
    // Another site is counted on its own.
    const g = await createSite(server.url, { agents: [{ nickname: '小吴' }] });
    sockets.push(await agentOnline(server.url, g.agents['小吴']!.token));
    const w = await visitorOnPage(g);
    sockets.push(w.socket);
    expect((await requestChat(w)).status).toBe('active');
  });

  it('opens exactly one chat when two tabs accept the same invitation at once (F2)', async () => {
    const f = await createSite(server.url, { agents: [{ nickname: '小郑' }] });
    const agent = await agentOnline(server.url, f.agents['小郑']!.token);
    sockets.push(agent);
    const v = await visitorOnPage(f);
    sockets.push(v.socket);
    const tab2 = await connect<VisitorClient>(server.url, 'visitor', v.session.token);
    sockets.push(tab2);
    const invitationId = randomUUID();
    const inBoth = Promise.all([next<InvitationView>(v.socket, 'invitation:received'), next<InvitationView>(tab2, 'invitation:received')]);
    unwrap(await call(agent, 'invitation:send', { invitationId, visitId: v.visitId }));
    await inBoth;
    const [a, b] = await Promise.all([
      call<ChatRequestResult>(v.socket, 'invitation:accept', { invitationId, chatId: randomUUID(), visitId: v.visitId }),
      call<ChatRequestResult>(tab2, 'invitation:accept', { invitationId, chatId: randomUUID(), visitId: v.visitId }),
    ]);
    const chatA = unwrap(a);
    const chatB = unwrap(b);
    expect(chatA.chatId).toBe(chatB.chatId);
    expect(chatA.status).toBe('active');
    const open = unwrap(await call<{ chats: { chatId: string }[] }>(v.socket, 'chat:mine', {}));
    expect(open.chats.map((c) => c.chatId)).toEqual([chatA.chatId]);
  });
});

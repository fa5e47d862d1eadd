import type {
  AcceptInvitationRequest,
  AttachmentView,
  ChatEventView,
  ChatRequest,
  InvitationView,
  LeaveMessageRequest,
  RateChatRequest,
  VisitorTypingRequest,
} from '@kefu/contracts';
import { windowSettings as windows } from '@kefu/ui/testing';
import { readHostPage } from '../visitor/host-page';
import { type WidgetUnderTest, bootWidget, chatSummary, closedEvent, widgetSettings } from './widget-harness';

const invitation = (extra: Partial<InvitationView> = {}): InvitationView => ({
  invitationId: 'inv-1',
  siteId: 's1',
  visitId: 'visit-1',
  agent: { id: 'a1', name: 'Bob' },
  greeting: '您好，需要帮您挑选吗？',
  at: '2026-01-01T10:00:00.000Z',
  ...extra,
});

describe('visitor widget: invitations, queue, leave-message, typing and rating (C3 C5 C6 C7 B4 I7)', () => {
  let w: WidgetUnderTest;

  async function start(options: Parameters<typeof bootWidget>[0] = {}): Promise<void> {
    w = await bootWidget(options);
    w.socket.serverConnect();
    await w.render();
  }

  describe('C3 invitation window', () => {
    it('shows the greeting and who invites; accepting opens the chat with that agent', async () => {
      await start();
      w.socket.push('invitation:received', invitation());
      await w.render();
      expect(w.el('invitation-greeting')?.textContent).toContain('您好，需要帮您挑选吗？');
      expect(w.el('invitation-agent')?.textContent).toContain('Bob');
      expect(w.el('consult-icon')).toBeNull();
      expect(w.parent.postMessage).toHaveBeenLastCalledWith({ kefu: 'resize', open: true }, '*');

      w.socket.respond<AcceptInvitationRequest>('invitation:accept', (req) => ({
        ok: true,
        data: { chatId: req.chatId, status: 'active', agent: { id: 'a1', name: 'Bob' }, position: 9 },
      }));
      w.socket.respond('chat:resume', (req: { chatId: string }) => ({ ok: true, data: { summary: chatSummary(req.chatId), events: [] } }));
      await w.click('invitation-accept');

      const accepted = w.socket.callsOf('invitation:accept')[0]?.payload as AcceptInvitationRequest;
      expect(accepted.invitationId).toBe('inv-1');
      expect(accepted.chatId).toMatch(/^[0-9a-f-]{36}$/);
      expect(w.el('invitation')).toBeNull();
      expect(w.el('chat-window')).not.toBeNull();
      expect(w.el('agent-name')?.textContent?.trim()).toBe('Bob');
      expect(localStorage.getItem('kefu.chat.s1')).toBe(accepted.chatId);
    });

    it('uses the default greeting for a rule invitation without one; declining closes it and tells the server', async () => {
      await start();
      w.socket.push('invitation:received', invitation({ agent: undefined, greeting: '' }));
      await w.render();
      expect(w.el('invitation-greeting')?.textContent).toContain('有什么可以帮您');
      expect(w.el('invitation-agent')).toBeNull();

      w.socket.respond('invitation:decline', () => ({ ok: true, data: { position: 3 } }));
      await w.click('invitation-decline');
      expect(w.socket.callsOf('invitation:decline').map((c) => c.payload)).toEqual([{ invitationId: 'inv-1' }]);
      expect(w.el('invitation')).toBeNull();
      expect(w.el('consult-icon')).not.toBeNull();
      expect(w.parent.postMessage).toHaveBeenLastCalledWith({ kefu: 'resize', open: false }, '*');
    });

    it('hides the invitation when it was answered in another tab', async () => {
      await start();
      w.socket.push('invitation:received', invitation());
      await w.render();
      w.socket.push('invitation:closed', {
        invitationId: 'inv-1',
        visitId: 'visit-1',
        visitorId: 'visitor-1',
        status: 'declined',
        at: '2026-01-01T10:00:05.000Z',
      });
      await w.render();
      expect(w.el('invitation')).toBeNull();
    });
  });

  it("C3: the site's invitation window: theme, picture, no title, its own button words and sizes, a hidden button; framed where the site puts it", async () => {
    const look = windows({
      position: 'top-left',
      floating: false,
      theme: 'green',
      imageUrl: 'https://cdn.example.com/invite.png',
      showTitle: false,
      accept: { text: '<b>马上</b>咨询', width: 160, height: 40, imageUrl: '' },
      decline: { text: '', width: 0, height: 36, imageUrl: '' },
    });
    await start({ settings: widgetSettings({ windows: look }) });
    w.socket.push('invitation:received', invitation());
    await w.render();
    const section = w.el('invitation')!;
    expect(section.classList).toContain('theme-green');
    expect(section.classList).toContain('invitation');
    expect(w.el('invitation-image')?.getAttribute('src')).toBe('https://cdn.example.com/invite.png');
    expect(w.el('invitation-title')).toBeNull();
    expect(w.el('invitation-greeting')?.textContent).toContain('您好，需要帮您挑选吗？');
    expect(w.el('invitation-decline')).toBeNull();
    const accept = w.el('invitation-accept')!;
    // The site's words are shown as text: markup in them is not markup here.
    expect(accept.textContent?.trim()).toBe('<b>马上</b>咨询');
    expect(accept.querySelector('b')).toBeNull();
    expect([accept.style.width, accept.style.height]).toEqual(['160px', '40px']);
    expect(w.parent.postMessage).toHaveBeenLastCalledWith(
      { kefu: 'resize', open: true, frame: { width: 360, height: 280, position: 'top-left', floating: false } },
      '*',
    );
  });

  it("C3 (manual 3.5.7): a button drawn as the site's picture keeps its words as its name", async () => {
    const look = windows({ accept: { text: '马上咨询', width: 160, height: 48, imageUrl: 'https://cdn.example.com/accept.png' } });
    await start({ settings: widgetSettings({ windows: look }) });
    w.socket.push('invitation:received', invitation());
    await w.render();
    const accept = w.el('invitation-accept')!;
    expect(accept.getAttribute('aria-label')).toBe('马上咨询');
    expect(w.el('invitation-accept-image')?.getAttribute('src')).toBe('https://cdn.example.com/accept.png');
    expect(accept.textContent?.trim()).toBe('');
    expect(w.el('invitation-decline-image')).toBeNull();
    expect(w.el('invitation-decline')?.textContent?.trim()).toBe('稍后再说');
  });

  it('C3: without a greeting shown and with a picture address that is not http(s), neither is drawn', async () => {
    await start({
      settings: widgetSettings({
        windows: windows({
          showGreeting: false,
          imageUrl: 'javascript:alert(1)',
          accept: { text: '', width: 120, height: 36, imageUrl: 'data:image/png;base64,AA' },
        }),
      }),
    });
    w.socket.push('invitation:received', invitation());
    await w.render();
    expect(w.el('invitation-greeting')).toBeNull();
    expect(w.el('invitation-image')).toBeNull();
    expect(w.el('invitation-accept-image')).toBeNull();
    expect(w.el('invitation-accept')?.textContent?.trim()).toBe('立即咨询');
    expect(w.el('invitation-title')?.textContent).toContain('在线客服');
    expect(w.el('invitation-decline')?.textContent?.trim()).toBe('稍后再说');
  });

  it("C5: the chat window an agent opens takes the site's size and place; one the visitor opens stays in the corner", async () => {
    await start({ settings: widgetSettings({ windows: windows({}, { width: 520, height: 640, position: 'center' }) }) });
    w.socket.respond('chat:resume', () => ({ ok: true, data: { summary: chatSummary('c5', { openedBy: { id: 'a1', name: 'Bob' } }), events: [] } }));
    w.socket.push('chat:opened', chatSummary('c5', { openedBy: { id: 'a1', name: 'Bob' } }));
    await w.render();
    expect(w.el('chat-window')).not.toBeNull();
    expect(w.parent.postMessage).toHaveBeenLastCalledWith(
      { kefu: 'resize', open: true, frame: { width: 520, height: 640, position: 'center', floating: true } },
      '*',
    );
    await w.click('minimize');
    expect(w.parent.postMessage).toHaveBeenLastCalledWith({ kefu: 'resize', open: false }, '*');
    await w.click('consult-icon');
    expect(w.parent.postMessage).toHaveBeenLastCalledWith({ kefu: 'resize', open: true }, '*');
  });

  it('C5: a chat an agent opens pops the window open on the page', async () => {
    await start();
    w.socket.respond('chat:resume', () => ({ ok: true, data: { summary: chatSummary('c5', { openedBy: { id: 'a1', name: 'Bob' } }), events: [] } }));
    w.socket.push('chat:opened', chatSummary('c5', { openedBy: { id: 'a1', name: 'Bob' } }));
    await w.render();
    expect(w.el('chat-window')).not.toBeNull();
    expect(w.el('agent-name')?.textContent?.trim()).toBe('Bob');
    expect((w.el('composer') as HTMLTextAreaElement).disabled).toBe(false);
    expect(localStorage.getItem('kefu.chat.s1')).toBe('c5');
  });

  it('shows the queue position and follows it live, then the agent', async () => {
    await start();
    w.socket.respond<ChatRequest>('chat:request', (req) => ({ ok: true, data: { chatId: req.chatId, status: 'queued', position: 5, queuePosition: 3 } }));
    w.socket.respond('chat:resume', (req: { chatId: string }) => ({
      ok: true,
      data: { summary: chatSummary(req.chatId, { status: 'queued', agent: undefined, queuePosition: 3 }), events: [] },
    }));
    await w.click('consult-icon');
    expect(w.el('queue-position')?.textContent).toContain('第 3 位');

    const chatId = (w.socket.callsOf('chat:request')[0]?.payload as ChatRequest).chatId;
    w.socket.push('chat:queue', { chatId, queuePosition: 1 });
    await w.render();
    expect(w.el('queue-position')?.textContent).toContain('第 1 位');

    w.socket.push('chat:updated', chatSummary(chatId));
    await w.render();
    expect(w.el('queued-notice')).toBeNull();
    expect(w.el('agent-name')?.textContent?.trim()).toBe('Bob');
  });

  describe('C6 leave-message form', () => {
    async function noAgents(): Promise<void> {
      await start({ settings: widgetSettings({ agentsAvailable: false }) });
      w.socket.respond<ChatRequest>('chat:request', (req) => ({ ok: true, data: { chatId: req.chatId, status: 'leave_message', position: 5 } }));
      await w.click('consult-icon');
    }

    it('shows the form when the server closes the chat at once and answers leave_message (events before the ack)', async () => {
      await start({ settings: widgetSettings({ agentsAvailable: false }) });
      await w.click('consult-icon');
      const call = w.socket.pendingCalls('chat:request')[0];
      const chatId = (call?.payload as ChatRequest).chatId;
      w.socket.push('chat:event', {
        kind: 'system',
        what: 'requested',
        id: chatId,
        chatId,
        position: 11,
        at: '2026-01-01T10:00:00.000Z',
      } satisfies ChatEventView);
      w.socket.push('chat:event', { ...closedEvent(chatId, 12), reason: 'no_agent_available' });
      call?.answer({ ok: true, data: { chatId, status: 'leave_message', position: 12 } });
      await w.render();
      expect(w.el('chat-ended')).toBeNull();
      expect(w.el('leave-message-form')).not.toBeNull();
    });

    it('says what is missing or wrong and sends nothing', async () => {
      await noAgents();
      expect(w.el('leave-message-notice')?.textContent).toContain('没有客服在线');
      await w.click('lm-submit');
      expect(w.el('lm-error-name')?.textContent).toContain('称呼');
      expect(w.el('lm-error-contact')).not.toBeNull();
      expect(w.el('lm-error-content')).not.toBeNull();

      await w.type('lm-name', '张先生');
      await w.type('lm-email', 'not-an-email');
      await w.type('lm-phone', '<script>');
      await w.type('lm-content', '想订购 200 件');
      await w.click('lm-submit');
      expect(w.el('lm-error-name')).toBeNull();
      expect(w.el('lm-error-email')?.textContent).toContain('邮箱');
      expect(w.el('lm-error-phone')?.textContent).toContain('电话');
      expect(w.socket.callsOf('leave-message:send')).toHaveLength(0);
    });

    it('sends name, phone, e-mail and content with one id (kept across a retry) and thanks the visitor', async () => {
      await noAgents();
      await w.type('lm-name', '张先生');
      await w.type('lm-phone', '138 0013 8000');
      await w.type('lm-email', 'zhang@example.com');
      await w.type('lm-content', '想订购 200 件，请报价');
      await w.click('lm-submit');
      const first = w.socket.pendingCalls('leave-message:send')[0];
      first?.timeOut();
      await w.render();
      expect(w.el('error')).not.toBeNull();
      expect(w.el('leave-message-thanks')).toBeNull();

      w.socket.respond<LeaveMessageRequest>('leave-message:send', (req) => ({ ok: true, data: { position: 8, leaveMessageId: req.leaveMessageId } }));
      await w.click('lm-submit');
      const sent = w.socket.callsOf('leave-message:send').map((c) => c.payload as LeaveMessageRequest);
      expect(sent).toHaveLength(2);
      expect(sent[1]).toEqual({
        leaveMessageId: sent[0]?.leaveMessageId,
        visitId: expect.any(String),
        name: '张先生',
        phone: '138 0013 8000',
        email: 'zhang@example.com',
        content: '想订购 200 件，请报价',
      });
      expect(w.el('leave-message-thanks')?.textContent).toContain('留言已收到');
      expect(w.el('leave-message-form')).toBeNull();
    });
  });

  describe('B4 typing', () => {
    async function inChat(typingPreview: boolean): Promise<void> {
      localStorage.setItem('kefu.chat.s1', 'c1');
      w = await bootWidget({ settings: widgetSettings({ typingPreview }) });
      w.socket.respond('chat:resume', () => ({ ok: true, data: { summary: chatSummary('c1'), events: [] } }));
      w.socket.serverConnect();
      await w.render();
    }

    it('tells the visitor the agent may see their draft, and sends it throttled', async () => {
      await inChat(true);
      expect(w.el('preview-notice')?.textContent).toContain('发送之前看到');
      await w.type('composer', '请');
      await w.type('composer', '请问');
      await w.type('composer', '请问有货');
      expect(w.socket.callsOf('chat:typing').map((c) => c.payload)).toEqual([{ chatId: 'c1', typing: true, draft: '请' }]);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(w.socket.callsOf('chat:typing').map((c) => (c.payload as VisitorTypingRequest).draft)).toEqual(['请', '请问有货']);
    });

    it('keeps the text in the browser and shows no notice when the site keeps drafts private (only the typing flag goes out)', async () => {
      await inChat(false);
      expect(w.el('preview-notice')).toBeNull();
      await w.type('composer', '私密的内容');
      expect(w.socket.callsOf('chat:typing').map((c) => c.payload)).toEqual([{ chatId: 'c1', typing: true, draft: '' }]);
      expect(JSON.stringify(w.socket.calls.map((c) => c.payload))).not.toContain('私密');
    });

    it("shows the agent's typing indicator until their message arrives", async () => {
      await inChat(false);
      w.socket.push('chat:typing', { chatId: 'c1', from: { role: 'agent', id: 'a1', name: 'Bob' }, typing: true });
      await w.render();
      expect(w.el('agent-typing')).not.toBeNull();
      w.socket.push('chat:event', {
        kind: 'message',
        id: 'm1',
        chatId: 'c1',
        position: 4,
        at: '2026-01-01T10:01:00.000Z',
        from: { role: 'agent', id: 'a1', name: 'Bob' },
        text: '有的',
      } satisfies ChatEventView);
      await w.render();
      expect(w.el('agent-typing')).toBeNull();
    });
  });

  describe('issue 5 attachments', () => {
    const agentSends = (id: string, position: number, attachment: AttachmentView, text = ''): ChatEventView => ({
      kind: 'message',
      id,
      chatId: 'c1',
      position,
      at: '2026-01-01T10:01:00.000Z',
      from: { role: 'agent', id: 'a1', name: 'Bob' },
      text,
      attachment,
    });

    async function inChat(): Promise<void> {
      localStorage.setItem('kefu.chat.s1', 'c1');
      w = await bootWidget();
      w.socket.respond('chat:resume', () => ({
        ok: true,
        data: {
          summary: chatSummary('c1'),
          events: [
            agentSends('m1', 4, { kind: 'image', ref: 'https://cdn.shop.test/p/1.png', name: '实拍图.png' }),
            agentSends('m2', 5, { kind: 'file', ref: 'https://files.shop.test/size.pdf', name: '尺码表.pdf', size: 51200 }, '尺码表见附件'),
            agentSends('m3', 6, { kind: 'file', ref: 'data:text/html,<script>alert(1)</script>', name: 'x.html' }),
          ],
        },
      }));
      w.socket.serverConnect();
      await w.render();
    }

    it("shows the agent's image as a thumbnail, a file as a download link, and a hostile reference as text", async () => {
      await inChat();
      const image = w.el('attachment-image') as HTMLAnchorElement;
      expect([image.getAttribute('href'), image.target, image.rel]).toEqual(['https://cdn.shop.test/p/1.png', '_blank', 'noopener noreferrer']);
      expect(image.querySelector('img')?.getAttribute('loading')).toBe('lazy');
      const file = w.el('attachment-file') as HTMLAnchorElement;
      expect(file.getAttribute('href')).toBe('https://files.shop.test/size.pdf');
      expect(file.textContent).toContain('尺码表.pdf');
      expect(file.textContent).toContain('50 KB');
      expect(w.el('attachment-text')?.textContent).toContain('x.html');
      expect(w.fixture.nativeElement.querySelector('a[href^="data:"], img[src^="data:"]')).toBeNull();
    });

    it('lets the visitor attach a file by its address', async () => {
      await inChat();
      w.socket.respond('chat:send', () => ({ ok: true, data: { position: 9 } }));
      await w.click('attach-toggle');
      await w.type('attach-url', 'https://my.drive.test/订单截图.pdf');
      await w.type('attach-name', '订单');
      await w.click('attach-send');
      expect(w.socket.callsOf('chat:send').map((c) => c.payload)).toEqual([
        {
          chatId: 'c1',
          clientId: expect.any(String),
          text: '',
          attachment: { kind: 'file', ref: 'https://my.drive.test/%E8%AE%A2%E5%8D%95%E6%88%AA%E5%9B%BE.pdf', name: '订单' },
        },
      ]);
      expect(w.all('attachment-file').map((a) => a.textContent?.trim())).toContain('📎订单');
    });
  });

  describe('I7 rating', () => {
    async function chatEnds(settings = widgetSettings()): Promise<void> {
      localStorage.setItem('kefu.chat.s1', 'c1');
      w = await bootWidget({ settings });
      w.socket.respond('chat:resume', () => ({ ok: true, data: { summary: chatSummary('c1'), events: [] } }));
      w.socket.serverConnect();
      await w.render();
      w.socket.push('chat:event', closedEvent('c1', 20));
      await w.render();
    }

    it('asks for 1–5 stars and a suggestion once the chat ends, sends them once and thanks', async () => {
      await chatEnds();
      expect(w.el('chat-ended')).not.toBeNull();
      expect((w.el('rating-submit') as HTMLButtonElement).disabled).toBe(true);
      expect(w.all('rating-star')).toHaveLength(5);
      w.all('rating-star')[3]?.click();
      await w.render();
      expect(w.el('rating-label')?.textContent).toContain('满意');
      await w.type('rating-suggestion', '回复很快');
      w.socket.respond('chat:rate', () => ({ ok: true, data: { position: 30 } }));
      await w.click('rating-submit');
      expect(w.socket.callsOf('chat:rate').map((c) => c.payload as RateChatRequest)).toEqual([{ chatId: 'c1', score: 4, suggestion: '回复很快' }]);
      expect(w.el('rating')).toBeNull();
      expect(w.el('rating-thanks')?.textContent).toContain('感谢');
    });

    it('keeps the form with the reason when the server refuses, and is not offered when the site turned ratings off', async () => {
      await chatEnds();
      w.all('rating-star')[0]?.click();
      await w.render();
      w.socket.respond('chat:rate', () => ({ ok: false, error: { code: 'RULE_VIOLATED', message: 'chat was never assigned' } }));
      await w.click('rating-submit');
      expect(w.el('rating')).not.toBeNull();
      expect(w.el('error')?.textContent).toContain('chat was never assigned');

      w.fixture.destroy();
      localStorage.clear();
      const { TestBed } = await import('@angular/core/testing');
      TestBed.resetTestingModule();
      await chatEnds(widgetSettings({ ratingEnabled: false }));
      expect(w.el('chat-ended')).not.toBeNull();
      expect(w.el('rating')).toBeNull();
    });

    it('opens the rating form when the agent asks during the chat', async () => {
      localStorage.setItem('kefu.chat.s1', 'c1');
      w = await bootWidget();
      w.socket.respond('chat:resume', () => ({ ok: true, data: { summary: chatSummary('c1'), events: [] } }));
      w.socket.serverConnect();
      await w.render();
      w.socket.push('chat:rating-requested', { chatId: 'c1' });
      await w.render();
      expect(w.el('rating')).not.toBeNull();
      expect((w.el('composer') as HTMLTextAreaElement).disabled).toBe(false);
    });
  });

  describe('C7 fixed links', () => {
    it('reads agent/group targets from the URL and ignores anything else', () => {
      const id = '0b7c6a2e-4f1d-4c7e-9a51-2d3f4e5a6b7c';
      expect(readHostPage(`?site=s1&target=agent:${id}&u=https%3A%2F%2Fshop.test%2F`).target).toEqual({ kind: 'agent', agentId: id });
      expect(readHostPage(`?site=s1&target=group:${id}`).target).toEqual({ kind: 'group', groupId: id });
      expect(readHostPage('?site=s1&target=agent:not-an-id').target).toBeUndefined();
      expect(readHostPage('?site=s1&target=auto').target).toBeUndefined();
      const standalone = readHostPage(`?site=s1&target=group:${id}`, {
        href: 'https://kefu.test/widget/?site=s1',
        title: 'Chat',
        referrer: 'https://shop.test/a',
        framed: false,
      });
      expect(standalone).toMatchObject({ standalone: true, url: 'https://kefu.test/widget/?site=s1', referrer: 'https://shop.test/a' });
    });

    it('opens at once on a fixed-link page and asks for a chat with that agent', async () => {
      const agentId = '0b7c6a2e-4f1d-4c7e-9a51-2d3f4e5a6b7c';
      w = await bootWidget({ page: { standalone: true, target: { kind: 'agent', agentId } } });
      w.socket.respond<ChatRequest>('chat:request', (req) => ({
        ok: true,
        data: { chatId: req.chatId, status: 'active', agent: { id: agentId, name: 'Bob' }, position: 5 },
      }));
      w.socket.respond('chat:resume', (req: { chatId: string }) => ({ ok: true, data: { summary: chatSummary(req.chatId), events: [] } }));
      w.socket.serverConnect();
      await w.render();
      expect(w.el('chat-window')).not.toBeNull();
      expect((w.socket.callsOf('chat:request')[0]?.payload as ChatRequest).target).toEqual({ kind: 'agent', agentId });
    });
  });

  it('C8: picks up an open chat of this visitor that the page did not know about', async () => {
    w = await bootWidget();
    w.socket.respond('chat:mine', () => ({ ok: true, data: { chats: [chatSummary('c7')] } }));
    w.socket.respond('chat:resume', () => ({ ok: true, data: { summary: chatSummary('c7'), events: [] } }));
    w.socket.serverConnect();
    await w.render();
    expect(w.el('chat-window')).not.toBeNull();
    expect(localStorage.getItem('kefu.chat.s1')).toBe('c7');
  });
});

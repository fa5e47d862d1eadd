import type { ChatRequestedData } from './conversation-events';
import { requestedChatFields } from './requested-chat';

const request = (target?: ChatRequestedData['target']): ChatRequestedData =>
  ({
    orgId: 'o1',
    siteId: 's1',
    chatId: 'c1',
    visitorId: 'v1',
    visitId: 'visit1',
    visitorName: '#ABC123',
    requestedAt: '2026-01-01T00:00:00.000Z',
    page: { url: 'https://shop.example/a', title: 'A' },
    ...(target ? { target } : {}),
  }) as ChatRequestedData;

describe('B3/I5 a requested chat, as the live chats and the chat records describe it', () => {
  it('states who asked, from where and when, queued', () => {
    expect(requestedChatFields(request(), 'every')).toEqual({
      chatId: 'c1',
      orgId: 'o1',
      siteId: 's1',
      visitorId: 'v1',
      visitId: 'visit1',
      visitorName: '#ABC123',
      status: 'queued',
      requestedAt: '2026-01-01T00:00:00.000Z',
      page: { url: 'https://shop.example/a', title: 'A' },
    });
  });

  it('live chats keep an `auto` target, records keep only an explicit group or agent', () => {
    expect(requestedChatFields(request({ kind: 'auto' }), 'every').target).toEqual({ kind: 'auto' });
    expect(requestedChatFields(request({ kind: 'auto' }), 'explicit')).not.toHaveProperty('target');
    expect(requestedChatFields(request({ kind: 'group', groupId: 'g1' }), 'explicit').target).toEqual({ kind: 'group', groupId: 'g1' });
    expect(requestedChatFields(request({ kind: 'agent', agentId: 'a1' }), 'every').target).toEqual({ kind: 'agent', agentId: 'a1' });
  });
});

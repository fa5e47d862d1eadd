import { given } from '../testing/given';
import { chat, isParticipant, MESSAGE_MAX_CHARS, type ChatCommand, type ChatEvent, type CloseReason, type Participant } from './chat';

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-01T08:00:30.000Z';
const T2 = '2024-05-01T08:01:00.000Z';
const T3 = '2024-05-01T08:10:00.000Z';

const ids = { orgId: 'org-1', siteId: 'site-1', chatId: 'chat-1' };
const visitor: Participant = {
  role: 'visitor',
  id: 'visitor-1',
  name: 'Visitor 1',
};
const otherVisitor: Participant = {
  role: 'visitor',
  id: 'visitor-2',
  name: 'Visitor 2',
};
const ann: Participant = { role: 'agent', id: 'agent-ann', name: 'Ann' };
const bob: Participant = { role: 'agent', id: 'agent-bob', name: 'Bob' };

type RequestChat = Extract<ChatCommand, { type: 'RequestChat' }>;
type ChatRequested = Extract<ChatEvent, { type: 'ChatRequested' }>;

const requestChat = (over: Partial<RequestChat> = {}): RequestChat => ({
  type: 'RequestChat',
  ...ids,
  visitorId: 'visitor-1',
  visitId: 'visit-1',
  visitorName: 'Visitor 1',
  page: { url: 'https://www.example.com/shoes', title: 'Shoes' },
  now: T0,
  ...over,
});
const chatRequested = (over: Partial<ChatRequested['data']> = {}): ChatRequested => ({
  type: 'ChatRequested',
  data: {
    ...ids,
    visitorId: 'visitor-1',
    visitId: 'visit-1',
    visitorName: 'Visitor 1',
    page: { url: 'https://www.example.com/shoes', title: 'Shoes' },
    requestedAt: T0,
    ...over,
  },
});

const assign = (who: Participant = ann): ChatCommand => ({
  type: 'AssignAgent',
  agentId: who.id,
  agentName: who.name,
  now: T1,
});
const assigned = (who: Participant = ann): ChatEvent => ({
  type: 'ChatAssigned',
  data: { ...ids, agentId: who.id, agentName: who.name, at: T1 },
});

const post = (from: Participant, text: string, messageId = 'msg-1'): ChatCommand => ({
  type: 'PostMessage',
  messageId,
  from,
  text,
  now: T2,
});
const posted = (from: Participant, text: string, messageId = 'msg-1'): ChatEvent => ({
  type: 'MessagePosted',
  data: { ...ids, messageId, from, text, at: T2 },
});

const close = (by: Participant | null, reason: CloseReason): ChatCommand => ({
  type: 'CloseChat',
  by,
  reason,
  now: T3,
});
const closed = (by: Participant | null, reason: CloseReason): ChatEvent => ({
  type: 'ChatClosed',
  data: {
    ...ids,
    by: by ?? { role: 'system', id: 'system', name: '' },
    reason,
    at: T3,
  },
});

const waiting = [chatRequested()];
const active = [chatRequested(), assigned(ann)];

describe('chat decider: requesting a chat (C8 the conversation survives navigation, K1 recorded)', () => {
  it('opens a waiting chat for the visitor with the page they asked from', () => given(chat).when(requestChat()).then([chatRequested()]));

  it('trims the visitor name', () =>
    given(chat)
      .when(requestChat({ visitorName: '  Visitor 1 ' }))
      .then([chatRequested()]));

  it('refuses a request without a visitor name', () =>
    given(chat)
      .when(requestChat({ visitorName: ' ' }))
      .thenThrows('INVALID', 'visitor name must not be empty'));

  it('keeps at most 2000 characters of the page URL and 300 of its title', () =>
    given(chat)
      .when(
        requestChat({
          page: {
            url: `https://e.com/${'u'.repeat(3000)}`,
            title: 't'.repeat(400),
          },
        }),
      )
      .then([
        chatRequested({
          page: {
            url: `https://e.com/${'u'.repeat(3000)}`.slice(0, 2000),
            title: 't'.repeat(300),
          },
        }),
      ]));

  it('answers a re-request by the same visitor (a reload or another page) with nothing new: the same chat goes on', () =>
    given(chat, ...active)
      .when(
        requestChat({
          now: T3,
          page: { url: 'https://www.example.com/cart', title: 'Cart' },
        }),
      )
      .then([]));

  it('refuses a chat id already taken by another visitor', () =>
    given(chat, ...waiting)
      .when(requestChat({ visitorId: 'visitor-2' }))
      .thenThrows('CONFLICT', 'taken'));

  it('refuses a chat id already taken on another site', () =>
    given(chat, ...waiting)
      .when(requestChat({ siteId: 'site-2' }))
      .thenThrows('CONFLICT', 'taken'));
});

describe('chat decider: assigning an agent (D3/D4 routing result applied to the chat)', () => {
  it('assigns the routed agent to a waiting chat', () =>
    given(chat, ...waiting)
      .when(assign(ann))
      .then([assigned(ann)]));

  it('answers assigning the same agent again with nothing new', () =>
    given(chat, ...active)
      .when(assign(ann))
      .then([]));

  it('refuses to hand an active chat to a second agent', () =>
    given(chat, ...active)
      .when(assign(bob))
      .thenThrows('RULE_VIOLATED', 'cannot be assigned'));

  it('refuses to assign an agent to a closed chat', () =>
    given(chat, ...waiting, closed(null, 'no_agent_available'))
      .when(assign(ann))
      .thenThrows('RULE_VIOLATED', 'closed'));

  it('cannot assign an agent to a chat that does not exist', () => given(chat).when(assign(ann)).thenThrows('NOT_FOUND', 'no such chat'));
});

describe('chat decider: messages (K1 every message recorded, B7 nothing a visitor sends can run script)', () => {
  it('accepts a message from the visitor while the chat is still waiting for an agent', () =>
    given(chat, ...waiting)
      .when(post(visitor, 'Hello?'))
      .then([posted(visitor, 'Hello?')]));

  it('accepts messages from the visitor and from the serving agent in an active chat', () => {
    given(chat, ...active)
      .when(post(visitor, 'Do you ship to Beijing?'))
      .then([posted(visitor, 'Do you ship to Beijing?')]);
    given(chat, ...active)
      .when(post(ann, 'Yes, in two days.'))
      .then([posted(ann, 'Yes, in two days.')]);
  });

  it('forbids an agent who does not serve this chat to write in it', () =>
    given(chat, ...active)
      .when(post(bob, 'Hi'))
      .thenThrows('FORBIDDEN', 'only the agent serving this chat'));

  it('forbids any agent to write in a chat not yet assigned', () =>
    given(chat, ...waiting)
      .when(post(ann, 'Hi'))
      .thenThrows('FORBIDDEN', 'only the agent serving this chat'));

  it('answers another visitor writing into this chat as if it did not exist (no hint that it does)', () =>
    given(chat, ...active)
      .when(post(otherVisitor, 'Hi'))
      .thenThrows('NOT_FOUND', 'no such chat'));

  it('answers a message to a chat that does not exist with NOT_FOUND', () => given(chat).when(post(visitor, 'Hi')).thenThrows('NOT_FOUND', 'no such chat'));

  it('answers a retried message (same message id) with nothing new, so it never shows twice', () =>
    given(chat, ...active, posted(visitor, 'Hello?'))
      .when(post(visitor, 'Hello?'))
      .then([]));

  it('recognises a retried message even after the chat was closed', () =>
    given(chat, ...active, posted(visitor, 'Bye'), closed(ann, 'closed_by_agent'))
      .when(post(visitor, 'Bye'))
      .then([]));

  it('refuses a new message in a closed chat', () =>
    given(chat, ...active, closed(ann, 'closed_by_agent'))
      .when(post(visitor, 'Are you there?', 'msg-2'))
      .thenThrows('RULE_VIOLATED', 'closed'));

  it.each([
    ['empty', ''],
    ['nothing but spaces and line breaks', '  \n\t '],
    ['nothing but control characters', '\u0000\u0007\u001b'],
  ])('refuses a message that is %s', (_why, text) =>
    given(chat, ...active)
      .when(post(visitor, text))
      .thenThrows('INVALID', 'must not be empty'),
  );

  it(`accepts a message of exactly ${MESSAGE_MAX_CHARS} characters`, () =>
    given(chat, ...active)
      .when(post(visitor, 'x'.repeat(MESSAGE_MAX_CHARS)))
      .then([posted(visitor, 'x'.repeat(MESSAGE_MAX_CHARS))]));

  it(`refuses a message of ${MESSAGE_MAX_CHARS + 1} characters and says the limit`, () =>
    given(chat, ...active)
      .when(post(visitor, 'x'.repeat(MESSAGE_MAX_CHARS + 1)))
      .thenThrows('INVALID', `at most ${MESSAGE_MAX_CHARS} characters`));

  it('counts characters, not UTF-16 units: 5000 emoji fit in one message', () =>
    given(chat, ...active)
      .when(post(visitor, '😀'.repeat(5000)))
      .then([posted(visitor, '😀'.repeat(5000))]));

  it('trims the message and strips invisible control characters, keeping tabs and line breaks', () =>
    given(chat, ...active)
      .when(post(visitor, '  Hel\u0000lo\u0008\n\tworld\u001b\u007f  '))
      .then([posted(visitor, 'Hello\n\tworld')]));

  // Bug (minor): shared/text.ts says every control character other than tab and newline is stripped,
  // but the CONTROL class stops at U+007F: C1 controls (U+0080-U+009F, e.g. U+0085, U+009B) stay in.
  it('strips C1 control characters (U+0080-U+009F) as well', () =>
    given(chat, ...active)
      .when(post(visitor, 'Hel\u0085lo\u009b'))
      .then([posted(visitor, 'Hello')]));

  it('keeps markup as plain text, verbatim: it is neither run nor stripped here (the UI renders it as text)', () => {
    const text = '<script>alert("x")</script><img src=x onerror=alert(1)> <b>bold</b>';
    given(chat, ...active)
      .when(post(visitor, text))
      .then([posted(visitor, text)]);
  });

  it('keeps emoji, links and Chinese text as written', () => {
    const text = '你好 👋 see https://www.example.com/p?id=1&x=2';
    given(chat, ...active)
      .when(post(visitor, text))
      .then([posted(visitor, text)]);
  });
});

describe('chat decider: closing (B11 close a chat)', () => {
  it('lets the serving agent close the chat', () =>
    given(chat, ...active)
      .when(close(ann, 'closed_by_agent'))
      .then([closed(ann, 'closed_by_agent')]));

  it('lets the visitor close the chat', () =>
    given(chat, ...active)
      .when(close(visitor, 'closed_by_visitor'))
      .then([closed(visitor, 'closed_by_visitor')]));

  it('lets the system close a waiting chat no agent could take', () =>
    given(chat, ...waiting)
      .when(close(null, 'no_agent_available'))
      .then([closed(null, 'no_agent_available')]));

  it('answers closing a closed chat again with nothing new', () =>
    given(chat, ...active, closed(ann, 'closed_by_agent'))
      .when(close(ann, 'closed_by_agent'))
      .then([]));

  it('forbids an agent who does not serve the chat to close it', () =>
    given(chat, ...active)
      .when(close(bob, 'closed_by_agent'))
      .thenThrows('FORBIDDEN', 'only the agent serving this chat'));

  it('answers another visitor closing this chat as if it did not exist', () =>
    given(chat, ...active)
      .when(close(otherVisitor, 'closed_by_visitor'))
      .thenThrows('NOT_FOUND', 'no such chat'));

  it('still refuses a stranger after the chat was closed', () => {
    given(chat, ...active, closed(ann, 'closed_by_agent'))
      .when(close(bob, 'closed_by_agent'))
      .thenThrows('FORBIDDEN');
    given(chat, ...active, closed(ann, 'closed_by_agent'))
      .when(close(otherVisitor, 'closed_by_visitor'))
      .thenThrows('NOT_FOUND');
  });

  it('cannot close a chat that does not exist', () => given(chat).when(close(ann, 'closed_by_agent')).thenThrows('NOT_FOUND', 'no such chat'));
});

describe('isParticipant (B7/C8 who may read and write a chat)', () => {
  it("is the chat's visitor and its assigned agent, nobody else", () => {
    const s = given(chat, ...active).state;
    expect(isParticipant(s, visitor)).toBe(true);
    expect(isParticipant(s, ann)).toBe(true);
    expect(isParticipant(s, bob)).toBe(false);
    expect(isParticipant(s, otherVisitor)).toBe(false);
    expect(isParticipant(s, { role: 'agent', id: 'visitor-1' })).toBe(false);
  });

  it('has no agent participant before the chat is assigned', () => {
    const s = given(chat, ...waiting).state;
    expect(isParticipant(s, ann)).toBe(false);
  });
});

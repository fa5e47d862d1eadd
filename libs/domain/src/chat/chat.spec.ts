import { given } from '../testing/given';
import { canRead, chat, isParticipant, MESSAGE_MAX_CHARS, type ChatCommand, type ChatEvent, type CloseReason, type Participant } from './chat';

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

describe('chat decider: transfer (B8)', () => {
  const transfer = (from = ann, to = bob, reason = '他更懂退货'): ChatCommand => ({
    type: 'TransferChat',
    fromAgentId: from.id,
    toAgentId: to.id,
    toAgentName: to.name,
    reason,
    now: T2,
  });
  const transferred: ChatEvent = {
    type: 'ChatTransferred',
    data: { ...ids, fromAgentId: ann.id, fromAgentName: 'Ann', toAgentId: bob.id, toAgentName: 'Bob', reason: '他更懂退货', at: T2 },
  };

  it('hands the chat to another agent with the reason', () =>
    given(chat, ...active)
      .when(transfer())
      .then([transferred]));

  it('lets the new agent write and the old one only read', () => {
    const g = given(chat, ...active, transferred);
    g.when(post(bob, '我来处理', 'msg-2')).then([posted(bob, '我来处理', 'msg-2')]);
    g.when(post(ann, 'still me', 'msg-3')).thenThrows('FORBIDDEN', 'transferred');
    expect(canRead(g.state, ann)).toBe(true);
    expect(isParticipant(g.state, ann)).toBe(false);
  });

  it('answers a retried transfer with nothing new', () =>
    given(chat, ...active, transferred)
      .when(transfer())
      .then([]));
  it('refuses a transfer by an agent who does not serve the chat', () =>
    given(chat, ...active)
      .when(transfer(bob, ann))
      .thenThrows('FORBIDDEN'));
  it('refuses a transfer of a waiting or closed chat', () => {
    given(chat, ...waiting)
      .when(transfer())
      .thenThrows('FORBIDDEN');
    given(chat, ...active, closed(ann, 'closed_by_agent'))
      .when(transfer())
      .thenThrows('RULE_VIOLATED', 'closed');
  });
  it('refuses a reason over 200 characters', () =>
    given(chat, ...active)
      .when(transfer(ann, bob, 'x'.repeat(201)))
      .thenThrows('INVALID', '200'));
});

describe('chat decider: categorise and rate (B11, I7)', () => {
  const categorise = (who: Participant, category: string): ChatCommand => ({ type: 'CategoriseChat', agentId: who.id, category, now: T3 });
  const rate = (score: number, suggestion = '', ratingEnabled = true, visitorId = visitor.id): ChatCommand => ({
    type: 'RateChat',
    visitorId,
    score,
    suggestion,
    ratingEnabled,
    now: T3,
  });
  const rated = (score: number, suggestion = ''): ChatEvent => ({
    type: 'ChatRated',
    data: { ...ids, agentId: ann.id, visitorId: visitor.id, score, suggestion, at: T3 },
  });

  it('lets the serving agent categorise, also after closing', () =>
    given(chat, ...active, closed(ann, 'closed_by_agent'))
      .when(categorise(ann, '售后'))
      .then([{ type: 'ChatCategorised', data: { ...ids, category: '售后', by: ann.id, at: T3 } }]));
  it('forbids another agent to categorise', () =>
    given(chat, ...active)
      .when(categorise(bob, '售后'))
      .thenThrows('FORBIDDEN'));
  it('accepts a category of the site list (H3)', () =>
    given(chat, ...active)
      .when({ type: 'CategoriseChat', agentId: ann.id, category: ' 售后 ', allowed: ['售前', '售后'], now: T3 })
      .then([{ type: 'ChatCategorised', data: { ...ids, category: '售后', by: ann.id, at: T3 } }]));
  it('refuses a category that is not in the site list (H3)', () =>
    given(chat, ...active)
      .when({ type: 'CategoriseChat', agentId: ann.id, category: '闲聊', allowed: ['售前', '售后'], now: T3 })
      .thenThrows('RULE_VIOLATED', 'not one of this site'));
  it('takes any category when the site has no list (H3)', () =>
    given(chat, ...active)
      .when({ type: 'CategoriseChat', agentId: ann.id, category: '闲聊', allowed: [], now: T3 })
      .then([{ type: 'ChatCategorised', data: { ...ids, category: '闲聊', by: ann.id, at: T3 } }]));

  it('records a score 1-5 with a suggestion, linked to the chat and its agent', () =>
    given(chat, ...active)
      .when(rate(5, '很好'))
      .then([rated(5, '很好')]));
  it('rates a chat once', () =>
    given(chat, ...active, rated(4))
      .when(rate(1))
      .thenThrows('RULE_VIOLATED', 'once'));
  it('answers a retried rating with nothing new', () =>
    given(chat, ...active, rated(4))
      .when(rate(4))
      .then([]));
  it.each([0, 6, 2.5])('refuses the score %p', (score) =>
    given(chat, ...active)
      .when(rate(score))
      .thenThrows('INVALID', '1 to 5'),
  );
  it('refuses a rating when the site turned ratings off', () =>
    given(chat, ...active)
      .when(rate(5, '', false))
      .thenThrows('RULE_VIOLATED', 'off'));
  it('refuses a rating of a chat no agent served', () =>
    given(chat, ...waiting)
      .when(rate(5))
      .thenThrows('RULE_VIOLATED'));
  it("answers another visitor's rating as if the chat did not exist", () =>
    given(chat, ...active)
      .when(rate(5, '', true, 'someone-else'))
      .thenThrows('NOT_FOUND'));
});

describe('chat decider: attachments (images and files by reference)', () => {
  const withFile = (ref: string): ChatCommand => ({
    type: 'PostMessage',
    messageId: 'msg-9',
    from: visitor,
    text: '',
    now: T2,
    attachment: { kind: 'image', ref, name: 'photo.png', size: 1200 },
  });
  it('accepts an image by reference with no text', () =>
    given(chat, ...active)
      .when(withFile('https://cdn.example.com/u/photo.png'))
      .then([
        {
          type: 'MessagePosted',
          data: {
            ...ids,
            messageId: 'msg-9',
            from: visitor,
            text: '',
            at: T2,
            attachment: { kind: 'image', ref: 'https://cdn.example.com/u/photo.png', name: 'photo.png', size: 1200 },
          },
        },
      ]));
  it('refuses a javascript: reference', () =>
    given(chat, ...active)
      .when(withFile('javascript:alert(1)'))
      .thenThrows('INVALID', 'attachment ref'));
});

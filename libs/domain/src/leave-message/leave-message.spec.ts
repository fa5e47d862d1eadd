import { given } from '../testing/given';
import { leaveMessage, type LeaveMessageCommand, type LeaveMessageEvent } from './leave-message';

const NOW = '2024-05-01T08:00:00.000Z';
const ids = { orgId: 'org-1', siteId: 'site-1', leaveMessageId: 'lm-1' };
type Leave = Extract<LeaveMessageCommand, { type: 'LeaveMessage' }>;
const leave = (over: Partial<Leave> = {}): Leave => ({
  type: 'LeaveMessage',
  ...ids,
  visitorId: 'visitor-1',
  visitId: 'visit-1',
  name: '张三',
  phone: '138 0013 8000',
  email: 'ZHANG@example.com',
  content: '请给我回电话',
  page: { url: 'https://shop.example.com/p/1', title: '商品 1' },
  now: NOW,
  ...over,
});
const left = (over: Partial<Extract<LeaveMessageEvent, { type: 'LeaveMessageLeft' }>['data']> = {}): LeaveMessageEvent => ({
  type: 'LeaveMessageLeft',
  data: {
    ...ids,
    visitorId: 'visitor-1',
    visitId: 'visit-1',
    name: '张三',
    phone: '138 0013 8000',
    email: 'zhang@example.com',
    content: '请给我回电话',
    page: { url: 'https://shop.example.com/p/1', title: '商品 1' },
    at: NOW,
    ...over,
  },
});
const handled: LeaveMessageEvent = { type: 'LeaveMessageHandled', data: { ...ids, by: 'ann', at: NOW } };

describe('leave-message decider (C6 the form, I6 the inbox)', () => {
  it('records name, phone, e-mail (lower-cased), content and the page it was left on', () => given(leaveMessage).when(leave()).then([left()]));

  it('accepts a message with only a phone number or only an e-mail', () => {
    given(leaveMessage)
      .when(leave({ email: '' }))
      .then([left({ email: '' })]);
    given(leaveMessage)
      .when(leave({ phone: '' }))
      .then([left({ phone: '' })]);
  });

  it('refuses a message with no way to answer', () =>
    given(leaveMessage)
      .when(leave({ phone: '', email: '' }))
      .thenThrows('INVALID', 'phone number or an e-mail'));
  it('refuses an empty content and an empty name', () => {
    given(leaveMessage)
      .when(leave({ content: '   ' }))
      .thenThrows('INVALID', 'content');
    given(leaveMessage)
      .when(leave({ name: '' }))
      .thenThrows('INVALID', 'name');
  });
  it('refuses a bad e-mail and a bad phone', () => {
    given(leaveMessage)
      .when(leave({ email: 'javascript:alert(1)' }))
      .thenThrows('INVALID', 'e-mail');
    given(leaveMessage)
      .when(leave({ phone: '<script>' }))
      .thenThrows('INVALID', 'phone');
  });
  it('refuses content over 2000 characters and says the limit', () =>
    given(leaveMessage)
      .when(leave({ content: '字'.repeat(2001) }))
      .thenThrows('INVALID', '2000'));
  it('keeps markup in a name as plain text', () =>
    given(leaveMessage)
      .when(leave({ name: '<img src=x onerror=alert(1)>' }))
      .then([left({ name: '<img src=x onerror=alert(1)>' })]));
  it('answers a retried form (same id, same visitor) with nothing new', () => given(leaveMessage, left()).when(leave()).then([]));
  it("answers another visitor's id as if it did not exist", () =>
    given(leaveMessage, left())
      .when(leave({ visitorId: 'visitor-2' }))
      .thenThrows('NOT_FOUND'));

  it('marks a message handled once', () => {
    given(leaveMessage, left()).when({ type: 'MarkHandled', orgId: 'org-1', by: 'ann', now: NOW }).then([handled]);
    given(leaveMessage, left(), handled).when({ type: 'MarkHandled', orgId: 'org-1', by: 'ann', now: NOW }).then([]);
  });
  it('answers another organisation with NOT_FOUND', () =>
    given(leaveMessage, left()).when({ type: 'MarkHandled', orgId: 'org-2', by: 'x', now: NOW }).thenThrows('NOT_FOUND'));

  it('records an e-mail reply to the address left, and the message counts as handled', () => {
    const g = given(leaveMessage, left());
    g.when({ type: 'RecordReply', orgId: 'org-1', channel: 'email', by: 'ann', subject: '回复', content: '您好，已处理', now: NOW }).then([
      {
        type: 'LeaveMessageReplied',
        data: { ...ids, channel: 'email', by: 'ann', to: 'zhang@example.com', subject: '回复', content: '您好，已处理', at: NOW },
      },
    ]);
  });
  it('refuses an SMS reply when no phone was left', () =>
    given(leaveMessage, left({ phone: '' }))
      .when({ type: 'RecordReply', orgId: 'org-1', channel: 'sms', by: 'ann', content: 'hi', now: NOW })
      .thenThrows('RULE_VIOLATED', 'phone'));
});

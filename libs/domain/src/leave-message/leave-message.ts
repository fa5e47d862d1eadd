import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { invalid, notFound, ruleViolated } from '../shared/domain-error';
import { cleanText } from '../shared/text';

/** A message a visitor left when nobody could chat (stream `leave-message-{id}`), C6/I6. */
export const LEAVE_MESSAGE_LIMITS = { name: 64, phone: 32, email: 254, content: 2000, reply: 5000, subject: 200 } as const;

interface Ids {
  orgId: string;
  siteId: string;
  leaveMessageId: string;
}

export type LeaveMessageEvent =
  | DomainEvent<
      'LeaveMessageLeft',
      Ids & {
        visitorId: string;
        visitId?: string;
        name: string;
        phone: string;
        email: string;
        content: string;
        page: { url: string; title: string };
        at: string;
      }
    >
  | DomainEvent<'LeaveMessageHandled', Ids & { by: string; at: string }>
  | DomainEvent<'LeaveMessageReplied', Ids & { channel: 'email' | 'sms'; by: string; to: string; subject?: string; content: string; at: string }>;

export type LeaveMessageCommand =
  | (Ids & {
      type: 'LeaveMessage';
      visitorId: string;
      visitId?: string;
      name: string;
      phone: string;
      email: string;
      content: string;
      page: { url: string; title: string };
      now: string;
    })
  | { type: 'MarkHandled'; orgId: string; by: string; now: string }
  | { type: 'RecordReply'; orgId: string; channel: 'email' | 'sms'; by: string; subject?: string; content: string; now: string };

export interface LeaveMessageState {
  exists: boolean;
  orgId: string;
  siteId: string;
  leaveMessageId: string;
  visitorId: string;
  phone: string;
  email: string;
  handled: boolean;
}

const EMAIL = /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,30}$/;

/** Whether a reply can go out on this channel (the address it would go to), for the handler and the UI. */
export function replyAddress(s: LeaveMessageState, channel: 'email' | 'sms'): string {
  const to = channel === 'email' ? s.email : s.phone;
  if (!to) throw ruleViolated(`the visitor left no ${channel === 'email' ? 'e-mail address' : 'phone number'}`);
  return to;
}

export const leaveMessage: Decider<LeaveMessageCommand, LeaveMessageEvent, LeaveMessageState> = {
  streamPrefix: 'leave-message',
  initialState: { exists: false, orgId: '', siteId: '', leaveMessageId: '', visitorId: '', phone: '', email: '', handled: false },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'LeaveMessage': {
        if (s.exists) {
          if (s.visitorId === cmd.visitorId && s.siteId === cmd.siteId) return [];
          throw notFound('no such leave-message');
        }
        const name = cleanText(cmd.name, 'name', LEAVE_MESSAGE_LIMITS.name);
        const phone = cleanText(cmd.phone, 'phone', LEAVE_MESSAGE_LIMITS.phone, { allowEmpty: true });
        const email = cleanText(cmd.email, 'e-mail', LEAVE_MESSAGE_LIMITS.email, { allowEmpty: true }).toLowerCase();
        const content = cleanText(cmd.content, 'content', LEAVE_MESSAGE_LIMITS.content);
        if (phone && !PHONE.test(phone)) throw invalid('phone must be digits (with an optional +, spaces, dashes or brackets)');
        if (email && !EMAIL.test(email)) throw invalid('e-mail is not an e-mail address');
        if (!phone && !email) throw invalid('leave a phone number or an e-mail address so we can answer');
        return [
          {
            type: 'LeaveMessageLeft',
            data: {
              orgId: cmd.orgId,
              siteId: cmd.siteId,
              leaveMessageId: cmd.leaveMessageId,
              visitorId: cmd.visitorId,
              ...(cmd.visitId ? { visitId: cmd.visitId } : {}),
              name,
              phone,
              email,
              content,
              page: { url: cmd.page.url.slice(0, 2000), title: cmd.page.title.slice(0, 300) },
              at: cmd.now,
            },
          },
        ];
      }
      case 'MarkHandled': {
        if (!s.exists || s.orgId !== cmd.orgId) throw notFound('no such leave-message');
        if (s.handled) return [];
        return [{ type: 'LeaveMessageHandled', data: { orgId: s.orgId, siteId: s.siteId, leaveMessageId: s.leaveMessageId, by: cmd.by, at: cmd.now } }];
      }
      case 'RecordReply': {
        if (!s.exists || s.orgId !== cmd.orgId) throw notFound('no such leave-message');
        const to = replyAddress(s, cmd.channel);
        const content = cleanText(cmd.content, 'reply', LEAVE_MESSAGE_LIMITS.reply);
        const subject = cmd.subject === undefined ? undefined : cleanText(cmd.subject, 'subject', LEAVE_MESSAGE_LIMITS.subject);
        return [
          {
            type: 'LeaveMessageReplied',
            data: {
              orgId: s.orgId,
              siteId: s.siteId,
              leaveMessageId: s.leaveMessageId,
              channel: cmd.channel,
              by: cmd.by,
              to,
              ...(subject !== undefined ? { subject } : {}),
              content,
              at: cmd.now,
            },
          },
        ];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'LeaveMessageLeft':
        return {
          ...s,
          exists: true,
          orgId: e.data.orgId,
          siteId: e.data.siteId,
          leaveMessageId: e.data.leaveMessageId,
          visitorId: e.data.visitorId,
          phone: e.data.phone,
          email: e.data.email,
        };
      case 'LeaveMessageHandled':
        return { ...s, handled: true };
      case 'LeaveMessageReplied':
        // Answering a message handles it.
        return { ...s, handled: true };
      default:
        return unreachable(e);
    }
  },
};

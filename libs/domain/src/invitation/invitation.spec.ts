import { given } from '../testing/given';
import {
  AUTO_INVITATION_RULE,
  autoInvitationVerdict,
  invitation,
  nextAutoInvitationAt,
  type AutoInvitationRule,
  type InvitationCommand,
  type InvitationEvent,
} from './invitation';

const START = '2024-05-01T08:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
const who = { orgId: 'org-1', siteId: 'site-1', visitorId: 'visitor-1', visitId: 'visit-1' };
const rule: AutoInvitationRule = { enabled: true, afterSeconds: 30, maxRefusals: 2, waitAfterRefusalSeconds: 300 };
type Offer = Extract<InvitationCommand, { type: 'OfferAutoInvitation' }>;

const offer = (now: string, over: Partial<Offer> = {}): Offer => ({
  type: 'OfferAutoInvitation',
  ...who,
  invitationId: `auto-${now}`,
  rule,
  greeting: '您好',
  visitStartedAt: START,
  agentsAvailable: true,
  chatting: false,
  now,
  ...over,
});
const manual = (invitationId: string, agentId = 'ann', maxPerVisitor = 2, now = at(10)): InvitationCommand => ({
  type: 'SendInvitation',
  ...who,
  invitationId,
  agentId,
  agentName: agentId.toUpperCase(),
  maxPerVisitor,
  greeting: '您好',
  now,
});
const sentByRule = (invitationId: string, now: string): InvitationEvent => ({
  type: 'InvitationSent',
  data: { ...who, invitationId, by: { kind: 'rule', rule: AUTO_INVITATION_RULE }, greeting: '您好', at: now },
});
const sentByAgent = (invitationId: string, agentId = 'ann', now = at(10)): InvitationEvent => ({
  type: 'InvitationSent',
  data: { ...who, invitationId, by: { kind: 'agent', agentId }, agentName: agentId.toUpperCase(), greeting: '您好', at: now },
});
const declined = (invitationId: string, now: string): InvitationEvent => ({ type: 'InvitationDeclined', data: { ...who, invitationId, at: now } });
const accepted = (invitationId: string, chatId: string, now: string): InvitationEvent => ({
  type: 'InvitationAccepted',
  data: { ...who, invitationId, chatId, at: now },
});

describe('invitation decider: the automatic rule (F2, K2)', () => {
  it('invites after N seconds on the site and names the rule that caused it', () =>
    given(invitation)
      .when(offer(at(30)))
      .then([sentByRule(`auto-${at(30)}`, at(30))]));

  it('does not invite before N seconds (a timer that fires early appends nothing)', () => {
    given(invitation)
      .when(offer(at(29)))
      .then([]);
    expect(autoInvitationVerdict(given(invitation).state, offer(at(29)))).toEqual({ send: false, because: 'too_early' });
  });

  it('does not invite when the rule is off', () =>
    expect(autoInvitationVerdict(given(invitation).state, offer(at(60), { rule: { ...rule, enabled: false } }))).toEqual({ send: false, because: 'disabled' }));

  it('does not invite when no agent is online or every agent is at capacity', () => {
    given(invitation)
      .when(offer(at(60), { agentsAvailable: false }))
      .then([]);
    expect(autoInvitationVerdict(given(invitation).state, offer(at(60), { agentsAvailable: false }))).toEqual({ send: false, because: 'no_agent_available' });
  });

  it('does not invite a visitor who is already chatting', () =>
    expect(autoInvitationVerdict(given(invitation).state, offer(at(60), { chatting: true }))).toEqual({ send: false, because: 'chatting' }));

  it('does not invite again while an invitation is open (a timer firing twice appends nothing new)', () => {
    given(invitation, sentByRule('i1', at(30)))
      .when(offer(at(31)))
      .then([]);
    given(invitation, sentByRule('i1', at(30)))
      .when(offer(at(30), { invitationId: 'i1' }))
      .then([]);
  });

  it('waits M seconds after a refusal', () => {
    const past = [sentByRule('i1', at(30)), declined('i1', at(40))];
    expect(autoInvitationVerdict(given(invitation, ...past).state, offer(at(339)))).toEqual({ send: false, because: 'waiting_after_refusal' });
    given(invitation, ...past)
      .when(offer(at(340)))
      .then([sentByRule(`auto-${at(340)}`, at(340))]);
  });

  it('never invites again after K refusals by that visitor', () => {
    const past = [sentByRule('i1', at(30)), declined('i1', at(40)), sentByRule('i2', at(400)), declined('i2', at(410))];
    given(invitation, ...past)
      .when(offer(at(100_000)))
      .then([]);
    expect(autoInvitationVerdict(given(invitation, ...past).state, offer(at(100_000)))).toEqual({ send: false, because: 'max_refusals' });
  });

  it('counts refusals of manual invitations too', () => {
    const past = [sentByAgent('m1'), declined('m1', at(20)), sentByAgent('m2', 'bob'), declined('m2', at(25))];
    expect(autoInvitationVerdict(given(invitation, ...past).state, offer(at(100_000)))).toEqual({ send: false, because: 'max_refusals' });
  });

  it('tells the timer when the rule could invite next', () => {
    expect(nextAutoInvitationAt(given(invitation).state, rule, START)).toBe(at(30));
    expect(nextAutoInvitationAt(given(invitation, sentByRule('i1', at(30)), declined('i1', at(40))).state, rule, START)).toBe(at(340));
    expect(nextAutoInvitationAt(given(invitation, sentByRule('i1', at(30))).state, rule, START)).toBeUndefined();
    expect(nextAutoInvitationAt(given(invitation).state, { ...rule, enabled: false }, START)).toBeUndefined();
  });
});

describe('invitation decider: manual invitations (B2, F2 cap J per agent and visitor)', () => {
  it('lets an agent invite a visitor', () =>
    given(invitation)
      .when(manual('m1'))
      .then([sentByAgent('m1')]));

  it('refuses a J+1-th invitation by the same agent and says the limit', () =>
    given(invitation, sentByAgent('m1'), declined('m1', at(20)), sentByAgent('m2'), declined('m2', at(30)))
      .when(manual('m3'))
      .thenThrows('RULE_VIOLATED', 'allows 2'));

  it('counts each agent separately', () =>
    given(invitation, sentByAgent('m1'), declined('m1', at(20)), sentByAgent('m2'), declined('m2', at(30)))
      .when(manual('m3', 'bob'))
      .then([sentByAgent('m3', 'bob')]));

  it('refuses a second invitation while one is still open', () => given(invitation, sentByAgent('m1')).when(manual('m2', 'bob')).thenThrows('CONFLICT'));

  it('answers a retried invitation (same id) with nothing new', () => given(invitation, sentByAgent('m1')).when(manual('m1')).then([]));

  it('refuses a visitor of another site as if it did not exist', () =>
    given(invitation, sentByAgent('m1'))
      .when({ ...manual('m2'), siteId: 'site-2' } as InvitationCommand)
      .thenThrows('NOT_FOUND'));
});

describe('invitation decider: answers (C3 accept / decline)', () => {
  const accept = (invitationId: string, chatId: string): InvitationCommand => ({
    type: 'AcceptInvitation',
    siteId: 'site-1',
    visitorId: 'visitor-1',
    invitationId,
    chatId,
    now: at(50),
  });
  const decline = (invitationId: string): InvitationCommand => ({
    type: 'DeclineInvitation',
    siteId: 'site-1',
    visitorId: 'visitor-1',
    invitationId,
    now: at(50),
  });

  it('records an acceptance with the chat it opens', () =>
    given(invitation, sentByAgent('m1'))
      .when(accept('m1', 'chat-1'))
      .then([accepted('m1', 'chat-1', at(50))]));

  it('answers a second acceptance (another tab) with nothing: it joins the first chat', () => {
    const g = given(invitation, sentByAgent('m1'), accepted('m1', 'chat-1', at(50)));
    g.when(accept('m1', 'chat-2')).then([]);
    expect(g.state.invitations['m1']?.chatId).toBe('chat-1');
  });

  it('records a refusal and counts it', () => {
    given(invitation, sentByAgent('m1'))
      .when(decline('m1'))
      .then([declined('m1', at(50))]);
    expect(given(invitation, sentByAgent('m1'), declined('m1', at(50))).state.refusals).toBe(1);
  });

  it('answers a second refusal with nothing new (counted once)', () =>
    given(invitation, sentByAgent('m1'), declined('m1', at(50)))
      .when(decline('m1'))
      .then([]));

  it('refuses to accept a declined invitation and to decline an accepted one', () => {
    given(invitation, sentByAgent('m1'), declined('m1', at(50)))
      .when(accept('m1', 'chat-1'))
      .thenThrows('RULE_VIOLATED');
    given(invitation, sentByAgent('m1'), accepted('m1', 'chat-1', at(50)))
      .when(decline('m1'))
      .thenThrows('RULE_VIOLATED');
  });

  it('answers an unknown invitation with NOT_FOUND', () => given(invitation).when(accept('nope', 'chat-1')).thenThrows('NOT_FOUND'));

  it("refuses another site's visitor token for this visitor's invitation", () =>
    given(invitation, sentByAgent('m1'))
      .when({ type: 'AcceptInvitation', siteId: 'site-2', visitorId: 'visitor-1', invitationId: 'm1', chatId: 'c', now: at(50) })
      .thenThrows('NOT_FOUND'));
});

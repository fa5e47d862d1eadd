import { AUTO_INVITATION_RULE } from '@kefu/domain';
import { generateTraffic } from '../../../../test/fixtures/generate-traffic';
import { formatWhatIf, parseRules, whatIf, type HistoryEvent } from './what-if';

const orgId = 'org-1';
const siteId = 'site-1';
const group = 'group-1';
const at = (hms: string) => `2026-11-02T${hms}.000Z`;
const ev = (type: string, data: Record<string, unknown>): HistoryEvent => ({ type, data });
const ids = { orgId, siteId };

/** A site with one agent (no cap) online since 09:00; the auto rule as given (before the period). */
function siteWithOneAgent(auto?: { enabled: boolean; afterSeconds: number }): HistoryEvent[] {
  return [
    ev('SiteCreated', {
      ...ids,
      name: 'Shop',
      url: 'https://shop.example.com',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      allowedDomains: [],
      createdAt: at('08:00:00'),
      defaultGroup: { groupId: group, name: '默认分组' },
    }),
    ev('AgentAssignedToSite', { ...ids, userId: 'agent-1', nickname: 'Lin', groupId: group, maxChats: null, assignedAt: at('08:00:01') }),
    ev('AgentStatusChanged', { userId: 'agent-1', orgId, status: 'online', previous: 'offline', reason: 'chosen', at: at('09:00:00') }),
    ...(auto ? [ev('ChatSettingsChanged', { ...ids, changes: { invitation: { auto } }, at: at('08:30:00') })] : []),
  ];
}

function visit(visitId: string, startedAt: string, endedAt: string): HistoryEvent[] {
  const v = { ...ids, visitId, visitorId: `visitor-of-${visitId}` };
  return [
    ev('VisitStarted', { ...v, startedAt: at(startedAt), region: { country: '中国', province: '江苏省', city: '南京市', isp: '电信' } }),
    ev('VisitEnded', { ...v, endedAt: at(endedAt), reason: 'closed' }),
  ];
}

/** A chat served at once by agent-1 (what the routing decider did with no cap). */
function servedChat(chatId: string, visitId: string, requestedAt: string, closedAt: string, invitationId?: string): HistoryEvent[] {
  return [
    ev('ChatRequested', {
      ...ids,
      chatId,
      visitId,
      visitorId: `visitor-of-${visitId}`,
      requestedAt: at(requestedAt),
      ...(invitationId ? { invitationId } : {}),
    }),
    ev('ChatRouted', { ...ids, chatId, agentId: 'agent-1', agentName: 'Lin', reason: 'only_eligible', considered: [], at: at(requestedAt) }),
    ev('ChatAssigned', { ...ids, chatId, agentId: 'agent-1', agentName: 'Lin', at: at(requestedAt) }),
    ev('ChatClosed', { ...ids, chatId, by: { role: 'agent', id: 'agent-1', name: 'Lin' }, reason: 'closed_by_agent', at: at(closedAt) }),
    ev('ChatReleased', { ...ids, chatId, agentId: 'agent-1', at: at(closedAt) }),
  ];
}

function ruleInvitation(visitId: string, invitationId: string, sentAt: string, answer?: { accepted: boolean; at: string; chatId?: string }): HistoryEvent[] {
  const v = { ...ids, visitId, visitorId: `visitor-of-${visitId}`, invitationId };
  return [
    ev('InvitationSent', { ...v, by: { kind: 'rule', rule: AUTO_INVITATION_RULE }, greeting: 'hi', at: at(sentAt) }),
    ...(answer?.accepted ? [ev('InvitationAccepted', { ...v, chatId: answer.chatId, at: at(answer.at) })] : []),
    ...(answer && !answer.accepted ? [ev('InvitationDeclined', { ...v, at: at(answer.at) })] : []),
  ];
}

const period = { siteId, from: at('10:00:00'), to: at('11:00:00') };

describe('K4 audit what-if: replaying a period under other rules', () => {
  // Three chats overlap on one agent with no cap: all served at once in reality.
  const busyHour = [
    ...siteWithOneAgent(),
    ...visit('v1', '09:59:00', '10:40:00'),
    ...visit('v2', '10:01:00', '10:40:00'),
    ...visit('v3', '10:03:00', '10:40:00'),
    ...servedChat('c1', 'v1', '10:00:00', '10:10:00'),
    ...servedChat('c2', 'v2', '10:02:00', '10:05:00'),
    ...servedChat('c3', 'v3', '10:04:00', '10:08:00'),
  ].sort((a, b) => timeOf(a).localeCompare(timeOf(b)));
  const busyPeriod = { ...period, from: at('09:58:00') };

  it('reproduces the recorded routing exactly under the caps in force', () => {
    const r = whatIf(busyHour, {}, busyPeriod);
    expect(r.reproduction).toEqual({ visits: 3, visitsMatched: 3, chats: 3, chatsMatched: 3, waits: 3, waitsMatched: 3 });
    expect(r.recorded).toMatchObject({ chatsRequested: 3, chatsRoutedAtOnce: 3, chatsQueued: 0, waitMeanSeconds: 0, waitP90Seconds: 0 });
    expect(r.whatIf).toEqual(r.replay);
  });

  it('a cap of 1 instead of no cap makes two chats queue: 480 s and 540 s until the agent is free', () => {
    const r = whatIf(busyHour, parseRules({ agentCaps: { 'agent-1': 1 } }), busyPeriod);
    // c1 keeps the agent until 10:10; c2 then gets them for its 3 minutes (until 10:13), then c3.
    expect(r.whatIf).toMatchObject({
      chatsRequested: 3,
      chatsRoutedAtOnce: 1,
      chatsQueued: 2,
      chatsUnrouted: 0,
      waitMeanSeconds: 340,
      waitP90Seconds: 540,
      waitMaxSeconds: 540,
    });
    expect(r.agentCaps).toEqual([{ agentId: 'agent-1', name: 'Lin', recorded: null, whatIf: 1 }]);
  });

  it('"*" caps every agent not named, and a cap of 0 leaves every chat waiting', () => {
    const r = whatIf(busyHour, parseRules({ agentCaps: { '*': 0 } }), busyPeriod);
    expect(r.whatIf).toMatchObject({ chatsRoutedAtOnce: 0, chatsQueued: 3, waitMeanSeconds: null });
  });

  // The rule invites after 10 s: three visits of 30 s, 120 s and 45 s were invited in reality.
  const invitations = [
    ...siteWithOneAgent({ enabled: true, afterSeconds: 10 }),
    ...visit('v4', '10:00:00', '10:00:30'),
    ...ruleInvitation('v4', 'i4', '10:00:10', { accepted: false, at: '10:00:15' }),
    ...visit('v5', '10:01:00', '10:03:00'),
    ...ruleInvitation('v5', 'i5', '10:01:10', { accepted: true, at: '10:01:20', chatId: 'c5' }),
    ...servedChat('c5', 'v5', '10:01:20', '10:02:30', 'i5'),
    ...visit('v6', '10:02:00', '10:02:45'),
    ...ruleInvitation('v6', 'i6', '10:02:10'),
  ].sort((a, b) => timeOf(a).localeCompare(timeOf(b)));

  it('reproduces the recorded invitations under the rule in force (10 s)', () => {
    const r = whatIf(invitations, {}, period);
    expect(r.reproduction).toMatchObject({ visits: 3, visitsMatched: 3, chats: 1, chatsMatched: 1 });
    expect(r.replay).toMatchObject({ invitationsSent: { [AUTO_INVITATION_RULE]: 3 }, invitationsAccepted: 1, invitationsDeclined: 1, chatsRequested: 1 });
    expect(r.recorded).toMatchObject({ invitationsSent: { [AUTO_INVITATION_RULE]: 3 }, invitationsAccepted: 1, invitationsDeclined: 1, chatsRequested: 1 });
  });

  it('raising the delay from 10 s to 60 s drops the invitations of the visits shorter than 60 s; the 120 s visitor still accepts', () => {
    const r = whatIf(invitations, parseRules({ invitation: { auto: { afterSeconds: 60 } } }), period);
    expect(r.rulesWhatIf).toMatchObject({ enabled: true, afterSeconds: 60 });
    expect(r.whatIf).toMatchObject({
      invitationsSent: { [AUTO_INVITATION_RULE]: 1 },
      invitationsAccepted: 1,
      invitationsDeclined: 0,
      chatsRequested: 1,
      chatsRoutedAtOnce: 1,
    });
  });

  it('a visitor whose recorded invitation was too far from the simulated one does not answer it (tolerance)', () => {
    const r = whatIf(invitations, parseRules({ invitation: { auto: { afterSeconds: 60 } } }), { ...period, answerToleranceSeconds: 30 });
    expect(r.whatIf).toMatchObject({ invitationsSent: { [AUTO_INVITATION_RULE]: 1 }, invitationsAccepted: 0, chatsRequested: 0 });
  });

  it('switching the rule off loses the chat that followed an invitation', () => {
    const r = whatIf(invitations, parseRules({ invitation: { auto: { enabled: false } } }), period);
    expect(r.whatIf).toMatchObject({ invitationsSent: {}, invitationsAccepted: 0, chatsRequested: 0 });
  });

  it('prints a comparison table and the assumptions', () => {
    const text = formatWhatIf(whatIf(invitations, parseRules({ invitation: { auto: { afterSeconds: 60 } } }), period));
    expect(text).toContain('rules in force: auto invite after 10 s');
    expect(text).toContain('what-if rules:  auto invite after 60 s');
    expect(text).toMatch(/invitations sent \(auto_after_seconds\)\s+3\s+3\s+1/);
    expect(text).toMatch(/rule invitations per visit 3\/3 \(100%\)/);
    expect(text).toContain('assumptions:');
  });

  it('refuses bad rules files and periods with a clear message', () => {
    expect(() => parseRules([])).toThrow('JSON object');
    expect(() => parseRules({ caps: {} })).toThrow('unknown field(s): caps');
    expect(() => parseRules({ invitation: { auto: { afterSeconds: -1 } } })).toThrow('afterSeconds');
    expect(() => parseRules({ agentCaps: { 'agent-1': 1.5 } })).toThrow('agentCaps.agent-1');
    expect(() => whatIf(invitations, {}, { ...period, from: period.to })).toThrow('--from must be before --to');
    expect(() => whatIf(invitations, {}, { ...period, from: 'yesterday' })).toThrow('ISO instants');
    expect(() => whatIf(invitations, {}, { ...period, siteId: 'other' })).toThrow('no events of site other');
  });
});

function timeOf(e: HistoryEvent): string {
  const d = e.data as Record<string, string>;
  return d['at'] ?? d['startedAt'] ?? d['endedAt'] ?? d['requestedAt'] ?? d['createdAt'] ?? d['assignedAt'] ?? '';
}

describe('K4 audit what-if on a generated realistic history', () => {
  const generated = (): HistoryEvent[] => {
    const out: HistoryEvent[] = [];
    const traffic = generateTraffic({ seed: 11, days: 1, sites: 1, agentsPerSite: 3, visitsPerDay: 300 });
    for (let n = traffic.next(); !n.done; n = traffic.next()) out.push({ type: n.value.event.type, data: n.value.event.data });
    return out;
  };
  const events = generated();
  const siteOf = (events.find((e) => e.type === 'SiteCreated')!.data as { siteId: string }).siteId;
  const day = { siteId: siteOf, from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };

  it('is deterministic, keeps every visit, and a cap of 1 for everyone makes some chats queue and wait', () => {
    const loose = whatIf(events, {}, day);
    expect(whatIf(events, {}, day)).toEqual(loose);
    expect(loose.replay.visits).toBe(loose.recorded.visits);
    expect(loose.recorded.visits).toBeGreaterThan(100);
    const tight = whatIf(events, parseRules({ agentCaps: { '*': 1 } }), day);
    expect(loose.replay.chatsQueued).toBe(0);
    expect(tight.whatIf.chatsQueued).toBeGreaterThan(0);
    expect(tight.whatIf.waitMaxSeconds).toBeGreaterThan(0);
    expect(tight.whatIf.chatsRequested).toBe(loose.replay.chatsRequested);
  });
});

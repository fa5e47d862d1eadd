import { given } from '../testing/given';
import { agentsOfferedToVisitors, DEFAULT_GROUP_NAME, site, type SiteCommand, type SiteEvent } from './site';

const NOW = '2024-05-01T08:00:00.000Z';
const DEFAULT_GROUP = 'group-default';
const ORG = 'org-1';
const SITE = 'site-1';

const created: SiteEvent = {
  type: 'SiteCreated',
  data: {
    orgId: ORG,
    siteId: SITE,
    name: 'Example Shop',
    url: 'https://www.example.com/',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    allowedDomains: ['www.example.com'],
    createdAt: NOW,
    defaultGroup: { groupId: DEFAULT_GROUP, name: DEFAULT_GROUP_NAME },
  },
};
const deleted: SiteEvent = { type: 'SiteDeleted', data: { orgId: ORG, siteId: SITE, at: NOW } };
const groupAdded = (groupId: string, name: string, order: number): SiteEvent => ({
  type: 'GroupAdded',
  data: { orgId: ORG, siteId: SITE, groupId, name, order, at: NOW },
});
const assigned = (userId: string, over: Partial<Extract<SiteEvent, { type: 'AgentAssignedToSite' }>['data']> = {}): SiteEvent => ({
  type: 'AgentAssignedToSite',
  data: {
    orgId: ORG,
    siteId: SITE,
    userId,
    nickname: userId,
    assignedAt: NOW,
    jobNumber: '',
    email: '',
    phone: '',
    groupId: DEFAULT_GROUP,
    distribution: 'auto',
    regions: [],
    order: 0,
    maxChats: null,
    ...over,
  },
});
const settings = (changes: Extract<SiteCommand, { type: 'ChangeSiteSettings' }>['changes'], orgId = ORG): SiteCommand => ({
  type: 'ChangeSiteSettings',
  orgId,
  changes,
  now: NOW,
});
const settingsChanged = (changes: Extract<SiteEvent, { type: 'SiteSettingsChanged' }>['data']['changes']): SiteEvent => ({
  type: 'SiteSettingsChanged',
  data: { orgId: ORG, siteId: SITE, changes, at: NOW },
});

describe('site decider: the default group (D2)', () => {
  it('creates every site with a default group named 默认分组', () =>
    given(site)
      .when({ type: 'CreateSite', orgId: ORG, siteId: SITE, name: 'Example Shop', url: 'https://www.example.com/', defaultGroupId: DEFAULT_GROUP, now: NOW })
      .then([created]));

  it('puts an agent assigned without a group into the default group', () =>
    given(site, created)
      .when({ type: 'AssignAgent', orgId: ORG, userId: 'u1', userOrgId: ORG, nickname: 'u1', now: NOW })
      .then([assigned('u1')]));
});

describe('site decider: settings (D1 rename, URL, language, time zone, allowed domains; G3 language; G4 custom title)', () => {
  it('records a rename, a new URL, a language and a time zone as one settings change', () =>
    given(site, created)
      .when(settings({ name: ' New Shop ', url: 'https://shop.example.com/', language: 'zh-TW', timeZone: 'Asia/Taipei' }))
      .then([settingsChanged({ name: 'New Shop', url: 'https://shop.example.com/', language: 'zh-TW', timeZone: 'Asia/Taipei' })]));

  it('records only the settings that differ, and nothing when none do', () => {
    given(site, created)
      .when(settings({ name: 'Example Shop', language: 'en' }))
      .then([settingsChanged({ language: 'en' })]);
    given(site, created)
      .when(settings({ name: 'Example Shop', allowedDomains: ['WWW.example.com'] }))
      .then([]);
  });

  it('normalises a new list of allowed domains and refuses an empty one (the widget would run nowhere)', () => {
    given(site, created)
      .when(settings({ allowedDomains: ['Example.com', '*.example.com', 'shop.example.org'] }))
      .then([settingsChanged({ allowedDomains: ['example.com', 'shop.example.org'] })]);
    given(site, created)
      .when(settings({ allowedDomains: [] }))
      .thenThrows('INVALID', 'at least one allowed domain');
    given(site, created)
      .when(settings({ allowedDomains: ['https://evil.net/x'] }))
      .thenThrows('INVALID', 'not a host name');
  });

  it('G4: accepts a custom title of 20 characters (Chinese counts one each) and refuses 21', () => {
    given(site, created)
      .when(settings({ customTitle: '客'.repeat(20) }))
      .then([settingsChanged({ customTitle: '客'.repeat(20) })]);
    given(site, created)
      .when(settings({ customTitle: 'x'.repeat(21) }))
      .thenThrows('INVALID', 'at most 20');
  });

  it("G4: an empty custom title brings back the product's name", () =>
    given(site, created, settingsChanged({ customTitle: '小店客服' }))
      .when(settings({ customTitle: '' }))
      .then([settingsChanged({ customTitle: '' })]));

  it('refuses a language, a time zone or a URL that is not one', () => {
    given(site, created)
      .when(settings({ language: 'fr' as never }))
      .thenThrows('INVALID', 'zh-CN, zh-TW, en');
    given(site, created)
      .when(settings({ timeZone: 'Mars/Base' }))
      .thenThrows('INVALID', 'unknown time zone');
    given(site, created)
      .when(settings({ url: 'javascript:alert(1)' }))
      .thenThrows('INVALID', 'http:// or https://');
  });

  it('refuses a request that changes nothing at all', () => given(site, created).when(settings({})).thenThrows('INVALID', 'nothing to change'));

  it("another organisation's site answers NOT_FOUND, never a change", () =>
    given(site, created)
      .when(settings({ name: 'Hijacked' }, 'org-2'))
      .thenThrows('NOT_FOUND', 'no such site'));

  it('the state carries the new settings', () => {
    const s = given(site, created, settingsChanged({ timeZone: 'Europe/Paris', customTitle: '小店' })).state;
    expect([s.timeZone, s.customTitle, s.name]).toEqual(['Europe/Paris', '小店', 'Example Shop']);
  });
});

describe('site decider: soft delete (D1 history stays readable)', () => {
  it('deletes a site softly', () => given(site, created).when({ type: 'DeleteSite', orgId: ORG, now: NOW }).then([deleted]));

  it('answers a second delete with nothing new', () => given(site, created, deleted).when({ type: 'DeleteSite', orgId: ORG, now: NOW }).then([]));

  it('refuses every change to a deleted site as if it did not exist', () => {
    given(site, created, deleted)
      .when(settings({ name: 'x' }))
      .thenThrows('NOT_FOUND', 'no such site');
    given(site, created, deleted)
      .when({ type: 'AssignAgent', orgId: ORG, userId: 'u1', userOrgId: ORG, nickname: 'n', now: NOW })
      .thenThrows('NOT_FOUND', 'no such site');
  });

  it("cannot delete another organisation's site", () => given(site, created).when({ type: 'DeleteSite', orgId: 'org-2', now: NOW }).thenThrows('NOT_FOUND'));

  it('a deleted site offers no agent to visitors', () => expect(agentsOfferedToVisitors(given(site, created, assigned('u1'), deleted).state)).toEqual([]));
});

describe('site decider: groups (D2 add, rename, reorder, delete)', () => {
  it('adds a group after the existing ones', () =>
    given(site, created)
      .when({ type: 'AddGroup', orgId: ORG, groupId: 'g-sales', name: ' 售前 ', now: NOW })
      .then([groupAdded('g-sales', '售前', 1)]));

  it('refuses a second group with the same name and an empty or too long name', () => {
    given(site, created, groupAdded('g-sales', '售前', 1))
      .when({ type: 'AddGroup', orgId: ORG, groupId: 'g-2', name: '售前', now: NOW })
      .thenThrows('CONFLICT', 'already exists');
    given(site, created).when({ type: 'AddGroup', orgId: ORG, groupId: 'g-2', name: ' ', now: NOW }).thenThrows('INVALID', 'group name must not be empty');
    given(site, created)
      .when({ type: 'AddGroup', orgId: ORG, groupId: 'g-2', name: 'g'.repeat(33), now: NOW })
      .thenThrows('INVALID', 'at most 32');
  });

  it('answers a retried add (same id, same name) with nothing new', () =>
    given(site, created, groupAdded('g-sales', '售前', 1))
      .when({ type: 'AddGroup', orgId: ORG, groupId: 'g-sales', name: '售前', now: NOW })
      .then([]));

  it('renames a group, also the default one', () =>
    given(site, created)
      .when({ type: 'RenameGroup', orgId: ORG, groupId: DEFAULT_GROUP, name: '客服部', now: NOW })
      .then([{ type: 'GroupRenamed', data: { orgId: ORG, siteId: SITE, groupId: DEFAULT_GROUP, name: '客服部', at: NOW } }]));

  it('answers an unknown group with NOT_FOUND', () =>
    given(site, created).when({ type: 'RenameGroup', orgId: ORG, groupId: 'g-x', name: 'x', now: NOW }).thenThrows('NOT_FOUND', 'no such group'));

  it('moves groups up and down by naming every group in the new order', () => {
    const reorder = (groupIds: string[]): SiteCommand => ({ type: 'ReorderGroups', orgId: ORG, groupIds, now: NOW });
    const withSales = given(site, created, groupAdded('g-sales', '售前', 1));
    withSales
      .when(reorder(['g-sales', DEFAULT_GROUP]))
      .then([{ type: 'GroupsReordered', data: { orgId: ORG, siteId: SITE, groupIds: ['g-sales', DEFAULT_GROUP], at: NOW } }]);
    withSales.when(reorder([DEFAULT_GROUP, 'g-sales'])).then([]);
    withSales.when(reorder(['g-sales'])).thenThrows('CONFLICT', 'every group');
    withSales.when(reorder(['g-sales', 'g-sales'])).thenThrows('CONFLICT', 'every group');
  });

  it('deletes a group; its agents are left without a group and are no longer offered to visitors', () => {
    const past = [created, groupAdded('g-sales', '售前', 1), assigned('u1', { groupId: 'g-sales' }), assigned('u2', { order: 1 })];
    given(site, ...past)
      .when({ type: 'DeleteGroup', orgId: ORG, groupId: 'g-sales', now: NOW })
      .then([{ type: 'GroupDeleted', data: { orgId: ORG, siteId: SITE, groupId: 'g-sales', ungroupedAgents: ['u1'], at: NOW } }]);
    const after = given(site, ...past, {
      type: 'GroupDeleted',
      data: { orgId: ORG, siteId: SITE, groupId: 'g-sales', ungroupedAgents: ['u1'], at: NOW },
    }).state;
    expect(after.agents['u1']?.groupId).toBe('');
    expect(agentsOfferedToVisitors(after)).toEqual(['u2']);
  });

  it('refuses to delete the default group', () =>
    given(site, created).when({ type: 'DeleteGroup', orgId: ORG, groupId: DEFAULT_GROUP, now: NOW }).thenThrows('RULE_VIOLATED', 'default group'));
});

describe('site decider: agents (D3 details, order, unassign; D4 per-agent cap)', () => {
  const assign = (over: Partial<Extract<SiteCommand, { type: 'AssignAgent' }>> = {}): SiteCommand => ({
    type: 'AssignAgent',
    orgId: ORG,
    userId: 'u1',
    userOrgId: ORG,
    nickname: 'Lily',
    now: NOW,
    ...over,
  });
  const update = (changes: Extract<SiteCommand, { type: 'UpdateAgent' }>['changes'], userId = 'u1'): SiteCommand => ({
    type: 'UpdateAgent',
    orgId: ORG,
    userId,
    changes,
    now: NOW,
  });

  it('assigns with job number, contact fields, group, regional distribution and a chat cap', () =>
    given(site, created, groupAdded('g-east', '华东', 1))
      .when(
        assign({
          jobNumber: 'A-007',
          email: 'Lily@Example.com',
          phone: '+86 21 1234 5678',
          groupId: 'g-east',
          distribution: 'regional',
          regions: ['江苏省', '南京市', '江苏省'],
          maxChats: 5,
        }),
      )
      .then([
        assigned('u1', {
          nickname: 'Lily',
          jobNumber: 'A-007',
          email: 'lily@example.com',
          phone: '+86 21 1234 5678',
          groupId: 'g-east',
          distribution: 'regional',
          regions: ['江苏省', '南京市'],
          maxChats: 5,
        }),
      ]));

  it('requires at least one region for regional distribution', () =>
    given(site, created)
      .when(assign({ distribution: 'regional', regions: [] }))
      .thenThrows('INVALID', 'at least one region'));

  it('refuses a group of another site, a bad e-mail, a bad phone and a cap out of range', () => {
    given(site, created)
      .when(assign({ groupId: 'g-elsewhere' }))
      .thenThrows('NOT_FOUND', 'no such group');
    given(site, created)
      .when(assign({ email: 'not-an-email' }))
      .thenThrows('INVALID', 'e-mail');
    given(site, created)
      .when(assign({ phone: '<script>' }))
      .thenThrows('INVALID', 'phone');
    given(site, created)
      .when(assign({ maxChats: 0 }))
      .thenThrows('INVALID', 'maxChats');
    given(site, created)
      .when(assign({ maxChats: 2.5 }))
      .thenThrows('INVALID', 'maxChats');
  });

  it('may assign an agent to no group: kept, but not offered to visitors', () => {
    given(site, created)
      .when(assign({ groupId: '' }))
      .then([assigned('u1', { nickname: 'Lily', groupId: '' })]);
    expect(agentsOfferedToVisitors(given(site, created, assigned('u1', { groupId: '' })).state)).toEqual([]);
  });

  it('updates only the fields that change', () =>
    given(site, created, assigned('u1'))
      .when(update({ nickname: 'u1', jobNumber: 'B-1', maxChats: null }))
      .then([{ type: 'SiteAgentUpdated', data: { orgId: ORG, siteId: SITE, userId: 'u1', changes: { jobNumber: 'B-1' }, at: NOW } }]));

  it('refuses switching to regional distribution without regions, and updating an agent not on the site', () => {
    given(site, created, assigned('u1'))
      .when(update({ distribution: 'regional' }))
      .thenThrows('INVALID', 'at least one region');
    given(site, created)
      .when(update({ nickname: 'x' }))
      .thenThrows('NOT_FOUND', 'no such agent');
  });

  it('reorders agents by naming every agent in the new order; visitors are offered them in that order', () => {
    const past = [created, assigned('u1'), assigned('u2', { order: 1 })];
    given(site, ...past)
      .when({ type: 'ReorderAgents', orgId: ORG, userIds: ['u2', 'u1'], now: NOW })
      .then([{ type: 'SiteAgentsReordered', data: { orgId: ORG, siteId: SITE, userIds: ['u2', 'u1'], at: NOW } }]);
    given(site, ...past)
      .when({ type: 'ReorderAgents', orgId: ORG, userIds: ['u2'], now: NOW })
      .thenThrows('CONFLICT');
    const reordered = given(site, ...past, { type: 'SiteAgentsReordered', data: { orgId: ORG, siteId: SITE, userIds: ['u2', 'u1'], at: NOW } }).state;
    expect(agentsOfferedToVisitors(reordered)).toEqual(['u2', 'u1']);
  });

  it('unassigns an agent, who is then no longer offered; a second unassign answers NOT_FOUND', () => {
    const unassigned: SiteEvent = { type: 'AgentUnassignedFromSite', data: { orgId: ORG, siteId: SITE, userId: 'u1', at: NOW } };
    given(site, created, assigned('u1')).when({ type: 'UnassignAgent', orgId: ORG, userId: 'u1', now: NOW }).then([unassigned]);
    given(site, created, assigned('u1'), unassigned)
      .when({ type: 'UnassignAgent', orgId: ORG, userId: 'u1', now: NOW })
      .thenThrows('NOT_FOUND', 'no such agent');
    expect(agentsOfferedToVisitors(given(site, created, assigned('u1'), unassigned).state)).toEqual([]);
  });

  it('keeps the agreed shape routing reads (nickname, job number, contacts, group, distribution, regions, order, cap)', () =>
    expect(given(site, created, assigned('u1', { maxChats: 3 })).state.agents['u1']).toEqual({
      nickname: 'u1',
      jobNumber: '',
      email: '',
      phone: '',
      groupId: DEFAULT_GROUP,
      distribution: 'auto',
      regions: [],
      order: 0,
      maxChats: 3,
    }));

  it('reads first-slice assignments (nickname only) with defaults', () => {
    const legacy: SiteEvent = { type: 'AgentAssignedToSite', data: { orgId: ORG, siteId: SITE, userId: 'u9', nickname: 'Old', assignedAt: NOW } };
    expect(given(site, created, legacy).state.agents['u9']).toMatchObject({ nickname: 'Old', groupId: DEFAULT_GROUP, distribution: 'auto', maxChats: null });
  });
});

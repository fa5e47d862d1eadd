// Test data for the admin console specs.
import type { ChatRecordView, EmployeeView, OrganisationView, SessionView, SiteDetailView, SiteView } from '@kefu/contracts';

export const ownerSession: SessionView = {
  token: 'owner-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  user: { userId: 'u-owner', orgId: 'o1', email: 'owner@shop.test', name: 'Owner', roles: ['owner', 'admin', 'agent'] },
};

export const site = (extra: Partial<SiteView> = {}): SiteView => ({
  siteId: 's1',
  orgId: 'o1',
  name: '演示商城',
  url: 'https://shop.test',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  allowedDomains: [],
  agents: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  snippet: '<script async src="https://kefu.test/loader.js" data-site="s1"></script>',
  ...extra,
});

export const record = (): ChatRecordView => ({
  chatId: 'c1',
  siteId: 's1',
  orgId: 'o1',
  visitorId: 'v1',
  visitId: 'visit-1',
  visitorName: '#5DC3E9',
  status: 'closed',
  agent: { id: 'u-owner', name: '小王' },
  requestedAt: '2026-01-01T10:00:00.000Z',
  closedAt: '2026-01-01T10:10:00.000Z',
  page: { url: 'https://shop.test/p/1', title: 'Product 1' },
  messageCount: 2,
  transcript: [
    {
      kind: 'message',
      id: 'm1',
      chatId: 'c1',
      position: 5,
      at: '2026-01-01T10:01:00.000Z',
      from: { role: 'visitor', id: 'v1', name: '#5DC3E9' },
      text: '<img src=x onerror="window.pwned=1">多少钱？',
    },
    {
      kind: 'message',
      id: 'm2',
      chatId: 'c1',
      position: 6,
      at: '2026-01-01T10:02:00.000Z',
      from: { role: 'agent', id: 'u-owner', name: '小王' },
      text: '99 元',
    },
    { kind: 'system', what: 'closed', id: 'e3', chatId: 'c1', position: 7, at: '2026-01-01T10:10:00.000Z' },
  ],
  visit: {
    visitId: 'visit-1',
    startedAt: '2026-01-01T09:58:00.000Z',
    entryUrl: 'https://shop.test/',
    entryTitle: 'Home',
    referrer: 'https://www.baidu.com/s?wd=shop',
    userAgent: 'Mozilla/5.0',
    ip: '114.114.114.114',
  },
});

export const DEFAULT_GROUP = '00000000-0000-4000-8000-0000000000d1';
export const SALES_GROUP = '00000000-0000-4000-8000-0000000000d2';
export const AGENT_ID = '00000000-0000-4000-8000-00000000a9e1';

/** The SiteDetailView the issue-4 endpoints answer: a default group and one more. */
export const siteDetail = (extra: Partial<SiteDetailView> = {}): SiteDetailView => ({
  ...site(),
  allowedDomains: ['shop.test'],
  groups: [
    { groupId: DEFAULT_GROUP, name: '默认分组', order: 0, isDefault: true, agentCount: 0 },
    { groupId: SALES_GROUP, name: '售前', order: 1, isDefault: false, agentCount: 0 },
  ],
  agents: [],
  customTitle: '',
  install: {},
  ...extra,
});

export const employee = (extra: Partial<EmployeeView> = {}): EmployeeView => ({
  userId: AGENT_ID,
  orgId: 'o1',
  email: 'li@shop.test',
  phone: '',
  name: '小李',
  roles: ['agent'],
  active: true,
  registeredAt: '2026-01-02T00:00:00.000Z',
  isFounder: false,
  ...extra,
});

export const organisation = (extra: Partial<OrganisationView> = {}): OrganisationView => ({
  orgId: 'o1',
  name: '演示商城',
  website: 'https://shop.test',
  ownerUserId: 'u-owner',
  registeredAt: '2026-01-01T00:00:00.000Z',
  seats: { limit: null, inUse: 1, holders: [{ userId: 'u-owner', name: 'Owner', since: '2026-01-01T09:00:00.000Z' }] },
  ...extra,
});

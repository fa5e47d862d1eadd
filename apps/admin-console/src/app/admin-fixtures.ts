// Test data for the admin console specs.
import type { ChatRecordView, SessionView, SiteView } from '@kefu/contracts';

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

// Test data for the desk and workspace specs.
import type { ChatEventView, ChatSummaryView, LiveVisitView } from '@kefu/contracts';

export const summary = (chatId: string, extra: Partial<ChatSummaryView> = {}): ChatSummaryView => ({
  chatId,
  siteId: 's1',
  visitorId: `v-${chatId}`,
  visitId: `visit-${chatId}`,
  visitorName: `Visitor ${chatId}`,
  status: 'active',
  agent: { id: 'u-agent', name: 'Ann' },
  requestedAt: '2026-01-01T10:00:00.000Z',
  page: { url: 'https://shop.test/p', title: 'Product' },
  ...extra,
});

export const visitorSays = (chatId: string, id: string, position: number, text = id): ChatEventView => ({
  kind: 'message',
  id,
  chatId,
  position,
  at: '2026-01-01T10:01:00.000Z',
  from: { role: 'visitor', id: `v-${chatId}`, name: 'Visitor' },
  text,
});

export const liveVisit = (visitId: string, extra: Partial<LiveVisitView> = {}): LiveVisitView => ({
  visitId,
  visitorId: `visitor-${visitId}`,
  orgId: 'o1',
  siteId: 's1',
  // Empty: the board falls back to the site list (GET /api/sites) the specs answer.
  siteName: '',
  visitorName: `访客 ${visitId}`,
  kind: 'new',
  startedAt: new Date(Date.now() - 95_000).toISOString(),
  lastSeenAt: new Date().toISOString(),
  online: true,
  currentPage: { url: 'https://shop.test/p/1', title: '商品一', since: new Date().toISOString() },
  trail: [
    { url: 'https://shop.test/', title: '首页', at: '2026-01-01T10:00:00.000Z' },
    { url: 'https://shop.test/p/1', title: '商品一', at: '2026-01-01T10:01:00.000Z' },
  ],
  pages: 2,
  referrer: 'https://www.baidu.com/s?wd=%E8%BF%9E%E8%A1%A3%E8%A3%99',
  region: { country: '中国', province: '江苏省', city: '南京市', isp: '电信' },
  source: { kind: 'search', host: 'www.baidu.com', engine: 'baidu', keyword: '连衣裙' },
  device: { type: 'mobile', os: 'iOS 17', browser: 'Safari' },
  chatState: 'browsing',
  invitationsSent: 0,
  invitationsDeclined: 0,
  ...extra,
});

// Test data for the desk and workspace specs.
import type { ChatEventView, ChatSummaryView } from '@kefu/contracts';

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

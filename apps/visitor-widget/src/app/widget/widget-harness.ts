// Test harness shared by the widget's specs: the real App with a fake server (socket + fetch).
import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { ChatEventView, ChatSummaryView, PageViewRequest, VisitorSessionResponse, WidgetSettingsView } from '@kefu/contracts';
import { FETCH, SOCKET_CONNECTOR } from '@kefu/ui';
import { FakeFetch, type FakeSocket, FakeSocketConnector, provideTestI18n, settle } from '@kefu/ui/testing';
import { App } from '../app';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { type HostPage, HOST_PAGE, PARENT_WINDOW } from '../visitor/host-page';

export const widgetSettings = (extra: Partial<WidgetSettingsView> = {}): WidgetSettingsView => ({
  siteId: 's1',
  typingPreview: false,
  ratingEnabled: true,
  greeting: '',
  agentsAvailable: true,
  ...extra,
});

export const chatSummary = (chatId: string, extra: Partial<ChatSummaryView> = {}): ChatSummaryView => ({
  chatId,
  siteId: 's1',
  visitorId: 'visitor-1',
  visitId: 'visit-1',
  visitorName: 'Visitor 1',
  status: 'active',
  agent: { id: 'a1', name: 'Bob' },
  requestedAt: '2026-01-01T10:00:00.000Z',
  page: { url: 'https://shop.test/p', title: 'Product' },
  ...extra,
});

export const closedEvent = (chatId: string, position: number): ChatEventView => ({
  kind: 'system',
  what: 'closed',
  id: `close-${chatId}`,
  chatId,
  position,
  at: '2026-01-01T10:05:00.000Z',
  by: { role: 'agent', id: 'a1', name: 'Bob' },
});

export interface WidgetUnderTest {
  fixture: ComponentFixture<App>;
  socket: FakeSocket;
  parent: { postMessage: jest.Mock };
  el(testId: string): HTMLElement | null;
  all(testId: string): HTMLElement[];
  render(): Promise<void>;
  type(testId: string, value: string): Promise<void>;
  click(testId: string): Promise<void>;
}

export async function bootWidget(
  options: { settings?: WidgetSettingsView; page?: Partial<HostPage>; language?: 'zh-CN' | 'en' } = {},
): Promise<WidgetUnderTest> {
  const session: VisitorSessionResponse = {
    token: 'visitor-token',
    visitorId: 'visitor-1',
    returning: false,
    site: { siteId: 's1', name: 'Shop', language: options.language ?? 'zh-CN' },
  };
  const fetch = new FakeFetch().on('POST /api/visitor/session', { status: 200, body: session });
  const connector = new FakeSocketConnector();
  const parent = { postMessage: jest.fn() };
  const page: HostPage = { siteId: 's1', url: 'https://shop.test/p', title: 'Product', referrer: '', standalone: false, ...options.page };
  TestBed.configureTestingModule({
    providers: [
      provideTestI18n({ 'zh-CN': zhCN, en }),
      { provide: FETCH, useValue: fetch.fetch },
      { provide: SOCKET_CONNECTOR, useValue: connector },
      { provide: PARENT_WINDOW, useValue: parent },
      { provide: HOST_PAGE, useValue: page },
    ],
  });
  const fixture = TestBed.createComponent(App);
  const render = async (): Promise<void> => {
    await settle(10);
    await fixture.whenStable();
  };
  await render();
  const socket = connector.socket;
  socket.respond<PageViewRequest>('visit:page', (req) => ({ ok: true, data: { position: 1, visitId: req.visitId } }));
  socket.respond('widget:settings', () => ({ ok: true, data: options.settings ?? widgetSettings() }));
  socket.respond('chat:mine', () => ({ ok: true, data: { chats: [] } }));
  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const widget: WidgetUnderTest = {
    fixture,
    socket,
    parent,
    el,
    all: (testId) => [...fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)] as HTMLElement[],
    render,
    type: async (testId, value) => {
      const field = el(testId) as HTMLInputElement | HTMLTextAreaElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
      await render();
    },
    click: async (testId) => {
      el(testId)?.click();
      await render();
    },
  };
  return widget;
}

import type { ChangeChatSettingsRequest, ChatSettingsView } from '@kefu/contracts';
import { FakeFetch, windowSettings } from '@kefu/ui/testing';
import { siteDetail } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

/** What the server answers for a site nobody configured yet (libs/domain DEFAULT_CHAT_SETTINGS). */
function settings(extra: Partial<ChatSettingsView> = {}): ChatSettingsView {
  return {
    siteId: 's1',
    invitation: {
      auto: { enabled: false, afterSeconds: 30, maxRefusals: 3, waitAfterRefusalSeconds: 300 },
      manualMaxPerVisitor: 3,
      greeting: '您好，请问有什么可以帮您？',
    },
    typingPreview: true,
    rating: { enabled: true, alertBelow: 3, alertRecipients: [] },
    chatRequestLimit: null,
    leaveMessage: { forwardTo: [] },
    categories: ['售后'],
    cannedResponses: [{ shortcut: 'hi', text: '您好，请问有什么可以帮您？' }],
    windows: windowSettings(),
    ...extra,
  };
}

describe('conversation settings of a site (F2 invitations, C3 invitation window, C5 direct chat window, B4, I7, C6)', () => {
  let fetch: FakeFetch;
  let page: ConsolePage;
  const input = (testId: string) => page.el(testId) as HTMLInputElement;

  async function open(view = settings()): Promise<void> {
    fetch = new FakeFetch()
      .on('GET /api/sites', { status: 200, body: [siteDetail()] })
      .on('GET /api/sites/s1', { status: 200, body: siteDetail() })
      .on('GET /api/sites/s1/chat-settings', { status: 200, body: view });
    page = await ConsolePage.open('/sites/s1/conversation', fetch);
    await page.render();
  }

  it('shows what the server holds, under its own tab', async () => {
    await open(settings({ chatRequestLimit: { max: 5, windowSeconds: 600 }, leaveMessage: { forwardTo: ['a@shop.test', 'b@shop.test'] } }));
    expect(page.el('site-tab-conversation')?.textContent).toContain('对话设置');
    expect(input('conv-after-seconds').value).toBe('30');
    expect(input('conv-greeting').value).toBe('您好，请问有什么可以帮您？');
    expect((page.el('conv-invitation-position') as HTMLSelectElement).value).toBe('center');
    expect((page.el('conv-invitation-position') as HTMLSelectElement).selectedOptions[0]?.textContent).toContain('页面正中');
    expect(input('conv-invitation-floating').checked).toBe(true);
    expect(input('conv-direct-width').value).toBe('380');
    expect(input('conv-limit-custom').checked).toBe(true);
    expect(input('conv-limit-max').value).toBe('5');
    expect((page.el('conv-forward-to') as HTMLTextAreaElement).value).toBe('a@shop.test\nb@shop.test');
  });

  it('saves the invitation rules and both windows as the admin set them', async () => {
    await open();
    fetch.on('PUT /api/sites/s1/chat-settings', (req) => ({ status: 200, body: settings({ windows: (req.body as ChatSettingsView).windows }) }));
    input('conv-auto-enabled').click();
    await page.fill('conv-after-seconds', '60');
    await page.select('conv-invitation-position', 'top-right');
    await page.select('conv-invitation-theme', 'green');
    input('conv-invitation-floating').click();
    input('conv-invitation-title').click();
    await page.fill('conv-invitation-image', 'https://cdn.shop.test/invite.png');
    await page.fill('conv-accept-text', ' 马上咨询 ');
    await page.fill('conv-decline-width', '0');
    await page.fill('conv-accept-image', 'https://cdn.shop.test/accept.png');
    await page.fill('conv-direct-width', '520');
    await page.select('conv-direct-position', 'center');
    await page.fill('conv-forward-to', 'Boss@shop.test, ops@shop.test');
    await page.click('conv-save');

    const sent = fetch.requestsTo('PUT /api/sites/s1/chat-settings')[0]?.body as ChangeChatSettingsRequest;
    expect(sent.invitation).toEqual({
      auto: { enabled: true, afterSeconds: 60, maxRefusals: 3, waitAfterRefusalSeconds: 300 },
      manualMaxPerVisitor: 3,
      greeting: '您好，请问有什么可以帮您？',
    });
    expect(sent.windows).toEqual({
      invitation: {
        position: 'top-right',
        floating: false,
        theme: 'green',
        imageUrl: 'https://cdn.shop.test/invite.png',
        showTitle: false,
        showGreeting: true,
        accept: { text: '马上咨询', width: 120, height: 36, imageUrl: 'https://cdn.shop.test/accept.png' },
        decline: { text: '', width: 0, height: 36, imageUrl: '' },
      },
      directChat: { width: 520, height: 560, position: 'center' },
    });
    expect(sent.leaveMessage).toEqual({ forwardTo: ['Boss@shop.test', 'ops@shop.test'] });
    expect(sent.chatRequestLimit).toBeNull();
    expect(sent).not.toHaveProperty('categories');
    expect(page.el('conv-saved')).not.toBeNull();
    expect((page.el('conv-invitation-position') as HTMLSelectElement).value).toBe('top-right');
  });

  it('says what is wrong before asking the server: sizes, addresses, pictures', async () => {
    await open();
    await page.fill('conv-accept-width', '10');
    await page.fill('conv-direct-height', '5000');
    await page.fill('conv-alert-recipients', 'not an address');
    await page.fill('conv-invitation-image', 'javascript:alert(1)');
    await page.click('conv-save');
    expect(fetch.requestsTo('PUT /api/sites/s1/chat-settings')).toHaveLength(0);
    const errors = page.root.querySelectorAll('.kefu-field__error');
    const text = [...errors].map((e) => e.textContent?.trim());
    expect(text).toContain('请输入 0（隐藏按钮）或 40 到 400 之间的整数');
    expect(text).toContain('请输入 360 到 900 之间的整数');
    expect(text).toContain('请输入有效的邮箱地址');
    expect(text).toContain('请输入以 http:// 或 https:// 开头的网址');
  });

  it('H1: edits the canned responses and saves the list in its new order; says a duplicate shortcut first', async () => {
    await open();
    const texts = () => page.all('canned-text').map((t) => (t as HTMLTextAreaElement).value);
    expect(texts()).toEqual(['您好，请问有什么可以帮您？']);
    fetch.on('PUT /api/sites/s1/chat-settings', (req) => ({ status: 200, body: settings(req.body as Partial<ChatSettingsView>) }));
    await page.click('canned-add');
    const rows = page.all('canned-row');
    await page.fill('canned-shortcut', 'HI', rows[1]);
    await page.fill('canned-text', ' 稍等，我查一下。 ', rows[1]);
    await page.click('canned-save');
    expect(page.el('canned-problem')?.textContent).toContain('第 2 条：快捷词“HI”重复了');
    expect(fetch.requestsTo('PUT /api/sites/s1/chat-settings')).toHaveLength(0);

    await page.fill('canned-shortcut', '/wait', rows[1]);
    await page.click('canned-up', rows[1]);
    await page.click('canned-save');
    expect(fetch.requestsTo('PUT /api/sites/s1/chat-settings').map((r) => r.body)).toEqual([
      {
        cannedResponses: [
          { shortcut: 'wait', text: '稍等，我查一下。' },
          { shortcut: 'hi', text: '您好，请问有什么可以帮您？' },
        ],
      },
    ]);
    expect(texts()).toEqual(['稍等，我查一下。', '您好，请问有什么可以帮您？']);
    expect(page.el('canned-saved')).not.toBeNull();
  });

  it("shows the server's refusal and keeps the form", async () => {
    await open();
    fetch.on('PUT /api/sites/s1/chat-settings', {
      status: 400,
      body: { code: 'INVALID', message: 'windows.invitation.imageUrl must be an http or https address' },
    });
    await page.fill('conv-invitation-image', 'https://x.test/' + 'a'.repeat(10));
    await page.click('conv-save');
    expect(page.root.textContent).toContain('windows.invitation.imageUrl');
    expect(input('conv-invitation-image').value).toBe('https://x.test/aaaaaaaaaa');
    expect(page.el('conv-saved')).toBeNull();
  });
});

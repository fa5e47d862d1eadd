import type { LeaveMessageView } from '@kefu/contracts';
import { FakeFetch } from '@kefu/ui/testing';
import { site } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

const message = (extra: Partial<LeaveMessageView> = {}): LeaveMessageView => ({
  leaveMessageId: 'lm1',
  siteId: 's1',
  visitorId: 'v1',
  name: '张三',
  phone: '13800138000',
  email: 'zhang@example.com',
  content: '请回电 <b>谢谢</b>',
  page: { url: 'https://shop.test/p/1', title: '商品一' },
  at: '2026-01-05T02:00:00.000Z',
  status: 'new',
  replies: [],
  ...extra,
});

async function until(page: ConsolePage, testId: string): Promise<void> {
  for (let i = 0; i < 10 && !page.el(testId); i++) await page.render();
}

describe('I6 leave-message inbox', () => {
  function server(): FakeFetch {
    return new FakeFetch()
      .on('GET /api/sites', { status: 200, body: [site()] })
      .on('GET /api/sites/s1', { status: 200, body: site() })
      .on(
        'GET /api/sites/s1/leave-messages',
        { status: 200, body: [message()], headers: { 'X-Total-Count': '1' } },
        {
          status: 200,
          body: [
            message({
              status: 'handled',
              handledAt: '2026-01-05T03:00:00.000Z',
              replies: [{ channel: 'email', by: 'u-owner', at: '2026-01-05T03:00:00.000Z' }],
            }),
          ],
        },
      )
      .on('POST /api/sites/s1/leave-messages/lm1/reply', { status: 200, body: { position: 41 } })
      .on('POST /api/sites/s1/leave-messages/lm1/handled', { status: 200, body: { position: 40 } });
  }

  it('shows the page, contacts and content as text, and replies by e-mail', async () => {
    const fetch = server();
    const page = await ConsolePage.open('/sites/s1/leave-messages', fetch);
    await until(page, 'leave-message');
    const item = page.el('leave-message');
    expect(item?.getAttribute('data-status')).toBe('new');
    expect(page.el('leave-message-content')?.textContent).toBe('请回电 <b>谢谢</b>');
    expect(item?.querySelector('b')).toBeNull();
    for (const seen of ['张三', '13800138000', 'zhang@example.com', '商品一', '未处理']) expect(item?.textContent).toContain(seen);

    await page.click('open-reply');
    await page.click('reply-send');
    expect(page.el('reply-problem')?.textContent).toContain('必填');
    expect(fetch.requestsTo('POST /api/sites/s1/leave-messages/lm1/reply')).toHaveLength(0);

    await page.fill('reply-subject', '关于您的留言');
    await page.fill('reply-content', '您好，我们已收到。');
    await page.click('reply-send');
    await page.render();
    expect(fetch.requestsTo('POST /api/sites/s1/leave-messages/lm1/reply')[0]?.body).toEqual({
      channel: 'email',
      subject: '关于您的留言',
      content: '您好，我们已收到。',
    });
    await until(page, 'leave-message-reply');
    expect(page.el('leave-message')?.getAttribute('data-status')).toBe('handled');
    expect(new URLSearchParams(fetch.requestsTo('GET /api/sites/s1/leave-messages').at(-1)?.url.split('?')[1]).get('waitFor')).toBe('41');
  });

  it('replies by SMS within 480 characters and marks a message handled', async () => {
    const fetch = server();
    const page = await ConsolePage.open('/sites/s1/leave-messages', fetch);
    await until(page, 'leave-message');
    await page.click('open-reply');
    (page.el('reply-sms') as HTMLInputElement).click();
    await page.render();
    expect(page.el('reply-subject')).toBeNull();
    await page.fill('reply-content', '好'.repeat(481));
    await page.click('reply-send');
    expect(page.el('reply-problem')?.textContent).toContain('480');
    await page.fill('reply-content', '已安排回电');
    await page.click('reply-send');
    expect(fetch.requestsTo('POST /api/sites/s1/leave-messages/lm1/reply')[0]?.body).toEqual({ channel: 'sms', content: '已安排回电' });
  });
});

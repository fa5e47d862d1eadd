import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ChatRequestResult, PositionResult } from '@kefu/contracts';
import { call, unwrap, type AgentClient } from '../../apps/server/src/testing/harness';
import { expectCount } from './page-helpers';
import {
  agentOnline,
  createSite,
  requestChat,
  visitorOnPage,
  type SiteFixture,
  type Visitor,
} from '../../apps/server/src/conversations/testing/conversation-fixture';
import { launchBrowser, startProduct, type RunningProduct } from './product';

// Waiting for live pushes and the scripted day takes longer than jest's default 5 s per test.
jest.setTimeout(120_000);

/**
 * Monitoring, records and statistics in real Chromium against the built product. The test process plays a
 * scripted day of a shop through the real API and sockets (4 visits of 3 visitors from Baidu, Google, a news
 * site and direct; 2 chats, both rated; 1 declined invitation; 1 leave-message), then the admin reads each
 * report in the console and every figure shown must be the script's.
 */
describe('an admin reads live monitoring, records and every statistics report of a scripted day (B1 I3 I4 I5 I6 I7 J1–J6 K4)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let admin: Page;
  let f: SiteFixture;
  let agent: AgentClient;
  const visitors: Visitor[] = [];
  const chats: string[] = [];

  const page = (path: string): string => `https://${new URL(f.site.url).host}${path}`;

  async function chat(v: Visitor, visitorText: string, agentText: string, score: number, suggestion: string): Promise<string> {
    const result: ChatRequestResult = await requestChat(v);
    if (result.status !== 'active') throw new Error(`chat not assigned: ${JSON.stringify(result)}`);
    unwrap(await call<PositionResult>(v.socket, 'chat:send', { chatId: result.chatId, clientId: randomUUID(), text: visitorText }));
    unwrap(await call<PositionResult>(agent, 'chat:send', { chatId: result.chatId, clientId: randomUUID(), text: agentText }));
    unwrap(await call<PositionResult>(agent, 'chat:close', { chatId: result.chatId }));
    unwrap(await call<PositionResult>(v.socket, 'chat:rate', { chatId: result.chatId, score, suggestion }));
    return result.chatId;
  }

  beforeAll(async () => {
    // A closed page ends its visit after this grace (30 s by default, for reloads): short, so the monitor can be seen dropping it.
    process.env['VISIT_CLOSE_GRACE_SECONDS'] = '1';
    product = await startProduct();
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();

    f = await createSite(product.url, { agents: [{ nickname: '小王' }], host: 'shop.e2e.example.com' });
    agent = await agentOnline(product.url, f.owner.token);

    // V1: new, from Baidu searching 客服系统; two pages; chats on the second; rates 5.
    const v1 = await visitorOnPage(f, '/p/1', '商品一', 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D%E7%B3%BB%E7%BB%9F');
    unwrap(await call(v1.socket, 'visit:page', { visitId: v1.visitId, url: page('/p/2'), title: '商品二' }));
    chats.push(await chat(v1, '请问旗舰版多少钱？', '您好，旗舰版 999 元。', 5, '很专业'));
    // V2: new, from Google searching "live chat"; chats on the first page; rates 3.
    const v2 = await visitorOnPage(f, '/p/1', '商品一', 'https://www.google.com/search?q=live+chat');
    chats.push(await chat(v2, '退款怎么办理？', '请在订单页申请退款。', 3, '回复有点慢'));
    // V3: new, direct; declines the agent's invitation and leaves a message.
    const v3 = await visitorOnPage(f, '/p/3', '商品三');
    const invitationId = randomUUID();
    unwrap(await call(agent, 'invitation:send', { invitationId, visitId: v3.visitId }));
    unwrap(await call(v3.socket, 'invitation:decline', { invitationId }));
    unwrap(
      await call(v3.socket, 'leave-message:send', {
        leaveMessageId: randomUUID(),
        visitId: v3.visitId,
        name: '张三',
        phone: '13800138000',
        email: 'zhang@example.com',
        content: '请明天上午回电',
      }),
    );
    // V4: V3 again (returning), from a news site.
    const v4 = await visitorOnPage(f, '/p/1', '商品一', 'https://news.example.com/article/1', v3.session.visitorId);
    visitors.push(v1, v2, v3, v4);

    await admin.goto(`${product.url}/admin/`);
    await admin.getByTestId('login-email').fill(f.owner.user.email);
    await admin.getByTestId('login-password').fill('correct horse battery');
    await admin.getByTestId('login-submit').click();
    await admin.getByTestId('nav-monitoring').waitFor();
  });

  afterAll(async () => {
    for (const v of visitors) v.socket.close();
    agent?.close();
    await browser?.close();
    await product?.stop();
  });

  const base = (): string => `${product.url}/admin/sites/${f.site.siteId}`;
  const row = (key: string): Locator => admin.locator(`[data-testid="report-row"][data-key="${key}"]`);
  const cell = (r: Locator, col: string): Locator => r.locator(`[data-col="${col}"]`);

  it('B1/I4: shows the 4 visitors now on the site and the agent with today’s 2 chats; a visitor who leaves disappears', async () => {
    await admin.getByTestId('nav-monitoring').click();
    await expectCount(admin.getByTestId('live-visitor'), 4);
    await expectText(admin.getByTestId('visitor-count'), '4');
    // The team is the organisation's: each agent under their account name (the nickname is per site).
    const member = admin.locator(`[data-testid="team-member"][data-agent="${f.owner.user.userId}"]`);
    await expectText(member, '在线');
    await expectText(member.locator('[data-col="chatsToday"]'), '2');

    const v4 = visitors[3]!;
    unwrap(await call(v4.socket, 'visit:leave', { visitId: v4.visitId }));
    v4.socket.close();
    await expectCount(admin.getByTestId('live-visitor'), 3, 15_000);
  });

  it('J1: 4 visits, 3 unique visitors, 2 chats, 1 leave-message; 3 new visitors; by hour today', async () => {
    await admin.goto(`${base()}/statistics/visitors`);
    await expectText(admin.getByTestId('figure-visits'), '4');
    await expectText(admin.getByTestId('figure-uniqueVisitors'), '3');
    await expectText(admin.getByTestId('figure-chats'), '2');
    await expectText(admin.getByTestId('figure-leaveMessages'), '1');
    await expectText(admin.getByTestId('share-new'), '3');
    await expectText(admin.getByTestId('definition-version'), '指标定义版本 v');
    await admin.getByTestId('report-chart').locator('svg').first().waitFor();

    await admin.getByTestId('preset-today').click();
    await expectCount(admin.getByTestId('report-row'), 24);
    await expectText(admin.locator('[data-testid="report-total"] [data-col="visits"]'), '4');
    const perHour = await admin.locator('[data-testid="report-row"] [data-col="visits"]').allTextContents();
    expect(perHour.reduce((sum, v) => sum + Number(v), 0)).toBe(4);
  });

  it('J1: the CSV download holds the same figures', async () => {
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('csv-download').click()]);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('visits');
    const visitsColumn = lines[0]!.replace('\uFEFF', '').split(',').indexOf('visits');
    expect(lines.slice(1).reduce((sum, l) => sum + Number(l.split(',')[visitsColumn]), 0)).toBe(4);
  });

  it('J2: page views and the chats started on each page; one page’s trend', async () => {
    await admin.goto(`${base()}/statistics/pages`);
    await expectText(cell(row(page('/p/1')), 'views'), '3');
    await expectText(cell(row(page('/p/1')), 'chatsStarted'), '1');
    await expectText(cell(row(page('/p/2')), 'views'), '1');
    await expectText(cell(row(page('/p/2')), 'chatsStarted'), '1');
    await expectText(cell(row(page('/p/3')), 'views'), '1');
    await row(page('/p/1')).getByTestId('show-trend').click();
    await admin.getByTestId('page-trend').waitFor();
    expect(admin.url()).toContain('url=');
  });

  it('J3: one visit from each source, and which sources led to chats', async () => {
    await admin.goto(`${base()}/statistics/sources`);
    await expectText(row('search:baidu').locator('td').first(), '百度搜索');
    await expectText(cell(row('search:baidu'), 'visits'), '1');
    await expectText(cell(row('search:baidu'), 'chats'), '1');
    await expectText(cell(row('search:google'), 'chats'), '1');
    await expectText(cell(row('direct'), 'visits'), '1');
    await expectText(cell(row('direct'), 'share'), '25%');
    await expectText(cell(row('referral:news.example.com'), 'visits'), '1');
    await expectText(cell(row('referral:news.example.com'), 'chats'), '0');
  });

  it('J4: the search keywords', async () => {
    await admin.goto(`${base()}/statistics/keywords`);
    await expectText(cell(row('客服系统'), 'visits'), '1');
    await expectText(cell(row('客服系统'), 'chats'), '1');
    await expectText(row('客服系统'), '百度');
    await expectText(cell(row('live chat'), 'visits'), '1');
    await expectCount(admin.getByTestId('report-row'), 2);
  });

  it('J5: every visit and chat is in some region', async () => {
    await admin.goto(`${base()}/statistics/regions`);
    await admin.getByTestId('report-row').first().waitFor();
    const visits = await admin.locator('[data-testid="report-row"] [data-col="visits"]').allTextContents();
    const chatCounts = await admin.locator('[data-testid="report-row"] [data-col="chats"]').allTextContents();
    expect(visits.reduce((s, v) => s + Number(v), 0)).toBe(4);
    expect(chatCounts.reduce((s, v) => s + Number(v), 0)).toBe(2);
  });

  it('J6 and I7: two ratings, average 4, one 5-star and one 3-star, both linked to their chats', async () => {
    await admin.goto(`${base()}/statistics/ratings`);
    await expectText(admin.getByTestId('figure-ratings'), '2');
    await expectText(admin.getByTestId('figure-average'), '4');
    await expectText(admin.getByTestId('score-5'), '1');
    await expectText(admin.getByTestId('score-3'), '1');
    await expectText(cell(admin.getByTestId('report-row').first(), 'ratings'), '2');

    await admin.goto(`${base()}/ratings`);
    await expectCount(admin.getByTestId('rating-row'), 2);
    await expectText(admin.getByTestId('rating-row').filter({ hasText: '回复有点慢' }), '3');
  });

  it('★ the invitation funnel: one invitation sent and declined', async () => {
    await admin.goto(`${base()}/statistics/invitations`);
    await expectText(admin.locator('[data-testid="report-total"] [data-col="sent"]'), '1');
    await expectText(admin.locator('[data-testid="report-total"] [data-col="declined"]'), '1');
    await expectText(admin.locator('[data-testid="report-total"] [data-col="accepted"]'), '0');
  });

  it('I3: the visits, searchable by chatted or not', async () => {
    await admin.goto(`${base()}/visits`);
    await expectCount(admin.getByTestId('visit-row'), 4);
    await admin.getByTestId('search-chatted').selectOption('yes');
    await admin.getByTestId('search-submit').click();
    await expectCount(admin.getByTestId('visit-row'), 2);
    expect(admin.url()).toContain('chatted=yes');
  });

  it('I5: this month’s chat records, full-text search, and the transcript with visit info', async () => {
    await admin.goto(`${base()}/chats`);
    await expectCount(admin.getByTestId('chat-record-row'), 2);
    await admin.getByTestId('search-q').fill('退款');
    await admin.getByTestId('search-submit').click();
    await expectCount(admin.getByTestId('chat-record-row'), 1);
    await admin.getByTestId('chat-record-row').first().click();
    await expectText(admin.getByTestId('transcript-message').first(), '退款怎么办理？');
    await expectText(admin.getByTestId('visit-source'), '谷歌搜索');
    await expectText(admin.getByTestId('visit-keyword'), 'live chat');
  });

  it('I6: the leave-message with its contacts; marked handled', async () => {
    await admin.goto(`${base()}/leave-messages`);
    const message = admin.getByTestId('leave-message').first();
    await expectText(message, '请明天上午回电');
    await expectText(message, '13800138000');
    await message.getByTestId('mark-handled').click();
    await expectText(admin.getByTestId('leave-message').first(), '已处理');
  });

  it('K4: the owner reads a conversation’s history, its routing trace and its state as of an instant', async () => {
    await admin.goto(`${product.url}/admin/audit?kind=chat&id=${chats[0]}`);
    await admin.locator('[data-testid="audit-event"][data-type="ChatRequested"]').waitFor();
    await admin.locator('[data-testid="audit-event"][data-type="ChatClosed"]').waitFor();
    await admin.getByTestId('routing-decision').first().waitFor();
    await admin.locator('[data-testid="audit-event"][data-type="ChatRequested"]').getByTestId('state-after').click();
    await expectText(admin.getByTestId('audit-state-json'), 'queued|active', 10_000, true);
  });
});

/** Wait until the element's text contains `text` (or matches it as a pattern). */
async function expectText(locator: Locator, text: string, timeoutMs = 10_000, pattern = false): Promise<void> {
  await locator.first().waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.first().textContent();
    if (last !== null && (pattern ? new RegExp(text).test(last) : last.includes(text))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected text containing ${JSON.stringify(text)}, got ${JSON.stringify(last)}`);
}

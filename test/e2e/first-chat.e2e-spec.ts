import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startProduct, type RunningProduct } from './product';
import { expectText, widgetFrame } from './page-helpers';

/**
 * The first slice in real Chromium against the built product: an admin registers and creates a
 * site, becomes its agent; the agent goes online in the workspace; a visitor on the demo page
 * chats with them through the widget; the record shows up in the admin console.
 */
describe('a visitor on the demo page chats with an agent (A1 D1 D3 B10 C1 C8 B11 I5)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let admin: Page;
  let agent: Page;
  let visitor: Page;
  let siteId = '';
  const email = 'owner@e2e.example.com';
  const password = 'a long enough password';

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    agent = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('registers an organisation, creates a site, becomes its agent and sees the snippet', async () => {
    await admin.goto(`${product.url}/admin/`);
    await admin.getByTestId('register-orgName').fill('演示商城');
    await admin.getByTestId('register-website').fill('https://shop.example.com');
    await admin.getByTestId('register-email').fill(email);
    await admin.getByTestId('register-password').fill(password);
    await admin.getByTestId('register-submit').click();
    await admin.getByTestId('site-name').fill('演示商城');
    await admin.getByTestId('site-url').fill('https://shop.example.com');
    await admin.getByTestId('site-create').click();
    const row = admin.getByTestId('site-row').first();
    await expectText(row.getByTestId('site-snippet'), '/loader.js');
    const snippet = (await row.getByTestId('site-snippet').textContent()) ?? '';
    siteId = /data-site="([0-9a-f-]{36})"/.exec(snippet)?.[1] ?? '';
    expect(siteId).toMatch(/^[0-9a-f-]{36}$/);
    await row.getByTestId('agent-nickname').fill('小王');
    await row.getByTestId('site-become-agent').click();
    await expectText(row, '小王');
  });

  it('signs the agent in and puts them online', async () => {
    await agent.goto(`${product.url}/agent/`);
    await agent.getByTestId('login-email').fill(email);
    await agent.getByTestId('login-password').fill(password);
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('status-select').selectOption('online');
    // The choice is confirmed by the server (ack) before routing can use it.
    await agent.waitForFunction(() => (document.querySelector('[data-testid="status-select"]') as HTMLSelectElement | null)?.value === 'online');
    await agent.waitForTimeout(300);
  });

  it('lets the visitor on the demo page chat with the agent, both ways', async () => {
    await visitor.goto(`${product.url}/demo?site=${siteId}`);
    const widget = await widgetFrame(visitor);
    await widget.getByTestId('consult-icon').click();
    await expectText(widget.getByTestId('agent-name'), '小王');
    await widget.getByTestId('composer').fill('请问这个多少钱？<b>bold?</b>');
    await widget.getByTestId('send').click();

    await agent.getByTestId('chat-item').first().click();
    await expectText(agent.locator('[data-testid="message"][data-from="visitor"]').last(), '请问这个多少钱？<b>bold?</b>');
    await agent.getByTestId('composer').fill('您好，这款 99 元。');
    await agent.getByTestId('send').click();
    await expectText(widget.locator('[data-testid="message"][data-from="agent"]').last(), '您好，这款 99 元。');
  });

  it('keeps the conversation across a page navigation (C8)', async () => {
    await visitor.goto(`${product.url}/demo?site=${siteId}&page=2`);
    const widget = await widgetFrame(visitor);
    await expectText(widget.locator('[data-testid="message"][data-from="visitor"]').first(), '请问这个多少钱？');
    await expectText(widget.locator('[data-testid="message"][data-from="agent"]').last(), '您好，这款 99 元。');
  });

  it('closes the chat in the workspace; the visitor sees it end; the admin reads the record', async () => {
    await agent.getByTestId('close-chat').click();
    const widget = await widgetFrame(visitor);
    await widget.getByTestId('chat-ended').waitFor();

    await admin.getByTestId('site-row').first().getByTestId('site-chats-link').click();
    const record = admin.getByTestId('chat-record-row').first();
    await record.waitFor();
    await record.click();
    const messages = admin.getByTestId('transcript-message');
    await expectText(messages.first(), '请问这个多少钱？<b>bold?</b>');
    await expectText(messages.last(), '您好，这款 99 元。');
  });
});

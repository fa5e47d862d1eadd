import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startProduct, type RunningProduct } from './product';
import { expectText, widgetFrame } from './page-helpers';

/** Per step: jest's project-level testTimeout does not reach hooks and tests run this way. */
const STEP_MS = 90_000;

/** A 1×1 PNG: the image an agent links to, served from another origin than the product. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/**
 * The live conversation engine in real Chromium against the built product: an agent sees a visitor
 * arrive on the demo page and invites them; the visitor accepts and chats; the agent reads the
 * visitor's draft before it is sent; the chat is transferred to a colleague who sees the history
 * and the reason; it is closed under one of the site's categories and the visitor rates it. Images and files
 * travel by reference both ways. Then, with nobody online, a visitor leaves a message.
 */
describe('invitation, typing preview, canned responses, attachments, transfer, categories, rating and leave-message (B1 B2 B3 B4 B5 B8 B11 C3 C6 F2 H1 H3 I7)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let first: Page;
  let second: Page;
  let visitor: Page;
  let siteId = '';
  let ownerToken = '';
  let images: Server;
  let imagesUrl = '';
  /** The Referer each image request carried (none: the workspace and widget ask for no-referrer). */
  const imageReferers: Array<string | undefined> = [];
  const agents = {
    first: { email: 'wang@e2e.example.com', name: '小王', userId: '' },
    second: { email: 'li@e2e.example.com', name: '小李', userId: '' },
  };
  const password = 'a long enough password';

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${product.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(ownerToken ? { authorization: `Bearer ${ownerToken}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  beforeAll(async () => {
    images = createServer((req, res) => {
      imageReferers.push(req.headers.referer);
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': PIXEL.length });
      res.end(PIXEL);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    product = await startProduct();
    browser = await launchBrowser();
    const context = () => browser.newContext({ locale: 'zh-CN' });
    first = await (await context()).newPage();
    second = await (await context()).newPage();
    visitor = await (await context()).newPage();

    // The organisation, its site and two agents are set up over the API (the admin console has its own e2e).
    const org = await api<{ token: string }>('POST', '/orgs', {
      orgName: '演示商城',
      website: 'https://shop.example.com',
      email: 'owner@e2e.example.com',
      password,
    });
    ownerToken = org.token;
    siteId = (await api<{ siteId: string }>('POST', '/sites', { name: '演示商城', url: 'https://shop.example.com' })).siteId;
    for (const agent of Object.values(agents)) {
      agent.userId = (await api<{ userId: string }>('POST', '/employees', { email: agent.email, name: agent.name, password, roles: ['agent'] })).userId;
      await api('POST', `/sites/${siteId}/agents`, { userId: agent.userId, nickname: agent.name });
    }
    // H3: the site's categories; C3: its invitation window (the admin console's pages for them have their own specs).
    await api('PUT', `/sites/${siteId}/chat-settings`, {
      categories: ['售前咨询', '售后'],
      cannedResponses: [{ shortcut: 'size', text: '尺码表在商品详情页底部，可以对照一下。' }],
      windows: { invitation: { position: 'center', theme: 'green', accept: { text: '马上咨询' } } },
    });
  }, STEP_MS);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await new Promise((resolve) => (images ? images.close(resolve) : resolve(undefined)));
  }, STEP_MS);

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${product.url}/agent/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  async function setStatus(page: Page, status: string): Promise<void> {
    await page.getByTestId('status-select').selectOption(status);
    await page.waitForFunction(
      (wanted) => {
        const select = document.querySelector('[data-testid="status-select"]') as HTMLSelectElement | null;
        return select?.value === wanted && !select.hasAttribute('data-pending');
      },
      status,
      { timeout: 10_000 },
    );
  }

  it(
    'puts both agents online; the first sees the visitor arrive on the demo page with a notice, a desktop notification and a chime',
    async () => {
      // B2: the first agent's browser allows notifications; the page records each notification and tone it makes.
      await first.context().grantPermissions(['notifications'], { origin: product.url });
      await first.addInitScript(() => {
        const w = window as unknown as { __notes: { title: string; body: string }[]; __tones: number; Notification: typeof Notification };
        w.__notes = [];
        w.__tones = 0;
        const Real = w.Notification;
        const Recorded = function (title: string, options?: NotificationOptions) {
          w.__notes.push({ title, body: options?.body ?? '' });
          return new Real(title, options);
        } as unknown as typeof Notification;
        Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
        Object.defineProperty(Recorded, 'requestPermission', { value: (...args: []) => Real.requestPermission(...args) });
        w.Notification = Recorded;
        const createOscillator = AudioContext.prototype.createOscillator;
        AudioContext.prototype.createOscillator = function (this: AudioContext) {
          w.__tones++;
          return createOscillator.call(this);
        };
      });
      await signIn(first, agents.first.email);
      await setStatus(first, 'online');
      await signIn(second, agents.second.email);
      await setStatus(second, 'online');
      // B1/I4: the first agent's team panel shows the colleague going online, live, with their load and no cap.
      const colleague = first.locator(`[data-testid="team-agent"][data-agent-id="${agents.second.userId}"]`);
      await expectText(colleague.getByTestId('team-agent-status'), '在线');
      await expectText(colleague.getByTestId('team-agent-load'), '0 / 不限');

      // The sound is off until the agent turns it on (the click plays the chime once: browsers need a gesture).
      await first.getByTestId('sound-toggle').click();
      await expectText(first.getByTestId('sound-toggle'), '提示音：开');
      const tones = await first.evaluate(() => (window as unknown as { __tones: number }).__tones);
      expect(tones).toBeGreaterThan(0);

      await visitor.goto(`${product.url}/demo?site=${siteId}`);
      await widgetFrame(visitor);
      const row = first.getByTestId('visitor-row').first();
      await row.waitFor({ timeout: 15_000 });
      await expectText(row.getByTestId('visitor-kind'), '新访客');
      await expectText(row.getByTestId('visitor-state'), '浏览中');
      await first.getByTestId('visitor-toast').first().waitFor();
      await first.waitForFunction(() => (window as unknown as { __notes: unknown[] }).__notes.length > 0);
      const [note] = await first.evaluate(() => (window as unknown as { __notes: { title: string; body: string }[] }).__notes);
      expect(note?.title).toBe('新访客到来');
      // The card's words: who, from where, on which page (the demo page's title).
      expect(note?.body).toContain(await visitor.title());
      expect(await first.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBeGreaterThan(tones);
    },
    STEP_MS,
  );

  it(
    'invites the visitor; the visitor accepts and chats with the inviting agent',
    async () => {
      await first.getByTestId('visitor-row').first().getByTestId('invite-visitor').click();
      const widget = await widgetFrame(visitor);
      await widget.getByTestId('invitation').waitFor({ timeout: 10_000 });
      await expectText(widget.getByTestId('invitation-agent'), '小王');
      // C3: the site's invitation window, in the middle of the visitor's screen, green, with its own words.
      await visitor.waitForFunction(() => (document.querySelector('iframe[src*="/widget/"]') as HTMLIFrameElement | null)?.style.width === '360px');
      const box = (await visitor.locator('iframe[src*="/widget/"]').boundingBox())!;
      const screen = visitor.viewportSize()!;
      expect([box.width, box.height]).toEqual([360, 280]);
      expect(Math.abs(box.x + box.width / 2 - screen.width / 2)).toBeLessThan(2);
      expect(Math.abs(box.y + box.height / 2 - screen.height / 2)).toBeLessThan(2);
      expect(await widget.getByTestId('invitation').getAttribute('class')).toContain('theme-green');
      await expectText(widget.getByTestId('invitation-accept'), '马上咨询');
      await widget.getByTestId('invitation-accept').click();
      await expectText(widget.getByTestId('agent-name'), '小王');
      await expectText(first.getByTestId('invitation-state').first(), '接受');
      // The chat the visitor accepted opens in the icon's corner, at the chat window's size.
      const chatBox = (await visitor.locator('iframe[src*="/widget/"]').boundingBox())!;
      expect([chatBox.width, chatBox.height, chatBox.x + chatBox.width, chatBox.y + chatBox.height]).toEqual([380, 560, screen.width, screen.height]);
    },
    STEP_MS,
  );

  it(
    "shows the agent the visitor's draft live, then the message",
    async () => {
      await first.getByTestId('chat-item').first().click();
      const widget = await widgetFrame(visitor);
      await widget.getByTestId('preview-notice').waitFor();
      await widget.getByTestId('composer').fill('我想问一下尺码');
      await expectText(first.getByTestId('visitor-draft-text'), '我想问一下尺码');
      await widget.getByTestId('send').click();
      await expectText(first.locator('[data-testid="message"][data-from="visitor"]').last(), '我想问一下尺码');
      await first.getByTestId('visitor-draft').waitFor({ state: 'detached' });

      await first.getByTestId('composer').fill('您好，请问您的身高体重？');
      await first.getByTestId('send').click();
      await expectText(widget.locator('[data-testid="message"][data-from="agent"]').last(), '您好，请问您的身高体重？');
      await expectText(first.getByTestId('trail-item').first(), '演示商城');

      // B5/H1: the site's canned response by its shortcut: "/si", Enter takes it, Enter sends it.
      const composer = first.getByTestId('composer');
      await composer.fill('/si');
      await expectText(first.getByTestId('canned-item').first(), '尺码表在商品详情页底部');
      await composer.press('Enter');
      await first.waitForFunction(
        (text) => (document.querySelector('[data-testid="composer"]') as HTMLTextAreaElement | null)?.value === text,
        '尺码表在商品详情页底部，可以对照一下。',
        { timeout: 10_000 },
      );
      await composer.press('Enter');
      await expectText(widget.locator('[data-testid="message"][data-from="agent"]').last(), '尺码表在商品详情页底部，可以对照一下。');
    },
    STEP_MS,
  );

  it(
    'shows an image the agent links in the widget, and a file the visitor links in the workspace (issue 5)',
    async () => {
      await first.getByTestId('attach-toggle').click();
      await first.getByTestId('attach-url').fill(`${imagesUrl}/photos/size-chart.png`);
      await first.getByTestId('attach-send').click();
      const widget = await widgetFrame(visitor);
      const image = widget.locator('[data-testid="message"][data-from="agent"] [data-testid="attachment-image"]').last();
      await image.waitFor({ timeout: 10_000 });
      expect(await image.getAttribute('href')).toBe(`${imagesUrl}/photos/size-chart.png`);
      // Loaded from another origin: the widget's Content-Security-Policy lets chat images in.
      await widget.waitForFunction(
        () => {
          const img = document.querySelector('[data-testid="attachment-image"] img') as HTMLImageElement | null;
          return !!img && img.complete && img.naturalWidth > 0;
        },
        undefined,
        { timeout: 10_000 },
      );
      expect(imageReferers.length).toBeGreaterThan(0);
      expect(imageReferers.every((referer) => referer === undefined)).toBe(true);

      await widget.getByTestId('attach-toggle').click();
      await widget.getByTestId('attach-url').fill('https://files.example.com/订单.pdf');
      await widget.getByTestId('attach-name').fill('我的订单');
      await widget.getByTestId('attach-send').click();
      const file = first.locator('[data-testid="message"][data-from="visitor"] [data-testid="attachment-file"]').last();
      await expectText(file, '我的订单');
      expect(await file.getAttribute('href')).toBe('https://files.example.com/%E8%AE%A2%E5%8D%95.pdf');
      expect(await file.getAttribute('rel')).toBe('noopener noreferrer');
    },
    STEP_MS,
  );

  it(
    'transfers the chat with a reason; the colleague sees the history and the reason; the first agent can only read',
    async () => {
      await first.getByTestId('transfer-chat').click();
      const option = first.locator(`[data-testid="transfer-agent"][data-agent-id="${agents.second.userId}"]`);
      await option.check();
      await first.getByTestId('transfer-reason').fill('需要尺码专家');
      await first.getByTestId('transfer-submit').click();
      await expectText(first.getByTestId('read-only'), '小李');
      expect(await first.getByTestId('composer').isDisabled()).toBe(true);

      await second.getByTestId('chat-item').first().click();
      await expectText(second.getByTestId('transfer-note'), '需要尺码专家');
      await expectText(second.getByTestId('transfer-note'), '小王');
      await expectText(second.locator('[data-testid="message"][data-from="visitor"]').first(), '我想问一下尺码');
      await expectText(second.locator('[data-testid="message"][data-from="agent"]').first(), '您好，请问您的身高体重？');

      const widget = await widgetFrame(visitor);
      await expectText(widget.getByTestId('agent-name'), '小李');
      await second.getByTestId('composer').fill('我来为您推荐尺码。');
      await second.getByTestId('send').click();
      await expectText(widget.locator('[data-testid="message"][data-from="agent"]').last(), '我来为您推荐尺码。');
    },
    STEP_MS,
  );

  it(
    "categorises the chat with one of the site's categories, closes it; the visitor rates it once and the agent sees the rating",
    async () => {
      // H3: the site has categories, so the agent picks one instead of typing.
      await second.getByTestId('category-select').waitFor();
      await second.getByTestId('category-select').selectOption('售前咨询');
      await second.getByTestId('category-save').click();
      await expectText(second.getByTestId('category-current'), '售前咨询');
      await second.getByTestId('close-chat').click();

      const widget = await widgetFrame(visitor);
      await widget.getByTestId('chat-ended').waitFor();
      await widget.locator('[data-testid="rating-star"][data-score="5"]').click();
      await widget.getByTestId('rating-suggestion').fill('推荐得很准');
      await widget.getByTestId('rating-submit').click();
      await widget.getByTestId('rating-thanks').waitFor();
      expect(await widget.getByTestId('rating').count()).toBe(0);
      await expectText(second.locator('[data-testid="system-event"][data-what="rated"]'), '5');
    },
    STEP_MS,
  );

  it(
    'lets a visitor leave a message when nobody is online (C6)',
    async () => {
      await setStatus(first, 'offline');
      await setStatus(second, 'offline');
      const late = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
      await late.goto(`${product.url}/demo?site=${siteId}&page=2`);
      const widget = await widgetFrame(late);
      await widget.getByTestId('consult-icon').click();
      await widget.waitForSelector('[data-testid="leave-message-notice"], [data-testid="queued-notice"], [data-testid="error"], [data-testid="agent-name"]', {
        timeout: 10_000,
      });
      expect(await widget.getByTestId('chat-window').textContent()).toContain('没有客服在线');
      await widget.getByTestId('lm-submit').click();
      await widget.getByTestId('lm-error-name').waitFor();
      await widget.getByTestId('lm-name').fill('张先生');
      await widget.getByTestId('lm-phone').fill('138 0013 8000');
      await widget.getByTestId('lm-email').fill('zhang@example.com');
      await widget.getByTestId('lm-content').fill('想批量订购，请联系我');
      await widget.getByTestId('lm-submit').click();
      await widget.getByTestId('leave-message-thanks').waitFor();

      const deadline = Date.now() + 10_000;
      let found: Array<{ name: string; content: string; page: { url: string } }> = [];
      while (Date.now() < deadline && found.length === 0) {
        found = await api('GET', `/sites/${siteId}/leave-messages`);
        if (!found.length) await new Promise((r) => setTimeout(r, 200));
      }
      expect(found[0]).toMatchObject({ name: '张先生', content: '想批量订购，请联系我' });
      expect(found[0]?.page.url).toContain('page=2');
    },
    STEP_MS,
  );
});

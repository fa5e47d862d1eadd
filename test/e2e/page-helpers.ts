import type { Frame, Locator, Page } from 'playwright-core';

/** The widget's iframe on a host page, once the widget shows its icon, its window or an invitation. */
export async function widgetFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[src*="/widget/"]', { timeout: 15_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('widget iframe has no frame');
  await frame.waitForSelector('[data-testid="consult-icon"], [data-testid="chat-window"], [data-testid="invitation"]', { timeout: 15_000 });
  return frame;
}

/** Wait until the element's text contains `text` (Playwright's web-first waiting, without its test runner). */
export async function expectText(
  locator: { textContent(): Promise<string | null>; waitFor(o?: { timeout?: number }): Promise<void> },
  text: string,
  timeoutMs = 10_000,
): Promise<void> {
  await locator.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.textContent();
    if (last?.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected text containing ${JSON.stringify(text)}, got ${JSON.stringify(last)}`);
}

/** Wait until the locator matches exactly `count` elements. */
export async function expectCount(locator: Locator, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    last = await locator.count();
    if (last === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} elements, found ${last}`);
}

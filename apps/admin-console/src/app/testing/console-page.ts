// Test support for the admin console's page specs (not part of the app bundle: only specs import it).
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { FETCH, SessionStore } from '@kefu/ui';
import { FakeFetch, provideTestI18n, settle } from '@kefu/ui/testing';
import type { SessionView } from '@kefu/contracts';
import { ownerSession } from '../admin-fixtures';
import { provideAdminRouter } from '../app.routes';
import { mergeTranslations } from '../i18n/translations';
import zhCN from '../i18n/zh-CN.json';
import reportingZhCN from '../reporting/i18n/zh-CN.json';

/** A signed-in console opened at `url`, with a scripted server; helpers act like a user. */
export class ConsolePage {
  private constructor(
    readonly fetch: FakeFetch,
    readonly harness: RouterTestingHarness,
  ) {}

  static async open(url: string, fetch: FakeFetch, session: SessionView = ownerSession): Promise<ConsolePage> {
    TestBed.configureTestingModule({
      providers: [provideAdminRouter(), provideTestI18n({ 'zh-CN': mergeTranslations(zhCN, reportingZhCN) }), { provide: FETCH, useValue: fetch.fetch }],
    });
    TestBed.inject(SessionStore).save(session);
    const page = new ConsolePage(fetch, await RouterTestingHarness.create(url));
    await page.render();
    return page;
  }

  get root(): HTMLElement {
    return this.harness.fixture.nativeElement as HTMLElement;
  }

  get text(): string {
    return this.root.textContent ?? '';
  }

  all(testId: string, within: ParentNode = this.root): HTMLElement[] {
    return [...within.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  }

  el(testId: string, within: ParentNode = this.root): HTMLElement | null {
    return this.all(testId, within)[0] ?? null;
  }

  async render(): Promise<void> {
    await settle(30);
    await this.harness.fixture.whenStable();
    await settle(10);
  }

  async fill(testId: string, value: string, within?: ParentNode): Promise<void> {
    const input = this.el(testId, within) as HTMLInputElement | null;
    if (!input) throw new Error(`no [data-testid="${testId}"]`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await this.render();
  }

  async select(testId: string, value: string, within?: ParentNode): Promise<void> {
    const select = this.el(testId, within) as HTMLSelectElement | null;
    if (!select) throw new Error(`no [data-testid="${testId}"]`);
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await this.render();
  }

  async click(testId: string, within?: ParentNode): Promise<void> {
    const element = this.el(testId, within);
    if (!element) throw new Error(`no [data-testid="${testId}"]`);
    element.click();
    await this.render();
  }
}

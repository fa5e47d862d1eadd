import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, Paths, type SiteView } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, SessionStore, type UiError, injectActiveLanguage, toUiError } from '@kefu/ui';
import { SitesApi } from './sites-api';

@Component({
  selector: 'kefu-site-card',
  imports: [RouterLink, TranslocoPipe, ErrorNotice, LocalTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './site-card.html',
  styleUrl: './site-card.css',
  host: { 'data-testid': 'site-row', class: 'kefu-card' },
})
export class SiteCard {
  private readonly sites = inject(SitesApi);
  private readonly session = inject(SessionStore);
  protected readonly lang = injectActiveLanguage();

  readonly site = input.required<SiteView>();
  /** The site changed on the server; the list should reload (waiting for `position`). */
  readonly changed = output<number>();

  protected readonly nicknameMax = AdminLimits.nicknameMaxChars;
  protected readonly demoHref = computed(() => `${Paths.demo}?site=${encodeURIComponent(this.site().siteId)}`);
  protected readonly myAgentEntry = computed(() => {
    const me = this.session.user()?.userId;
    return this.site().agents.find((agent) => agent.userId === me) ?? null;
  });

  protected readonly nickname = signal('');
  protected readonly assigning = signal(false);
  protected readonly assignError = signal<UiError | null>(null);
  protected readonly nicknameMissing = signal(false);
  protected readonly copied = signal(false);

  protected async becomeAgent(): Promise<void> {
    const user = this.session.user();
    const nickname = this.nickname().trim();
    this.nicknameMissing.set(!nickname);
    if (!user || !nickname || this.assigning()) return;
    this.assigning.set(true);
    this.assignError.set(null);
    try {
      const { position } = await this.sites.assignAgent(this.site().siteId, { userId: user.userId, nickname });
      this.nickname.set('');
      this.changed.emit(position);
    } catch (e) {
      this.assignError.set(toUiError(e));
    } finally {
      this.assigning.set(false);
    }
  }

  protected async copySnippet(pre: HTMLElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.site().snippet);
    } catch {
      // No clipboard permission (e.g. plain http): select the text so Ctrl+C works.
      const range = document.createRange();
      range.selectNodeContents(pre);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    this.copied.set(true);
    setTimeout(() => this.copied.set(false), 2000);
  }

  protected setNickname(event: Event): void {
    this.nickname.set((event.target as HTMLInputElement).value);
  }
}

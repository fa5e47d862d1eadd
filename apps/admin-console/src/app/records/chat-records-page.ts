import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChatSummaryView, SiteView } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, type UiError, injectActiveLanguage, toUiError } from '@kefu/ui';
import { SitesApi } from '../sites/sites-api';
import { RecordsApi } from './records-api';

@Component({
  selector: 'kefu-chat-records-page',
  imports: [RouterLink, TranslocoPipe, ErrorNotice, LocalTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="page">
      <a routerLink="/sites" class="back">← {{ 'nav.sites' | transloco }}</a>
      <div class="title">
        <h1>
          {{ 'records.title' | transloco }}
          @if (site(); as s) {
            <small class="kefu-muted">· {{ s.name }}</small>
          }
        </h1>
        <button type="button" class="kefu-button kefu-button--small" data-testid="records-refresh" (click)="load()">
          {{ 'common.refresh' | transloco }}
        </button>
      </div>
      <kefu-error-notice [error]="error()" />
      @if (loading() && !chats().length) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      } @else if (!chats().length && !error()) {
        <p class="kefu-muted" data-testid="records-empty">{{ 'records.empty' | transloco }}</p>
      } @else {
        <table class="data">
          <thead>
            <tr>
              <th>{{ 'records.time' | transloco }}</th>
              <th>{{ 'records.visitor' | transloco }}</th>
              <th>{{ 'records.agent' | transloco }}</th>
              <th>{{ 'records.status' | transloco }}</th>
              <th>{{ 'records.page' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (chat of chats(); track chat.chatId) {
              <tr class="clickable" data-testid="chat-record-row" tabindex="0" (click)="open(chat)" (keydown.enter)="open(chat)">
                <td>
                  <a [routerLink]="[chat.chatId]" (click)="$event.stopPropagation()">{{ chat.requestedAt | localTime: lang() }}</a>
                </td>
                <td>{{ chat.visitorName }}</td>
                <td>{{ chat.agent?.name ?? ('common.none' | transloco) }}</td>
                <td>
                  <span class="status status--{{ chat.status }}">{{ 'status.' + chat.status | transloco }}</span>
                </td>
                <td class="page-cell" [title]="chat.page.url">{{ chat.page.title || chat.page.url }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    </main>
  `,
  styles: `
    .back {
      font-size: 0.875rem;
      text-decoration: none;
    }
    .title {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      margin: 0.5rem 0 1rem;
    }
    .title h1 {
      margin: 0;
    }
    .page-cell {
      max-width: 320px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
})
export class ChatRecordsPage {
  private readonly records = inject(RecordsApi);
  private readonly sites = inject(SitesApi);
  private readonly router = inject(Router);
  protected readonly lang = injectActiveLanguage();

  /** Route parameter (component input binding). */
  readonly siteId = input.required<string>();

  protected readonly site = signal<SiteView | null>(null);
  protected readonly chats = signal<ChatSummaryView[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<UiError | null>(null);

  constructor() {
    effect(() => {
      const siteId = this.siteId();
      void this.load(siteId);
      this.sites.get(siteId).then(
        (site) => this.site.set(site),
        () => this.site.set(null),
      );
    });
  }

  protected async load(siteId = this.siteId()): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.chats.set(await this.records.list(siteId));
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected open(chat: ChatSummaryView): void {
    void this.router.navigate(['/sites', chat.siteId || this.siteId(), 'chats', chat.chatId]);
  }
}

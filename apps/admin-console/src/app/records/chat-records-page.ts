import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ChatRecordQuery, ChatRecordRowView, ChatSettingsView, Page } from '@kefu/contracts';
import { ApiClient, ErrorNotice, LocalTimePipe } from '@kefu/ui';
import { CsvButton } from '../reporting/csv-export';
import { ListSearch, type SearchSelect } from '../reporting/list-search';
import { loadOnChange } from '../reporting/loader';
import { regionText } from '../reporting/format';
import { Pager } from '../reporting/pager';
import type { Period } from '../reporting/period';
import { SITE_LIST_STYLES, SiteListPage } from '../reporting/site-list-page';
import { sourceText } from '../reporting/source-text';

const STATUSES = ['queued', 'active', 'closed'] as const;
type Status = (typeof STATUSES)[number];
type ChatRecordField = 'status' | 'agentId' | 'category' | 'q';

/** I5: a site's chat records, this month by default; search by time, category, status, agent and text; CSV export. */
@Component({
  selector: 'kefu-chat-records-page',
  imports: [RouterLink, TranslocoPipe, ListSearch, ErrorNotice, LocalTimePipe, CsvButton, Pager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <div class="title">
        <h2>{{ 'records.title' | transloco }}</h2>
        <div class="actions">
          <button type="button" class="kefu-button kefu-button--small" data-testid="records-refresh" (click)="list.reload()">
            {{ 'common.refresh' | transloco }}
          </button>
          <kefu-csv-button [path]="csvPath()" [query]="exportQuery()" [name]="'chats-' + (view.period()?.from ?? '')" />
        </div>
      </div>
      <kefu-list-search testId="records-search" [draft]="draft()" [selects]="selects()" [problem]="problem()" (edited)="setDraft($event)" (searched)="search()">
        <label class="kefu-field">
          <span>{{ 'records.category' | transloco }}</span>
          <input
            type="text"
            name="category"
            data-testid="search-category"
            list="record-categories"
            [value]="draft().category"
            (input)="edit('category', $event)"
          />
          <!-- H3: the site's list to pick from; typing stays possible for categories used before the list changed. -->
          <datalist id="record-categories">
            @for (c of categories.value() ?? []; track c) {
              <option [value]="c"></option>
            }
          </datalist>
        </label>
        <label class="kefu-field grow">
          <span>{{ 'records.text' | transloco }}</span>
          <input type="search" name="q" data-testid="search-q" [placeholder]="'records.textHint' | transloco" [value]="draft().q" (input)="edit('q', $event)" />
        </label>
        <button searchActions type="button" class="kefu-button" data-testid="search-reset" (click)="reset()">{{ 'reporting.reset' | transloco }}</button>
      </kefu-list-search>
      <kefu-error-notice [error]="list.error()" />
      @if (list.value(); as result) {
        <kefu-pager [total]="result.total" [page]="page()" [lang]="lang()" (pageChange)="goTo($event)" />
        @if (!result.items.length) {
          <p class="kefu-muted" data-testid="records-empty">{{ 'records.empty' | transloco }}</p>
        } @else {
          <table class="data">
            <thead>
              <tr>
                <th>{{ 'records.time' | transloco }}</th>
                <th>{{ 'records.visitor' | transloco }}</th>
                <th>{{ 'records.agent' | transloco }}</th>
                <th>{{ 'records.status' | transloco }}</th>
                <th>{{ 'records.category' | transloco }}</th>
                <th>{{ 'records.rating' | transloco }}</th>
                <th>{{ 'records.messages' | transloco }}</th>
                <th>{{ 'records.region' | transloco }}</th>
                <th>{{ 'records.source' | transloco }}</th>
                <th>{{ 'records.page' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (chat of result.items; track chat.chatId) {
                <tr class="clickable" data-testid="chat-record-row" tabindex="0" (click)="open(chat)" (keydown.enter)="open(chat)">
                  <td>
                    <a [routerLink]="[chat.chatId]" queryParamsHandling="preserve" (click)="$event.stopPropagation()">{{
                      chat.requestedAt | localTime: lang()
                    }}</a>
                  </td>
                  <td>{{ chat.visitorName }}</td>
                  <td>{{ chat.agent?.name ?? ('common.none' | transloco) }}</td>
                  <td>
                    <span class="status status--{{ chat.status }}">{{ 'status.' + chat.status | transloco }}</span>
                  </td>
                  <td>{{ chat.category || ('common.none' | transloco) }}</td>
                  <td>{{ chat.rating ? ('records.stars' | transloco: { score: chat.rating.score }) : ('common.none' | transloco) }}</td>
                  <td>{{ chat.messageCount }}</td>
                  <td>{{ region(chat) }}</td>
                  <td>{{ source(chat) }}</td>
                  <td class="page-cell" [title]="chat.page.url">{{ chat.page.title || chat.page.url }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      } @else if (list.loading()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: [
    SITE_LIST_STYLES,
    `
      .title {
        gap: 1rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .page-cell {
        max-width: 260px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ],
})
export class ChatRecordsPage extends SiteListPage<ChatRecordQuery, ChatRecordField, ChatRecordRowView> {
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  protected readonly selects = computed<readonly SearchSelect[]>(() => [
    { field: 'status', label: 'records.status', testId: 'search-status', options: STATUSES.map((s) => ({ value: s, key: `status.${s}` })) },
    {
      field: 'agentId',
      label: 'records.agent',
      testId: 'search-agent',
      options: (this.view.site.site()?.agents ?? []).map((a) => ({ value: a.userId, text: a.nickname })),
    },
  ]);
  protected readonly csvName = 'chats';
  private readonly settingsApi = inject(ApiClient);
  /** H3: the site's conversation categories, offered in the category filter. */
  protected readonly categories = loadOnChange(
    () => this.view.siteId() || undefined,
    async (siteId) => (await this.settingsApi.get<ChatSettingsView>(`/sites/${encodeURIComponent(siteId)}/chat-settings`)).categories ?? [],
  );

  protected askedOf(p: Record<string, string | undefined>, period: Period): ChatRecordQuery {
    const status = STATUSES.includes(p['status'] as Status) ? (p['status'] as Status) : undefined;
    return { from: period.from, to: period.to, status, category: p['category'] || undefined, agentId: p['agentId'] || undefined, q: p['q'] || undefined };
  }

  protected draftOf(a: ChatRecordQuery): Record<'from' | 'to' | ChatRecordField, string> {
    return { from: a.from ?? '', to: a.to ?? '', status: a.status ?? '', agentId: a.agentId ?? '', category: a.category ?? '', q: a.q ?? '' };
  }

  protected fetch(siteId: string, query: ChatRecordQuery): Promise<Page<ChatRecordRowView>> {
    return this.api.chats(siteId, query);
  }

  protected override submitted(d: Record<'from' | 'to' | ChatRecordField, string>): Record<string, string> {
    return { ...d, category: d.category.trim(), q: d.q.trim() };
  }

  protected reset(): void {
    void this.query.set({ from: null, to: null, status: null, agentId: null, category: null, q: null, page: null });
  }

  protected region(chat: ChatRecordRowView): string {
    return regionText(chat.region, this.lang());
  }

  protected source(chat: ChatRecordRowView): string {
    return sourceText(chat.source, (k, p) => this.transloco.translate(k, p));
  }

  protected open(chat: ChatRecordRowView): void {
    void this.router.navigate(['/sites', chat.siteId || this.view.siteId(), 'chats', chat.chatId]);
  }
}

import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { LeaveMessageQuery, LeaveMessageView, Page } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, type UiError, toUiError } from '@kefu/ui';
import { CsvButton } from '../reporting/csv-export';
import { ListSearch, type SearchSelect } from '../reporting/list-search';
import { Pager } from '../reporting/pager';
import type { Period } from '../reporting/period';
import { SITE_LIST_STYLES, SiteListPage } from '../reporting/site-list-page';
import { LeaveMessageReply } from './leave-message-reply';

type LeaveMessageField = 'status' | 'q';

/** I6 (manual 3.7.3.3): the site's leave-messages: page, contacts, content; handled or not; reply by e-mail or SMS. */
@Component({
  selector: 'kefu-leave-messages-page',
  imports: [TranslocoPipe, ListSearch, ErrorNotice, LocalTimePipe, CsvButton, Pager, LeaveMessageReply],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <div class="title">
        <h2>{{ 'inbox.title' | transloco }}</h2>
        <kefu-csv-button [path]="csvPath()" [query]="exportQuery()" [name]="'leave-messages-' + (view.period()?.from ?? '')" />
      </div>
      <kefu-list-search testId="inbox-search" [draft]="draft()" [selects]="selects" [problem]="problem()" (edited)="setDraft($event)" (searched)="search()">
        <label class="kefu-field grow">
          <span>{{ 'records.text' | transloco }}</span>
          <input type="search" data-testid="search-q" [value]="draft().q" (input)="edit('q', $event)" />
        </label>
      </kefu-list-search>
      <kefu-error-notice [error]="list.error() ?? actionError()" />
      @if (list.value(); as result) {
        <kefu-pager [total]="result.total" [page]="page()" [lang]="lang()" (pageChange)="goTo($event)" />
        <ul class="messages">
          @for (m of result.items; track m.leaveMessageId) {
            <li class="kefu-card" data-testid="leave-message" [attr.data-status]="m.status">
              <header>
                <strong>{{ m.name || ('inbox.anonymous' | transloco) }}</strong>
                <span class="status" [class.status--queued]="m.status === 'new'">{{ 'inbox.' + m.status | transloco }}</span>
                <time class="kefu-muted" [attr.datetime]="m.at">{{ m.at | localTime: lang() }}</time>
              </header>
              <p class="content" data-testid="leave-message-content">{{ m.content }}</p>
              <dl>
                @if (m.phone) {
                  <dt>{{ 'inbox.phone' | transloco }}</dt>
                  <dd>{{ m.phone }}</dd>
                }
                @if (m.email) {
                  <dt>{{ 'inbox.email' | transloco }}</dt>
                  <dd>{{ m.email }}</dd>
                }
                <dt>{{ 'records.page' | transloco }}</dt>
                <dd class="wrap">
                  {{ m.page.title }} <span class="kefu-muted">{{ m.page.url }}</span>
                </dd>
                @if (m.handledAt) {
                  <dt>{{ 'inbox.handledAt' | transloco }}</dt>
                  <dd>{{ m.handledAt | localTime: lang() }}</dd>
                }
                @for (r of m.replies; track r.at) {
                  <dt>{{ 'inbox.replied' | transloco }}</dt>
                  <dd data-testid="leave-message-reply">
                    {{ (r.channel === 'email' ? 'inbox.byEmail' : 'inbox.bySms') | transloco }} · {{ r.at | localTime: lang() }}
                  </dd>
                }
              </dl>
              <div class="actions">
                @if (m.status === 'new') {
                  <button
                    type="button"
                    class="kefu-button kefu-button--small"
                    data-testid="mark-handled"
                    [disabled]="busy() === m.leaveMessageId"
                    (click)="markHandled(m)"
                  >
                    {{ 'inbox.markHandled' | transloco }}
                  </button>
                }
                @if (m.email || m.phone) {
                  <button type="button" class="kefu-button kefu-button--small" data-testid="open-reply" (click)="toggleReply(m)">
                    {{ 'inbox.reply' | transloco }}
                  </button>
                }
              </div>
              @if (replying() === m.leaveMessageId) {
                <kefu-leave-message-reply [siteId]="view.siteId()" [message]="m" (sent)="replied()" />
              }
            </li>
          } @empty {
            <li class="kefu-muted" data-testid="inbox-empty">{{ 'inbox.empty' | transloco }}</li>
          }
        </ul>
      } @else if (list.loading()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: [
    SITE_LIST_STYLES,
    `
      .messages {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      header {
        display: flex;
        gap: 0.75rem;
        align-items: center;
      }
      header time {
        margin-left: auto;
        font-size: 0.85rem;
      }
      .content {
        white-space: pre-wrap;
        word-break: break-word;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.25rem 0.75rem;
        font-size: 0.875rem;
      }
      dt {
        color: var(--kefu-muted);
      }
      dd {
        margin: 0;
      }
      .wrap {
        word-break: break-all;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        margin-bottom: 0.5rem;
      }
    `,
  ],
})
export class LeaveMessagesPage extends SiteListPage<LeaveMessageQuery, LeaveMessageField, LeaveMessageView> {
  protected readonly busy = signal<string | null>(null);
  protected readonly replying = signal<string | null>(null);
  protected readonly actionError = signal<UiError | null>(null);
  protected readonly csvName = 'leave-messages';
  protected readonly selects: readonly SearchSelect[] = [
    {
      field: 'status',
      label: 'inbox.status',
      testId: 'search-status',
      options: [
        { value: 'new', key: 'inbox.new' },
        { value: 'handled', key: 'inbox.handled' },
      ],
    },
  ];

  protected askedOf(p: Record<string, string | undefined>, period: Period): LeaveMessageQuery {
    const status = p['status'] === 'new' || p['status'] === 'handled' ? p['status'] : undefined;
    return { from: period.from, to: period.to, status, q: p['q'] || undefined };
  }

  protected draftOf(a: LeaveMessageQuery): Record<'from' | 'to' | LeaveMessageField, string> {
    return { from: a.from ?? '', to: a.to ?? '', status: a.status ?? '', q: a.q ?? '' };
  }

  protected fetch(siteId: string, query: LeaveMessageQuery): Promise<Page<LeaveMessageView>> {
    return this.api.leaveMessages(siteId, query);
  }

  protected override submitted(d: Record<'from' | 'to' | LeaveMessageField, string>): Record<string, string> {
    return { ...d, q: d.q.trim() };
  }

  protected toggleReply(m: LeaveMessageView): void {
    this.replying.update((id) => (id === m.leaveMessageId ? null : m.leaveMessageId));
  }

  protected replied(): void {
    this.replying.set(null);
    this.list.reload();
  }

  protected async markHandled(m: LeaveMessageView): Promise<void> {
    this.busy.set(m.leaveMessageId);
    this.actionError.set(null);
    try {
      await this.api.markHandled(this.view.siteId(), m.leaveMessageId);
      this.list.reload();
    } catch (e) {
      this.actionError.set(toUiError(e));
    } finally {
      this.busy.set(null);
    }
  }
}

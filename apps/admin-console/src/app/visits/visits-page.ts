import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type Page, VISITOR_KINDS, type VisitQuery, type VisitRowView, type VisitorKind } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe } from '@kefu/ui';
import { CsvButton } from '../reporting/csv-export';
import { ListSearch, type SearchSelect } from '../reporting/list-search';
import { DurationPipe, regionText } from '../reporting/format';
import { Pager } from '../reporting/pager';
import type { Period } from '../reporting/period';
import { SITE_LIST_STYLES, SiteListPage } from '../reporting/site-list-page';
import { sourceText } from '../reporting/source-text';

type VisitField = 'kind' | 'chatted' | 'status';

const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);

/** I3 (manual 3.7.3.1): every visit of a site, searchable by time, visitor kind, chatted or not, and status. */
@Component({
  selector: 'kefu-visits-page',
  imports: [TranslocoPipe, ListSearch, ErrorNotice, LocalTimePipe, CsvButton, Pager, DurationPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <div class="title">
        <h2>{{ 'visits.title' | transloco }}</h2>
        <kefu-csv-button [path]="csvPath()" [query]="exportQuery()" [name]="'visits-' + (view.period()?.from ?? '')" />
      </div>
      <kefu-list-search testId="visits-search" [draft]="draft()" [selects]="selects" [problem]="problem()" (edited)="setDraft($event)" (searched)="search()" />
      <kefu-error-notice [error]="list.error()" />
      @if (list.value(); as result) {
        <kefu-pager [total]="result.total" [page]="page()" [lang]="lang()" (pageChange)="goTo($event)" />
        <table class="data">
          <thead>
            <tr>
              <th>{{ 'visits.startedAt' | transloco }}</th>
              <th>{{ 'visits.kind' | transloco }}</th>
              <th>{{ 'visits.status' | transloco }}</th>
              <th>{{ 'visits.duration' | transloco }}</th>
              <th>{{ 'visits.pages' | transloco }}</th>
              <th>{{ 'visits.entryPage' | transloco }}</th>
              <th>{{ 'records.region' | transloco }}</th>
              <th>{{ 'records.source' | transloco }}</th>
              <th>{{ 'visits.chatted' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (visit of result.items; track visit.visitId) {
              <tr data-testid="visit-row" [attr.data-visit]="visit.visitId">
                <td>{{ visit.startedAt | localTime: lang() }}</td>
                <td>{{ 'visitorKind.' + visit.kind | transloco }}</td>
                <td>
                  <span class="status" [class.status--active]="visit.status === 'online'">{{ 'visits.' + visit.status | transloco }}</span>
                </td>
                <td>{{ durationOf(visit) | duration: lang() }}</td>
                <td>{{ visit.pages }}</td>
                <td class="page-cell" [title]="visit.entryPage.url">{{ visit.entryPage.title || visit.entryPage.url }}</td>
                <td>{{ region(visit) }}</td>
                <td>{{ source(visit) }}</td>
                <td>
                  {{ (visit.chatted ? 'visits.chattedYes' : 'visits.chattedNo') | transloco }}
                  @if (visit.leftMessage) {
                    · {{ 'visits.leftMessage' | transloco }}
                  }
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="9" class="kefu-muted" data-testid="visits-empty">{{ 'visits.empty' | transloco }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else if (list.loading()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: [
    SITE_LIST_STYLES,
    `
      .page-cell {
        max-width: 220px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ],
})
export class VisitsPage extends SiteListPage<VisitQuery, VisitField, VisitRowView> {
  private readonly transloco = inject(TranslocoService);
  protected readonly selects: readonly SearchSelect[] = [
    { field: 'kind', label: 'visits.kind', testId: 'search-kind', options: VISITOR_KINDS.map((k) => ({ value: k, key: `visitorKind.${k}` })) },
    {
      field: 'chatted',
      label: 'visits.chatted',
      testId: 'search-chatted',
      options: [
        { value: 'yes', key: 'visits.chattedYes' },
        { value: 'no', key: 'visits.chattedNo' },
      ],
    },
    {
      field: 'status',
      label: 'visits.status',
      testId: 'search-status',
      options: [
        { value: 'online', key: 'visits.online' },
        { value: 'ended', key: 'visits.ended' },
      ],
    },
  ];
  protected readonly csvName = 'visits';
  /** Ticks so an online visit's duration grows while the page is open. */
  private readonly now = signal(Date.now());

  constructor() {
    super();
    const timer = setInterval(() => this.now.set(Date.now()), 15_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected askedOf(p: Record<string, string | undefined>, period: Period): VisitQuery {
    return {
      from: period.from,
      to: period.to,
      kind: pick<VisitorKind>(p['kind'], VISITOR_KINDS),
      chatted: pick(p['chatted'], ['yes', 'no'] as const),
      status: pick(p['status'], ['online', 'ended'] as const),
    };
  }

  protected draftOf(a: VisitQuery): Record<'from' | 'to' | VisitField, string> {
    return { from: a.from ?? '', to: a.to ?? '', kind: a.kind ?? '', chatted: a.chatted ?? '', status: a.status ?? '' };
  }

  protected fetch(siteId: string, query: VisitQuery): Promise<Page<VisitRowView>> {
    return this.api.visits(siteId, query);
  }

  protected durationOf(visit: VisitRowView): number {
    const end = visit.endedAt ? Date.parse(visit.endedAt) : this.now();
    return end - Date.parse(visit.startedAt);
  }

  protected region(visit: VisitRowView): string {
    return regionText(visit.region, this.lang());
  }

  protected source(visit: VisitRowView): string {
    return sourceText(visit.source, (k, p) => this.transloco.translate(k, p));
  }
}

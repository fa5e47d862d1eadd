import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Page, RatingQuery, RatingView } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe } from '@kefu/ui';
import { CsvButton } from '../reporting/csv-export';
import { ListSearch, type SearchSelect } from '../reporting/list-search';
import { Pager } from '../reporting/pager';
import type { Period } from '../reporting/period';
import { SITE_LIST_STYLES, SiteListPage } from '../reporting/site-list-page';

type RatingField = 'agentId' | 'score';

const SCORES = [5, 4, 3, 2, 1] as const;

/** I7 (manual 3.7.3.4): every rating with its score and suggestion, each linked to its conversation. */
@Component({
  selector: 'kefu-ratings-page',
  imports: [RouterLink, TranslocoPipe, ListSearch, ErrorNotice, LocalTimePipe, CsvButton, Pager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <div class="title">
        <h2>{{ 'ratingList.title' | transloco }}</h2>
        <kefu-csv-button [path]="csvPath()" [query]="exportQuery()" [name]="'ratings-' + (view.period()?.from ?? '')" />
      </div>
      <kefu-list-search
        testId="ratings-search"
        [draft]="draft()"
        [selects]="selects()"
        [problem]="problem()"
        (edited)="setDraft($event)"
        (searched)="search()"
      />
      <kefu-error-notice [error]="list.error()" />
      @if (list.value(); as result) {
        <kefu-pager [total]="result.total" [page]="page()" [lang]="lang()" (pageChange)="goTo($event)" />
        <table class="data">
          <thead>
            <tr>
              <th>{{ 'records.time' | transloco }}</th>
              <th>{{ 'records.agent' | transloco }}</th>
              <th>{{ 'ratingList.score' | transloco }}</th>
              <th>{{ 'ratingList.suggestion' | transloco }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (rating of result.items; track rating.chatId) {
              <tr data-testid="rating-row">
                <td>{{ rating.at | localTime: lang() }}</td>
                <td>{{ rating.agentName }}</td>
                <td>
                  <span class="stars" [attr.aria-label]="'records.stars' | transloco: { score: rating.score }">{{ stars(rating.score) }}</span>
                  {{ rating.score }}
                </td>
                <td class="suggestion">{{ rating.suggestion || ('common.none' | transloco) }}</td>
                <td>
                  <a [routerLink]="['..', 'chats', rating.chatId]" data-testid="rating-chat">{{ 'ratingList.openChat' | transloco }}</a>
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="5" class="kefu-muted" data-testid="ratings-empty">{{ 'ratingList.empty' | transloco }}</td>
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
      .stars {
        color: #bf8700;
        letter-spacing: 1px;
      }
      .suggestion {
        white-space: pre-wrap;
        word-break: break-word;
      }
    `,
  ],
})
export class RatingsPage extends SiteListPage<RatingQuery, RatingField, RatingView> {
  protected readonly selects = computed<readonly SearchSelect[]>(() => [
    {
      field: 'agentId',
      label: 'records.agent',
      testId: 'search-agent',
      options: (this.view.site.site()?.agents ?? []).map((a) => ({ value: a.userId, text: a.nickname })),
    },
    {
      field: 'score',
      label: 'ratingList.score',
      testId: 'search-score',
      options: SCORES.map((score) => ({ value: String(score), key: 'records.stars', params: { score } })),
    },
  ]);
  protected readonly csvName = 'ratings';

  protected askedOf(p: Record<string, string | undefined>, period: Period): RatingQuery {
    const score = Number(p['score']);
    return { from: period.from, to: period.to, agentId: p['agentId'] || undefined, score: score >= 1 && score <= 5 ? score : undefined };
  }

  protected draftOf(a: RatingQuery): Record<'from' | 'to' | RatingField, string> {
    return { from: a.from ?? '', to: a.to ?? '', agentId: a.agentId ?? '', score: a.score ? String(a.score) : '' };
  }

  protected fetch(siteId: string, query: RatingQuery): Promise<Page<RatingView>> {
    return this.api.ratings(siteId, query);
  }

  protected stars(score: number): string {
    return '★'.repeat(score) + '☆'.repeat(Math.max(0, 5 - score));
  }
}

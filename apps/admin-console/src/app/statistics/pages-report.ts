import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { DurationPipe, NumberPipe } from '../reporting/format';
import { rankingChart } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';
import { ReportTrend, type TrendColumn } from './report-trend';
import { StatisticsState } from './statistics-state';

/** J2: views, chats started on each page, average time on page; one page's trend (`?url=`). */
@Component({
  selector: 'kefu-pages-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, ReportTrend, NumberPipe, DurationPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame [report]="r">
      @if (r.data.value(); as report) {
        @if (report.trend; as trend) {
          <div class="trend" data-testid="page-trend">
            <kefu-report-trend
              [series]="trend.series"
              [granularity]="report.granularity"
              [columns]="trendColumns"
              closeLabel="stats.allPages"
              (closed)="showTrend(null)"
            >
              {{ 'stats.pages.trendOf' | transloco }} <span class="url">{{ trend.url }}</span>
            </kefu-report-trend>
          </div>
        } @else {
          @if (report.rows.length) {
            <kefu-report-chart [options]="ranking()!" [height]="360" />
          }
          <table class="data" data-testid="report-table">
            <thead>
              <tr>
                <th>{{ 'stats.pages.page' | transloco }}</th>
                <th class="num">{{ 'stats.pages.views' | transloco }}</th>
                <th class="num">{{ 'stats.pages.chatsStarted' | transloco }}</th>
                <th class="num">{{ 'stats.pages.avgTime' | transloco }}</th>
                <th class="no-print"></th>
              </tr>
            </thead>
            <tbody>
              @for (row of report.rows; track row.url) {
                <tr data-testid="report-row" [attr.data-key]="row.url">
                  <td class="wrap">
                    {{ row.title || row.url }}<br /><small class="kefu-muted">{{ row.url }}</small>
                  </td>
                  <td class="num" data-col="views">{{ row.views | num: r.lang() }}</td>
                  <td class="num" data-col="chatsStarted">{{ row.chatsStarted | num: r.lang() }}</td>
                  <td class="num" data-col="avgTime">{{ row.avgTimeOnPageMs | duration: r.lang() }}</td>
                  <td class="no-print">
                    <button type="button" class="kefu-button kefu-button--small" data-testid="show-trend" (click)="showTrend(row.url)">
                      {{ 'stats.trend' | transloco }}
                    </button>
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="5" class="kefu-muted" data-testid="report-empty">{{ 'stats.empty' | transloco }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
    </kefu-report-frame>
  `,
})
export class PagesReport {
  private readonly stats = inject(StatisticsState);
  private readonly url = computed<string | undefined>(() => this.stats.params()['url'] || undefined);
  protected readonly r = injectReport('pages', () => ({ url: this.url() }));
  protected readonly ranking = computed(() => {
    const report = this.r.data.value();
    return report
      ? rankingChart(
          report.rows.map((row) => ({ name: row.title || row.url, values: [row.views, row.chatsStarted] })),
          [this.r.label('stats.pages.views'), this.r.label('stats.pages.chatsStarted')],
        )
      : null;
  });
  protected readonly trendColumns: readonly TrendColumn[] = [
    { key: 'views', label: 'stats.pages.views', format: 'num', charted: true },
    { key: 'chatsStarted', label: 'stats.pages.chatsStarted', format: 'num', charted: true },
    { key: 'avgTimeOnPageMs', label: 'stats.pages.avgTime', format: 'duration', charted: false },
  ];

  protected showTrend(url: string | null): void {
    this.r.state.setParams({ url });
  }
}

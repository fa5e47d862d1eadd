import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { BucketPipe, DurationPipe, NumberPipe } from '../reporting/format';
import { rankingChart, trendChart } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';
import { StatisticsState } from './statistics-state';

/** J2: views, chats started on each page, average time on page; one page's trend (`?url=`). */
@Component({
  selector: 'kefu-pages-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, NumberPipe, DurationPipe, BucketPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame
      name="pages"
      [meta]="r.data.value()"
      [loading]="r.data.loading()"
      [error]="r.data.error()"
      [path]="r.path()"
      [query]="r.query()"
      [fileName]="r.fileName()"
    >
      @if (r.data.value(); as report) {
        @if (report.trend; as trend) {
          <div class="trend" data-testid="page-trend">
            <h3>
              {{ 'stats.pages.trendOf' | transloco }} <span class="url">{{ trend.url }}</span>
              <button type="button" class="kefu-button kefu-button--small no-print" data-testid="trend-close" (click)="showTrend(null)">
                {{ 'stats.allPages' | transloco }}
              </button>
            </h3>
            <kefu-report-chart [options]="trendOptions()!" />
            <table class="data">
              <thead>
                <tr>
                  <th>{{ 'stats.bucket.' + report.granularity | transloco }}</th>
                  <th class="num">{{ 'stats.pages.views' | transloco }}</th>
                  <th class="num">{{ 'stats.pages.chatsStarted' | transloco }}</th>
                  <th class="num">{{ 'stats.pages.avgTime' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of trend.series; track row.bucket) {
                  <tr data-testid="trend-row">
                    <td>{{ row.bucket | bucket: report.granularity : r.lang() }}</td>
                    <td class="num">{{ row.views | num: r.lang() }}</td>
                    <td class="num">{{ row.chatsStarted | num: r.lang() }}</td>
                    <td class="num">{{ row.avgTimeOnPageMs | duration: r.lang() }}</td>
                  </tr>
                }
              </tbody>
            </table>
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
  protected readonly trendOptions = computed(() => {
    const report = this.r.data.value();
    const trend = report?.trend;
    return report && trend
      ? trendChart(
          trend.series,
          report.granularity,
          [
            { name: this.r.label('stats.pages.views'), values: trend.series.map((b) => b.views) },
            { name: this.r.label('stats.pages.chatsStarted'), values: trend.series.map((b) => b.chatsStarted) },
          ],
          this.r.lang(),
        )
      : null;
  });

  protected showTrend(url: string | null): void {
    this.r.state.setParams({ url });
  }
}

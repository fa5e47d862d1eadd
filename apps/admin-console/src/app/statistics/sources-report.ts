import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SourceRow } from '@kefu/contracts';
import { BucketPipe, NumberPipe, SharePipe } from '../reporting/format';
import { sourceShareChart, trendChart } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';
import { StatisticsState } from './statistics-state';
import { sourceName } from './source-label';

/** J3: referring sites and channels with visits, share, chats, chat rate; one source's trend (`?source=`). */
@Component({
  selector: 'kefu-sources-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, NumberPipe, SharePipe, BucketPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame
      name="sources"
      [meta]="r.data.value()"
      [loading]="r.data.loading()"
      [error]="r.data.error()"
      [path]="r.path()"
      [query]="r.query()"
      [fileName]="r.fileName()"
    >
      @if (r.data.value(); as report) {
        @if (report.trend; as trend) {
          <div data-testid="source-trend">
            <h3>
              {{ 'stats.sources.trendOf' | transloco }} {{ trendName() }}
              <button type="button" class="kefu-button kefu-button--small no-print" data-testid="trend-close" (click)="showTrend(null)">
                {{ 'stats.allSources' | transloco }}
              </button>
            </h3>
            <kefu-report-chart [options]="trendOptions()!" />
            <table class="data">
              <thead>
                <tr>
                  <th>{{ 'stats.bucket.' + report.granularity | transloco }}</th>
                  <th class="num">{{ 'stats.visits' | transloco }}</th>
                  <th class="num">{{ 'stats.chats' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of trend.series; track row.bucket) {
                  <tr data-testid="trend-row">
                    <td>{{ row.bucket | bucket: report.granularity : r.lang() }}</td>
                    <td class="num">{{ row.visits | num: r.lang() }}</td>
                    <td class="num">{{ row.chats | num: r.lang() }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          @if (report.rows.length) {
            <kefu-report-chart [options]="share()!" [height]="300" />
          }
          <table class="data" data-testid="report-table">
            <thead>
              <tr>
                <th>{{ 'stats.sources.source' | transloco }}</th>
                <th class="num">{{ 'stats.visits' | transloco }}</th>
                <th class="num">{{ 'stats.share' | transloco }}</th>
                <th class="num">{{ 'stats.chats' | transloco }}</th>
                <th class="num">{{ 'stats.chatRate' | transloco }}</th>
                <th class="no-print"></th>
              </tr>
            </thead>
            <tbody>
              @for (row of report.rows; track row.source) {
                <tr data-testid="report-row" [attr.data-key]="row.source">
                  <td>{{ name(row) }}</td>
                  <td class="num" data-col="visits">{{ row.visits | num: r.lang() }}</td>
                  <td class="num" data-col="share">{{ row.share | share: r.lang() }}</td>
                  <td class="num" data-col="chats">{{ row.chats | num: r.lang() }}</td>
                  <td class="num" data-col="chatRate">{{ row.chatRate | share: r.lang() }}</td>
                  <td class="no-print">
                    <button type="button" class="kefu-button kefu-button--small" data-testid="show-trend" (click)="showTrend(row.source)">
                      {{ 'stats.trend' | transloco }}
                    </button>
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="6" class="kefu-muted" data-testid="report-empty">{{ 'stats.empty' | transloco }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
    </kefu-report-frame>
  `,
})
export class SourcesReport {
  private readonly stats = inject(StatisticsState);
  private readonly source = computed<string | undefined>(() => this.stats.params()['source'] || undefined);
  protected readonly r = injectReport('sources', () => ({ source: this.source() }));
  protected readonly name = (row: SourceRow): string => sourceName(row, this.r.label);
  protected readonly share = computed(() => {
    const report = this.r.data.value();
    return report ? sourceShareChart(report.rows, this.name) : null;
  });
  protected readonly trendName = computed(() => {
    const key = this.r.data.value()?.trend?.source ?? '';
    const [kind, rest = ''] = key.split(/:(.*)/s);
    if (kind === 'direct') return sourceName({ kind: 'direct', engine: '', host: '' }, this.r.label);
    if (kind === 'search') return sourceName({ kind: 'search', engine: rest, host: '' }, this.r.label);
    return rest || key;
  });
  protected readonly trendOptions = computed(() => {
    const report = this.r.data.value();
    const trend = report?.trend;
    return report && trend
      ? trendChart(
          trend.series,
          report.granularity,
          [
            { name: this.r.label('stats.visits'), values: trend.series.map((b) => b.visits) },
            { name: this.r.label('stats.chats'), values: trend.series.map((b) => b.chats) },
          ],
          this.r.lang(),
        )
      : null;
  });

  protected showTrend(source: string | null): void {
    this.r.state.setParams({ source });
  }
}

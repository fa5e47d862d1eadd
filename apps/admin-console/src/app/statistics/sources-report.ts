import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SourceRow } from '@kefu/contracts';
import { NumberPipe, SharePipe } from '../reporting/format';
import { sourceShareChart } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';
import { ReportTrend, type TrendColumn } from './report-trend';
import { StatisticsState } from './statistics-state';
import { sourceName } from './source-label';

/** J3: referring sites and channels with visits, share, chats, chat rate; one source's trend (`?source=`). */
@Component({
  selector: 'kefu-sources-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, ReportTrend, NumberPipe, SharePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame [report]="r">
      @if (r.data.value(); as report) {
        @if (report.trend; as trend) {
          <div data-testid="source-trend">
            <kefu-report-trend
              [series]="trend.series"
              [granularity]="report.granularity"
              [columns]="trendColumns"
              closeLabel="stats.allSources"
              (closed)="showTrend(null)"
            >
              {{ 'stats.sources.trendOf' | transloco }} {{ trendName() }}
            </kefu-report-trend>
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
  protected readonly trendColumns: readonly TrendColumn[] = [
    { key: 'visits', label: 'stats.visits', format: 'num', charted: true },
    { key: 'chats', label: 'stats.chats', format: 'num', charted: true },
  ];

  protected showTrend(source: string | null): void {
    this.r.state.setParams({ source });
  }
}

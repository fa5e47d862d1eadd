import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Granularity, PageTrendBucket, SourceTrendBucket } from '@kefu/contracts';
import { injectActiveLanguage } from '@kefu/ui';
import { formatBucket, formatDuration, formatNumber } from '../reporting/format';
import { trendChart } from './chart-options';
import { ReportChart } from './report-chart';

type TrendBucket = PageTrendBucket | SourceTrendBucket;

/** One column of a trend table; `charted` columns are also lines of the chart. */
export interface TrendColumn {
  readonly key: string;
  readonly label: string;
  readonly format: 'num' | 'duration';
  readonly charted: boolean;
}

/** One row's trend (a page's, a source's): its chart and its table by bucket, under a heading that leads back to all rows. */
@Component({
  selector: 'kefu-report-trend',
  imports: [TranslocoPipe, ReportChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <h3>
      <ng-content />
      <button type="button" class="kefu-button kefu-button--small no-print" data-testid="trend-close" (click)="closed.emit()">
        {{ closeLabel() | transloco }}
      </button>
    </h3>
    <kefu-report-chart [options]="options()" />
    <table class="data">
      <thead>
        <tr>
          <th>{{ 'stats.bucket.' + granularity() | transloco }}</th>
          @for (c of columns(); track c.key) {
            <th class="num">{{ c.label | transloco }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of series(); track row.bucket) {
          <tr data-testid="trend-row">
            <td>{{ bucket(row) }}</td>
            @for (c of columns(); track c.key) {
              <td class="num">{{ cell(row, c) }}</td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ReportTrend {
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = injectActiveLanguage();
  readonly series = input.required<readonly TrendBucket[]>();
  readonly granularity = input.required<Granularity>();
  readonly columns = input.required<readonly TrendColumn[]>();
  /** The translation key of the button back to all rows. */
  readonly closeLabel = input.required<string>();
  readonly closed = output<void>();

  protected readonly options = computed(() => {
    const series = this.series();
    const lang = this.lang();
    return trendChart(
      [...series],
      this.granularity(),
      this.columns()
        .filter((c) => c.charted)
        .map((c) => ({ name: this.transloco.translate(c.label), values: series.map((b) => this.value(b, c)) })),
      lang,
    );
  });

  protected bucket(row: TrendBucket): string {
    return formatBucket(row.bucket, this.granularity(), this.lang());
  }

  protected cell(row: TrendBucket, column: TrendColumn): string {
    const value = this.value(row, column);
    return column.format === 'duration' ? formatDuration(value, this.lang()) : formatNumber(value, this.lang());
  }

  private value(row: TrendBucket, column: TrendColumn): number | null {
    return (row as unknown as Record<string, number | null>)[column.key] ?? null;
  }
}

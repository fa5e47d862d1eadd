import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';

/**
 * One report's chart. The chart library is its own chunk, fetched when the first chart draws. A browser
 * without ResizeObserver (every supported one has it) gets the table alone rather than a broken chart.
 */
@Component({
  selector: 'kefu-report-chart',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canDraw) {
      <div echarts class="chart" data-testid="report-chart" [options]="options()" [initOpts]="initOpts" [style.height.px]="height()"></div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
    }
  `,
})
export class ReportChart {
  readonly options = input.required<EChartsCoreOption>();
  readonly height = input(320);
  protected readonly initOpts = { renderer: 'svg' as const };
  protected readonly canDraw = typeof window !== 'undefined' && 'ResizeObserver' in window;
}

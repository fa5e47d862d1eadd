import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { VISITOR_KINDS } from '@kefu/contracts';
import { BucketPipe, NumberPipe, SharePipe } from '../reporting/format';
import { visitorKindsChart, visitorsChart } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';

/** J1: visits, unique visitors, chats, leave-messages and the share of each visitor kind. */
@Component({
  selector: 'kefu-visitors-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, NumberPipe, SharePipe, BucketPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame [report]="r">
      @if (r.data.value(); as report) {
        <dl class="figures">
          @for (figure of figures; track figure) {
            <div>
              <dt>{{ 'stats.visitors.' + figure | transloco }}</dt>
              <dd [attr.data-testid]="'figure-' + figure">{{ report.totals[figure] | num: r.lang() }}</dd>
            </div>
          }
          @for (kind of kinds; track kind) {
            <div>
              <dt>{{ 'visitorKind.' + kind | transloco }}</dt>
              <dd [attr.data-testid]="'share-' + kind">
                {{ report.totals.kinds[kind] | num: r.lang() }} <small>({{ report.totals.shares[kind] | share: r.lang() }})</small>
              </dd>
            </div>
          }
        </dl>
        <div class="charts">
          <kefu-report-chart [options]="chart()!" />
          <kefu-report-chart [options]="kindsChart()!" [height]="280" />
        </div>
        <table class="data" data-testid="report-table">
          <thead>
            <tr>
              <th>{{ 'stats.bucket.' + report.granularity | transloco }}</th>
              @for (figure of figures; track figure) {
                <th class="num">{{ 'stats.visitors.' + figure | transloco }}</th>
              }
              @for (kind of kinds; track kind) {
                <th class="num">{{ 'visitorKind.' + kind | transloco }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of report.series; track row.bucket) {
              <tr data-testid="report-row" [attr.data-bucket]="row.bucket">
                <td>{{ row.bucket | bucket: report.granularity : r.lang() }}</td>
                @for (figure of figures; track figure) {
                  <td class="num" [attr.data-col]="figure">{{ row[figure] | num: r.lang() }}</td>
                }
                @for (kind of kinds; track kind) {
                  <td class="num" [attr.data-col]="kind">{{ row.kinds[kind] | num: r.lang() }}</td>
                }
              </tr>
            }
          </tbody>
          <tfoot>
            <tr data-testid="report-total">
              <th>{{ 'stats.total' | transloco }}</th>
              @for (figure of figures; track figure) {
                <td class="num" [attr.data-col]="figure">{{ report.totals[figure] | num: r.lang() }}</td>
              }
              @for (kind of kinds; track kind) {
                <td class="num" [attr.data-col]="kind">{{ report.totals.kinds[kind] | num: r.lang() }}</td>
              }
            </tr>
          </tfoot>
        </table>
        <p class="kefu-muted note">{{ 'stats.visitors.uniqueNote' | transloco }}</p>
      }
    </kefu-report-frame>
  `,
})
export class VisitorsReport {
  protected readonly r = injectReport('visitors');
  protected readonly figures = ['visits', 'uniqueVisitors', 'chats', 'leaveMessages'] as const;
  protected readonly kinds = VISITOR_KINDS;
  protected readonly chart = computed(() => {
    const report = this.r.data.value();
    return report ? visitorsChart(report, this.r.label, this.r.lang()) : null;
  });
  protected readonly kindsChart = computed(() => {
    const report = this.r.data.value();
    return report ? visitorKindsChart(report, this.r.label) : null;
  });
}

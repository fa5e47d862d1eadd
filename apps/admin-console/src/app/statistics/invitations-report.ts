import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FunnelRow } from '@kefu/contracts';
import { NumberPipe, SharePipe } from '../reporting/format';
import { funnelChart } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';

/** ★ The invitation funnel: sent → accepted → chat → rated, by rule and by inviting agent. */
@Component({
  selector: 'kefu-invitations-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, NumberPipe, SharePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame [report]="r">
      @if (r.data.value(); as report) {
        <kefu-report-chart [options]="funnel()!" [height]="300" />
        <table class="data" data-testid="report-table">
          <thead>
            <tr>
              <th>{{ 'stats.funnel.by' | transloco }}</th>
              @for (c of columns; track c) {
                <th class="num">{{ 'stats.funnel.' + c | transloco }}</th>
              }
              <th class="num">{{ 'stats.funnel.acceptRate' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of report.rows; track row.key) {
              <tr data-testid="report-row" [attr.data-key]="row.key">
                <td>{{ row.by === 'rule' ? ('stats.funnel.rule' | transloco: { rule: row.label }) : row.label }}</td>
                @for (c of columns; track c) {
                  <td class="num" [attr.data-col]="c">{{ row[c] | num: r.lang() }}</td>
                }
                <td class="num">{{ rate(row) | share: r.lang() }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="7" class="kefu-muted" data-testid="report-empty">{{ 'stats.empty' | transloco }}</td>
              </tr>
            }
          </tbody>
          <tfoot>
            <tr data-testid="report-total">
              <th>{{ 'stats.total' | transloco }}</th>
              @for (c of columns; track c) {
                <td class="num" [attr.data-col]="c">{{ report.totals[c] | num: r.lang() }}</td>
              }
              <td class="num">{{ rate(report.totals) | share: r.lang() }}</td>
            </tr>
          </tfoot>
        </table>
      }
    </kefu-report-frame>
  `,
})
export class InvitationsReport {
  protected readonly r = injectReport('invitations');
  protected readonly columns = ['sent', 'accepted', 'declined', 'chats', 'rated'] as const;
  protected readonly funnel = computed(() => {
    const report = this.r.data.value();
    return report ? funnelChart(report, this.r.label) : null;
  });

  protected rate(row: Pick<FunnelRow, 'sent' | 'accepted'>): number | null {
    return row.sent ? row.accepted / row.sent : null;
  }
}

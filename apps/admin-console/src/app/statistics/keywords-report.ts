import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { NumberPipe } from '../reporting/format';
import { keywordRanking } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';
import { engineName } from './source-label';

/** J4: the keywords visitors searched for on Baidu, Google, Bing, Sogou, 360, Shenma … before arriving. */
@Component({
  selector: 'kefu-keywords-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, NumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame [report]="r">
      @if (r.data.value(); as report) {
        @if (report.rows.length) {
          <kefu-report-chart [options]="ranking()!" [height]="340" />
        }
        <table class="data" data-testid="report-table">
          <thead>
            <tr>
              <th>{{ 'stats.keywords.keyword' | transloco }}</th>
              <th>{{ 'stats.keywords.engine' | transloco }}</th>
              <th class="num">{{ 'stats.visits' | transloco }}</th>
              <th class="num">{{ 'stats.chats' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of report.rows; track row.engine + '|' + row.keyword) {
              <tr data-testid="report-row" [attr.data-key]="row.keyword">
                <td>{{ row.keyword }}</td>
                <td>{{ engine(row.engine) }}</td>
                <td class="num" data-col="visits">{{ row.visits | num: r.lang() }}</td>
                <td class="num" data-col="chats">{{ row.chats | num: r.lang() }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="4" class="kefu-muted" data-testid="report-empty">{{ 'stats.empty' | transloco }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    </kefu-report-frame>
  `,
})
export class KeywordsReport {
  protected readonly r = injectReport('keywords');
  protected readonly engine = (id: string): string => engineName(id, this.r.label);
  protected readonly ranking = computed(() => {
    const report = this.r.data.value();
    return report ? keywordRanking(report.rows, this.r.label) : null;
  });
}

import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { BucketPipe, NumberPipe } from '../reporting/format';
import { ratingTrendChart, scoresChart } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';

/** J6: ratings by score and by agent, the average and its trend. */
@Component({
  selector: 'kefu-ratings-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, NumberPipe, BucketPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame [report]="r">
      @if (r.data.value(); as report) {
        <dl class="figures">
          <div>
            <dt>{{ 'stats.ratings.count' | transloco }}</dt>
            <dd data-testid="figure-ratings">{{ report.ratings | num: r.lang() }}</dd>
          </div>
          <div>
            <dt>{{ 'stats.ratings.average' | transloco }}</dt>
            <dd data-testid="figure-average">{{ report.average | num: r.lang() : 2 }}</dd>
          </div>
          @for (s of scores; track s) {
            <div>
              <dt>{{ 'stats.ratings.stars' | transloco: { score: s } }}</dt>
              <dd [attr.data-testid]="'score-' + s">{{ report.scores[s] | num: r.lang() }}</dd>
            </div>
          }
        </dl>
        <div class="charts">
          <kefu-report-chart [options]="scoresOptions()!" [height]="260" />
          <kefu-report-chart [options]="trendOptions()!" [height]="260" />
        </div>
        <h3>{{ 'stats.ratings.byAgent' | transloco }}</h3>
        <table class="data" data-testid="report-table">
          <thead>
            <tr>
              <th>{{ 'stats.ratings.agent' | transloco }}</th>
              <th class="num">{{ 'stats.ratings.count' | transloco }}</th>
              <th class="num">{{ 'stats.ratings.average' | transloco }}</th>
              @for (s of scores; track s) {
                <th class="num">{{ 'stats.ratings.stars' | transloco: { score: s } }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of report.byAgent; track row.agentId) {
              <tr data-testid="report-row" [attr.data-key]="row.agentId">
                <td>{{ row.agentName }}</td>
                <td class="num" data-col="ratings">{{ row.ratings | num: r.lang() }}</td>
                <td class="num" data-col="average">{{ row.average | num: r.lang() : 2 }}</td>
                @for (s of scores; track s) {
                  <td class="num" [attr.data-col]="'score-' + s">{{ row.scores[s] | num: r.lang() }}</td>
                }
              </tr>
            } @empty {
              <tr>
                <td colspan="8" class="kefu-muted" data-testid="report-empty">{{ 'stats.empty' | transloco }}</td>
              </tr>
            }
          </tbody>
        </table>
        <h3>{{ 'stats.ratings.trend' | transloco }}</h3>
        <table class="data">
          <thead>
            <tr>
              <th>{{ 'stats.bucket.' + report.granularity | transloco }}</th>
              <th class="num">{{ 'stats.ratings.count' | transloco }}</th>
              <th class="num">{{ 'stats.ratings.average' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of report.series; track row.bucket) {
              <tr data-testid="trend-row">
                <td>{{ row.bucket | bucket: report.granularity : r.lang() }}</td>
                <td class="num">{{ row.ratings | num: r.lang() }}</td>
                <td class="num">{{ row.average | num: r.lang() : 2 }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    </kefu-report-frame>
  `,
})
export class RatingsReport {
  protected readonly r = injectReport('ratings');
  protected readonly scores = ['5', '4', '3', '2', '1'] as const;
  protected readonly scoresOptions = computed(() => {
    const report = this.r.data.value();
    return report ? scoresChart(report, this.r.label) : null;
  });
  protected readonly trendOptions = computed(() => {
    const report = this.r.data.value();
    return report ? ratingTrendChart(report, this.r.label, this.r.lang()) : null;
  });
}

import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { placeNamesIn, type RegionLevel, type RegionRow } from '@kefu/contracts';
import { NumberPipe } from '../reporting/format';
import { regionRanking } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportFrame, injectReport } from './report-frame';
import { StatisticsState } from './statistics-state';

const LEVELS: readonly RegionLevel[] = ['country', 'province', 'city'];

/** J5: visits and chats by country, province or city (`?level=`). */
@Component({
  selector: 'kefu-regions-report',
  imports: [TranslocoPipe, ReportFrame, ReportChart, NumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-report-frame [report]="r">
      <div class="levels no-print" role="radiogroup" [attr.aria-label]="'stats.regions.level' | transloco">
        @for (l of levels; track l) {
          <button
            type="button"
            role="radio"
            class="kefu-button kefu-button--small"
            [class.kefu-button--primary]="level() === l"
            [attr.aria-checked]="level() === l"
            [attr.data-testid]="'level-' + l"
            (click)="choose(l)"
          >
            {{ 'stats.regions.' + l | transloco }}
          </button>
        }
      </div>
      @if (r.data.value(); as report) {
        @if (report.rows.length) {
          <kefu-report-chart [options]="ranking()!" [height]="380" />
        }
        <table class="data" data-testid="report-table">
          <thead>
            <tr>
              <th>{{ 'stats.regions.' + report.level | transloco }}</th>
              <th class="num">{{ 'stats.visits' | transloco }}</th>
              <th class="num">{{ 'stats.chats' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of report.rows; track name(row)) {
              <tr data-testid="report-row" [attr.data-key]="name(row)">
                <td>{{ name(row) }}</td>
                <td class="num" data-col="visits">{{ row.visits | num: r.lang() }}</td>
                <td class="num" data-col="chats">{{ row.chats | num: r.lang() }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="3" class="kefu-muted" data-testid="report-empty">{{ 'stats.empty' | transloco }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    </kefu-report-frame>
  `,
  styles: `
    .levels {
      display: flex;
      gap: 0.25rem;
      margin-bottom: 0.75rem;
    }
  `,
})
export class RegionsReport {
  protected readonly levels = LEVELS;
  private readonly stats = inject(StatisticsState);
  protected readonly level = computed<RegionLevel>(() => {
    const asked = this.stats.params()['level'];
    return (LEVELS as readonly string[]).includes(asked ?? '') ? (asked as RegionLevel) : 'province';
  });
  protected readonly r = injectReport('regions', () => ({ level: this.level() }));
  /** The row's place at the report's level; an unknown one (ip2region's '' or '0') says so. */
  protected readonly name = (row: RegionRow): string => {
    const named = placeNamesIn(row, this.r.lang());
    const parts = [named.country, named.province, named.city].filter((p) => p && p !== '0');
    return parts.join(' ') || this.r.label('stats.regions.unknown');
  };
  protected readonly ranking = computed(() => {
    const report = this.r.data.value();
    return report ? regionRanking(report.rows, this.name, this.r.label) : null;
  });

  protected choose(level: RegionLevel): void {
    this.r.state.setParams({ level });
  }
}

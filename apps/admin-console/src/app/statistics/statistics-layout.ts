import { ChangeDetectionStrategy, Component, ViewEncapsulation, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { injectActiveLanguage } from '@kefu/ui';
import { SiteContext } from '../site/site-context';
import { formatDate } from '../reporting/format';
import { PeriodPicker } from '../reporting/period-picker';
import { REPORT_NAMES } from '../reporting/reports-api';
import { StatisticsState } from './statistics-state';

/**
 * J1–J6 and ★: one tab per report, one period for all of them (in the URL), a print view.
 * The print stylesheet (not encapsulated, loaded with this lazy chunk only) hides every navigation and
 * button and keeps the heading, the chart and the table.
 */
@Component({
  selector: 'kefu-statistics-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe, PeriodPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  providers: [StatisticsState],
  template: `
    <div class="statistics">
      <nav class="report-tabs no-print" [attr.aria-label]="'stats.reports' | transloco">
        @for (report of reports; track report) {
          <a [routerLink]="report" routerLinkActive="active" queryParamsHandling="preserve" [attr.data-testid]="'report-tab-' + report">
            {{ 'stats.report.' + report | transloco }}
          </a>
        }
      </nav>
      @if (state.period(); as period) {
        <div class="toolbar no-print">
          <kefu-period-picker [period]="period" [timeZone]="state.timeZone() ?? ''" (periodChange)="state.setPeriod($event)" />
          <button type="button" class="kefu-button kefu-button--small" data-testid="print" (click)="print()">{{ 'stats.print' | transloco }}</button>
        </div>
        <p class="print-only">{{ site.site()?.name }} · {{ date(period.from) }} – {{ date(period.to) }}</p>
      }
      <router-outlet />
    </div>
  `,
  styles: `
    .statistics .report-tabs {
      display: flex;
      gap: 0.25rem;
      flex-wrap: wrap;
      margin-bottom: 0.75rem;
    }
    .statistics .report-tabs a {
      padding: 0.3rem 0.75rem;
      border-radius: 999px;
      color: var(--kefu-muted);
      text-decoration: none;
      border: 1px solid var(--kefu-border);
      background: #fff;
      font-size: 0.875rem;
    }
    .statistics .report-tabs a.active {
      color: #fff;
      background: var(--kefu-primary);
      border-color: var(--kefu-primary);
    }
    .statistics .toolbar {
      display: flex;
      justify-content: space-between;
      align-items: flex-end;
      gap: 1rem;
      flex-wrap: wrap;
      margin-bottom: 1rem;
    }
    .statistics .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      margin: 0 0 1rem;
    }
    .statistics .figures dt {
      color: var(--kefu-muted);
      font-size: 0.8rem;
    }
    .statistics .figures dd {
      margin: 0;
      font-size: 1.35rem;
      font-weight: 600;
    }
    .statistics .figures dd small {
      font-size: 0.8rem;
      font-weight: 400;
      color: var(--kefu-muted);
    }
    .statistics .charts {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      gap: 1rem;
    }
    @media (max-width: 860px) {
      .statistics .charts {
        grid-template-columns: 1fr;
      }
    }
    .statistics table.data {
      margin: 0.75rem 0;
    }
    .statistics .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .statistics h3 {
      font-size: 1rem;
      margin-top: 1rem;
    }
    .statistics .wrap,
    .statistics .url {
      word-break: break-all;
    }
    .statistics .note {
      font-size: 0.8rem;
    }
    .print-only {
      display: none;
    }
    @media print {
      kefu-shell header.bar,
      kefu-site-layout nav.tabs,
      kefu-site-layout .back,
      kefu-site-layout .picker,
      nav,
      .no-print,
      button {
        display: none !important;
      }
      .print-only {
        display: block;
      }
      body {
        background: #fff;
      }
      main.page {
        max-width: none;
        padding: 0;
      }
      .statistics .kefu-card {
        border: none;
        padding: 0;
      }
      .statistics .charts {
        grid-template-columns: 1fr;
      }
      .statistics svg {
        max-width: 100%;
        height: auto;
      }
      .statistics table.data tr {
        break-inside: avoid;
      }
    }
  `,
})
export class StatisticsLayout {
  protected readonly state = inject(StatisticsState);
  protected readonly site = inject(SiteContext);
  protected readonly reports = REPORT_NAMES;
  private readonly lang = injectActiveLanguage();
  protected readonly date = (value: string): string => formatDate(value, this.lang());

  protected print(): void {
    window.print();
  }
}

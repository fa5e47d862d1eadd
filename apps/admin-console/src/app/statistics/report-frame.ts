import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ReportMeta, ReportQuery } from '@kefu/contracts';
import { ErrorNotice, type UiError, injectActiveLanguage } from '@kefu/ui';
import { CsvButton, type ExportQuery } from '../reporting/csv-export';
import { formatDate } from '../reporting/format';
import { loadOnChange } from '../reporting/loader';
import { type ReportExtra, type ReportName, type ReportViews, ReportsApi, reportPath } from '../reporting/reports-api';
import { StatisticsState } from './statistics-state';

/** What every report page needs: its figures for the URL's period, the CSV query and translated labels. */
export function injectReport<R extends ReportName>(name: R, extra: () => ReportExtra = () => ({})) {
  const state = inject(StatisticsState);
  const api = inject(ReportsApi);
  const transloco = inject(TranslocoService);
  const lang = injectActiveLanguage();
  const query = computed<ExportQuery | undefined>(() => {
    const period = state.period();
    return period ? { ...period, ...extra() } : undefined;
  });
  const data = loadOnChange(
    () => {
      const q = query();
      const siteId = state.siteId();
      return q && siteId ? { siteId, q } : undefined;
    },
    ({ siteId, q }) => api.report(siteId, name, q as ReportQuery & ReportExtra),
  );
  return {
    name,
    state,
    lang,
    data: data as { value: () => ReportViews[R] | null; loading: () => boolean; error: () => UiError | null; reload(): void },
    query: computed(() => query() ?? {}),
    path: computed(() => reportPath(state.siteId(), name)),
    fileName: computed(() => {
      const p = state.period();
      return p ? `${name}-${p.from}-${p.to}` : name;
    }),
    /** Reads `lang()` so a computed chart option is rebuilt when the language changes. */
    label: (key: string, params?: Record<string, unknown>): string => {
      lang();
      return transloco.translate(key, params);
    },
  };
}

/** What the frame shows of a report (see injectReport). */
export interface FramedReport {
  readonly name: ReportName;
  readonly data: { value: () => ReportMeta | null; loading: () => boolean; error: () => UiError | null };
  readonly path: () => string;
  readonly query: () => ExportQuery;
  readonly fileName: () => string;
}

/** A report's heading, what it covers (period, zone, metric definition version) and its CSV export. */
@Component({
  selector: 'kefu-report-frame',
  imports: [TranslocoPipe, ErrorNotice, CsvButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="report kefu-card" [attr.data-report]="name()">
      <header class="head">
        <h2 data-testid="report-title">{{ 'stats.report.' + name() | transloco }}</h2>
        <kefu-csv-button [path]="path()" [query]="query()" [name]="fileName()" />
      </header>
      @if (meta(); as m) {
        <p class="meta kefu-muted" data-testid="report-meta">
          {{ 'stats.covers' | transloco: { from: date(m.from), to: date(m.to), zone: m.timeZone } }} · {{ 'stats.granularity.' + m.granularity | transloco }} ·
          <span data-testid="definition-version">{{ 'stats.definitionVersion' | transloco: { version: m.definitionVersion } }}</span>
        </p>
      }
      <kefu-error-notice [error]="error()" />
      @if (loading() && !meta()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
      <ng-content />
    </section>
  `,
  styles: `
    .head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: 1rem;
    }
    .head h2 {
      margin: 0;
    }
    .meta {
      margin: 0.25rem 0 1rem;
      font-size: 0.85rem;
    }
  `,
})
export class ReportFrame {
  private readonly lang = injectActiveLanguage();
  readonly report = input.required<FramedReport>();
  protected readonly name = computed(() => this.report().name);
  protected readonly meta = computed(() => this.report().data.value());
  protected readonly loading = computed(() => this.report().data.loading());
  protected readonly error = computed(() => this.report().data.error());
  protected readonly path = computed(() => this.report().path());
  protected readonly query = computed(() => this.report().query());
  protected readonly fileName = computed(() => this.report().fileName());

  protected date(value: string): string {
    return formatDate(value, this.lang());
  }
}

import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AdminLimits, EMPLOYEE_CSV_COLUMNS, type ImportEmployeesReport } from '@kefu/contracts';
import { ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { EmployeesApi } from './employees-api';

/** A2: add many employees from a CSV file; every row is reported as added or rejected (with the reason). */
@Component({
  selector: 'kefu-employee-import',
  imports: [TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="kefu-muted hint">{{ 'import.hint' | transloco: { max: limits.csvMaxRows } }}</p>
    <pre class="sample" data-testid="import-sample">{{ sample }}</pre>
    <div class="pick">
      <input #file type="file" accept=".csv,text/csv" data-testid="import-file" (change)="choose($event)" [attr.aria-label]="'import.file' | transloco" />
      <button type="button" class="kefu-button kefu-button--primary" data-testid="import-submit" [disabled]="!fileName() || busy()" (click)="upload(file)">
        {{ (busy() ? 'import.uploading' : 'import.submit') | transloco }}
      </button>
    </div>
    @if (problem(); as p) {
      <small class="kefu-field__error" data-testid="import-problem">{{ p | transloco: { max: limits.csvMaxBytes / 1024 } }}</small>
    }
    <kefu-error-notice [error]="error()" />

    @if (report(); as r) {
      <div class="report" data-testid="import-report">
        <p data-testid="import-summary">
          <strong>{{ 'import.summary' | transloco: { added: r.added.length, rejected: r.rejected.length } }}</strong>
        </p>
        @if (r.added.length) {
          <h3>{{ 'import.added' | transloco }}</h3>
          <table class="data">
            <thead>
              <tr>
                <th>{{ 'import.line' | transloco }}</th>
                <th>{{ 'employees.name' | transloco }}</th>
                <th>{{ 'employees.login' | transloco }}</th>
                <th>{{ 'employees.roles' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (row of r.added; track row.line) {
                <tr data-testid="import-added-row">
                  <td>{{ row.line }}</td>
                  <td>{{ row.name }}</td>
                  <td>{{ row.email }} {{ row.phone }}</td>
                  <td>
                    @for (role of row.roles; track role) {
                      <span class="role">{{ 'roles.' + role | transloco }}</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        }
        @if (r.rejected.length) {
          <h3>{{ 'import.rejected' | transloco }}</h3>
          <table class="data">
            <thead>
              <tr>
                <th>{{ 'import.line' | transloco }}</th>
                <th>{{ 'import.field' | transloco }}</th>
                <th>{{ 'import.reason' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (row of r.rejected; track row.line + '-' + (row.field ?? '')) {
                <tr data-testid="import-rejected-row">
                  <td>{{ row.line }}</td>
                  <td>{{ row.field ? fieldName(row.field) : ('common.none' | transloco) }}</td>
                  <td>
                    {{ (row.code === 'CONFLICT' ? 'employees.taken' : 'errors.' + row.code) | transloco }}
                    <span class="kefu-muted reason">{{ row.reason }}</span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        }
      </div>
    }
  `,
  styles: `
    .hint {
      font-size: 0.85rem;
      margin: 0 0 0.5rem;
    }
    .sample {
      margin: 0 0 0.75rem;
      padding: 0.5rem 0.75rem;
      background: #f6f8fa;
      border-radius: 6px;
      font-size: 0.8rem;
      overflow-x: auto;
    }
    .pick {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .report {
      margin-top: 1rem;
    }
    h3 {
      font-size: 0.95rem;
      margin: 1rem 0 0.5rem;
    }
    .role {
      display: inline-block;
      margin-right: 0.3rem;
      padding: 0 0.4rem;
      border-radius: 999px;
      background: #eef4ff;
      font-size: 0.8rem;
    }
    .reason {
      display: block;
      font-size: 0.8rem;
    }
  `,
})
export class EmployeeImport {
  private readonly api = inject(EmployeesApi);
  private readonly transloco = inject(TranslocoService);
  readonly imported = output<ImportEmployeesReport>();

  protected readonly limits = AdminLimits;
  protected readonly sample = `${EMPLOYEE_CSV_COLUMNS.join(',')}\nwang@example.com,,小王,initial-pass-1,agent\n,13800138000,小李,initial-pass-2,admin;agent`;
  protected readonly fileName = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly error = signal<UiError | null>(null);
  protected readonly report = signal<ImportEmployeesReport | null>(null);

  /** A CSV column the server named, in the page's words when it is one of ours. */
  protected fieldName(field: string): string {
    return (EMPLOYEE_CSV_COLUMNS as readonly string[]).includes(field) ? this.transloco.translate(`import.columns.${field}`) : field;
  }

  protected choose(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.fileName.set(file?.name ?? '');
    this.problem.set(null);
  }

  protected async upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file || this.busy()) return;
    if (file.size > AdminLimits.csvMaxBytes) {
      this.problem.set('import.tooBig');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.report.set(null);
    try {
      const csv = await readText(file);
      if (!csv.trim()) {
        this.problem.set('import.empty');
        return;
      }
      const report = await this.api.import(csv);
      this.report.set(report);
      this.imported.emit(report);
      input.value = '';
      this.fileName.set('');
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}

/** File.text() where the browser has it; FileReader otherwise (older engines, jsdom). */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

import { ChangeDetectionStrategy, Component, Injectable, InjectionToken, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiClient, ErrorNotice, type UiError, toUiError } from '@kefu/ui';

export type SaveFile = (blob: Blob, filename: string) => void;

/** Hands a file to the browser's downloads (a temporary object URL on a link with `download`). */
export const SAVE_FILE = new InjectionToken<SaveFile>('kefu.save-file', {
  providedIn: 'root',
  factory: () => (blob, filename) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
});

export type ExportQuery = Record<string, string | number | undefined>;

/** Every list and report has a CSV twin: its path with `.csv` on the last segment, same query. */
@Injectable({ providedIn: 'root' })
export class CsvExport {
  private readonly api = inject(ApiClient);
  private readonly save = inject(SAVE_FILE);

  async download(path: string, query: ExportQuery, fallbackName: string): Promise<void> {
    const { blob, filename } = await this.api.download(`${path}.csv`, { query });
    this.save(blob, filename ?? `${fallbackName}.csv`);
  }
}

/** The "export" button of a report or list: downloads exactly what the page shows (same filters, whole period). */
@Component({
  selector: 'kefu-csv-button',
  imports: [TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="kefu-button kefu-button--small no-print" data-testid="csv-download" [disabled]="busy()" (click)="download()">
      {{ (busy() ? 'reporting.exporting' : 'reporting.exportCsv') | transloco }}
    </button>
    @if (error()) {
      <kefu-error-notice class="no-print" [error]="error()" />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 0.25rem;
    }
  `,
})
export class CsvButton {
  private readonly exporter = inject(CsvExport);

  /** The API path of the list or report (without `.csv`). */
  readonly path = input.required<string>();
  readonly query = input<ExportQuery>({});
  /** File name when the server names none (without `.csv`). */
  readonly name = input.required<string>();

  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);

  protected async download(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.exporter.download(this.path(), this.query(), this.name());
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}

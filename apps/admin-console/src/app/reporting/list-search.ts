import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PeriodProblem } from './period';

/** One choice of a search select: an i18n key (with params) or, for names people gave (agents), the text itself. */
export type SearchOption = { value: string } & ({ key: string; params?: Record<string, unknown> } | { text: string });

/** A select of a site list's search form; its first choice is always "any". */
export interface SearchSelect {
  field: string;
  label: string;
  testId: string;
  options: readonly SearchOption[];
}

export interface SearchEdit {
  field: string;
  value: string;
}

/**
 * The search form of a site list (visits, chat records, leave-messages, ratings): the period, the list's
 * selects, whatever else the list projects (text fields, a reset button), search, and the period's problem.
 */
@Component({
  selector: 'kefu-list-search',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="filters kefu-card" [attr.data-testid]="testId()" (submit)="$event.preventDefault(); searched.emit()">
      <label class="kefu-field">
        <span>{{ 'reporting.from' | transloco }}</span>
        <input type="date" name="from" data-testid="search-from" [value]="draft()['from'] ?? ''" (input)="changed('from', $event)" />
      </label>
      <label class="kefu-field">
        <span>{{ 'reporting.to' | transloco }}</span>
        <input type="date" name="to" data-testid="search-to" [value]="draft()['to'] ?? ''" (input)="changed('to', $event)" />
      </label>
      @for (select of selects(); track select.field) {
        <label class="kefu-field">
          <span>{{ select.label | transloco }}</span>
          <select [attr.name]="select.field" [attr.data-testid]="select.testId" (change)="changed(select.field, $event)">
            <option value="" [selected]="!draft()[select.field]">{{ 'reporting.any' | transloco }}</option>
            @for (option of select.options; track option.value) {
              <option [value]="option.value" [selected]="draft()[select.field] === option.value">
                {{ 'text' in option ? option.text : (option.key | transloco: option.params) }}
              </option>
            }
          </select>
        </label>
      }
      <ng-content />
      <div class="buttons">
        <button type="submit" class="kefu-button kefu-button--primary" data-testid="search-submit">{{ 'reporting.search' | transloco }}</button>
        <ng-content select="[searchActions]" />
      </div>
    </form>
    @if (problem(); as p) {
      <p class="kefu-field__error" role="alert" data-testid="period-problem">{{ 'reporting.problem.' + p | transloco }}</p>
    }
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: flex-end;
      padding: 0.9rem;
      margin-bottom: 0.75rem;
    }
    /* Fields the list projects in are styled alike. */
    .filters ::ng-deep .kefu-field {
      width: 10rem;
    }
    .filters ::ng-deep .grow {
      flex: 1;
      min-width: 12rem;
    }
    .buttons {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class ListSearch {
  readonly testId = input.required<string>();
  readonly draft = input.required<Readonly<Record<string, string>>>();
  readonly selects = input<readonly SearchSelect[]>([]);
  readonly problem = input<PeriodProblem | null>(null);
  readonly edited = output<SearchEdit>();
  readonly searched = output<void>();

  protected changed(field: string, event: Event): void {
    this.edited.emit({ field, value: (event.target as HTMLInputElement | HTMLSelectElement).value });
  }
}

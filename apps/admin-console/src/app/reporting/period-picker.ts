import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { GRANULARITIES, type Granularity } from '@kefu/contracts';
import {
  PERIOD_PRESETS,
  type Period,
  type PeriodPreset,
  type PeriodProblem,
  allowedGranularities,
  fitGranularity,
  periodFromPreset,
  periodProblem,
  presetOf,
  todayIn,
} from './period';

/**
 * From/to dates with presets (today, last 7 days, this month, last month) and the hour/day/month switch.
 * Dates are the site's local days ("today" is today where the site is). Emits a whole new period.
 */
@Component({
  selector: 'kefu-period-picker',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="picker no-print" data-testid="period-picker">
      <div class="presets" role="group" [attr.aria-label]="'reporting.presets' | transloco">
        @for (preset of presets; track preset) {
          <button
            type="button"
            class="kefu-button kefu-button--small"
            [class.kefu-button--primary]="activePreset() === preset"
            [attr.aria-pressed]="activePreset() === preset"
            [attr.data-testid]="'preset-' + preset"
            (click)="choosePreset(preset)"
          >
            {{ 'reporting.preset.' + preset | transloco }}
          </button>
        }
      </div>
      <form class="range" (submit)="$event.preventDefault(); applyRange()">
        <label class="kefu-field">
          <span>{{ 'reporting.from' | transloco }}</span>
          <input type="date" data-testid="period-from" [value]="from()" [max]="today()" (input)="from.set(value($event))" />
        </label>
        <label class="kefu-field">
          <span>{{ 'reporting.to' | transloco }}</span>
          <input type="date" data-testid="period-to" [value]="to()" (input)="to.set(value($event))" />
        </label>
        <button type="submit" class="kefu-button kefu-button--small" data-testid="period-apply">{{ 'reporting.apply' | transloco }}</button>
      </form>
      @if (showGranularity()) {
        <div class="granularity" role="radiogroup" [attr.aria-label]="'reporting.granularity' | transloco">
          @for (g of granularities; track g) {
            <button
              type="button"
              role="radio"
              class="kefu-button kefu-button--small"
              [class.kefu-button--primary]="period().granularity === g"
              [attr.aria-checked]="period().granularity === g"
              [attr.data-testid]="'granularity-' + g"
              [disabled]="!allowed().includes(g)"
              [title]="allowed().includes(g) ? '' : ('reporting.hourLimit' | transloco)"
              (click)="chooseGranularity(g)"
            >
              {{ 'reporting.by.' + g | transloco }}
            </button>
          }
        </div>
      }
    </div>
    @if (problem(); as p) {
      <p class="kefu-field__error" role="alert" data-testid="period-problem">{{ 'reporting.problem.' + p | transloco }}</p>
    }
  `,
  styles: `
    .picker {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem 1.25rem;
    }
    .presets,
    .granularity {
      display: flex;
      gap: 0.25rem;
      flex-wrap: wrap;
    }
    .range {
      display: flex;
      gap: 0.5rem;
      align-items: flex-end;
    }
    .range .kefu-field {
      width: 10.5rem;
    }
    .kefu-field__error {
      margin: 0.4rem 0 0;
    }
  `,
})
export class PeriodPicker {
  readonly period = input.required<Period>();
  /** The site's IANA zone: presets count days there. */
  readonly timeZone = input<string>('Asia/Shanghai');
  readonly showGranularity = input(true);
  readonly periodChange = output<Period>();

  protected readonly presets = PERIOD_PRESETS;
  protected readonly granularities = GRANULARITIES;
  protected readonly today = computed(() => todayIn(this.timeZone()));
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly problem = signal<PeriodProblem | null>(null);
  protected readonly activePreset = computed(() => presetOf(this.period(), this.today()));
  protected readonly allowed = computed(() => allowedGranularities(this.period()));

  constructor() {
    // The typed dates follow the period whenever it changes from outside (preset, URL, back button).
    effect(() => {
      const { from, to } = this.period();
      this.from.set(from);
      this.to.set(to);
      this.problem.set(null);
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  choosePreset(preset: PeriodPreset): void {
    this.problem.set(null);
    this.periodChange.emit(periodFromPreset(preset, this.today()));
  }

  applyRange(): void {
    const range = { from: this.from(), to: this.to() };
    const problem = periodProblem(range, this.today());
    this.problem.set(problem);
    if (problem) return;
    this.periodChange.emit({ ...range, granularity: fitGranularity(range, this.period().granularity) });
  }

  chooseGranularity(granularity: Granularity): void {
    if (!this.allowed().includes(granularity) || granularity === this.period().granularity) return;
    this.periodChange.emit({ ...this.period(), granularity });
  }
}

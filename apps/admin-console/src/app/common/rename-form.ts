import { ChangeDetectionStrategy, Component, input, linkedSignal, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** Renaming one row of a list in place (groups D2, conversation categories H3): the new name, save, cancel, the problem. */
@Component({
  selector: 'kefu-rename-form',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="rename" (submit)="$event.preventDefault(); saved.emit(draft().trim())">
      <input
        [attr.data-testid]="testIdPrefix() + '-rename-input'"
        [value]="draft()"
        (input)="draft.set($any($event.target).value)"
        [attr.aria-label]="label() | transloco"
      />
      <button type="submit" class="kefu-button kefu-button--small" [attr.data-testid]="testIdPrefix() + '-rename-save'" [disabled]="busy()">
        {{ 'actions.save' | transloco }}
      </button>
      <button type="button" class="kefu-button kefu-button--small" (click)="cancelled.emit()">{{ 'actions.cancel' | transloco }}</button>
    </form>
    @if (problem(); as p) {
      <small class="kefu-field__error">{{ p | transloco: problemParams() }}</small>
    }
  `,
  styles: `
    .rename {
      display: flex;
      gap: 0.4rem;
    }
  `,
})
export class RenameForm {
  /** The current name: where the draft starts. */
  readonly value = input.required<string>();
  /** i18n key naming the field (for screen readers). */
  readonly label = input.required<string>();
  readonly testIdPrefix = input.required<string>();
  readonly busy = input(false);
  /** i18n key of what is wrong with the last saved draft, if anything. */
  readonly problem = input<string | null>(null);
  readonly problemParams = input<Record<string, unknown>>({});
  readonly saved = output<string>();
  readonly cancelled = output<void>();
  protected readonly draft = linkedSignal(() => this.value());
}

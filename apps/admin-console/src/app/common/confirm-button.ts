import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * A destructive action in two clicks: the first asks (in place, no browser dialog), the second
 * confirms. `testId` names the first button; the confirmation is `${testId}-confirm`.
 */
@Component({
  selector: 'kefu-confirm-button',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (asking()) {
      <span class="ask" role="group">
        <span class="question">{{ question() | transloco: params() }}</span>
        <button
          type="button"
          class="kefu-button kefu-button--small kefu-button--danger"
          [attr.data-testid]="testId() + '-confirm'"
          [disabled]="disabled()"
          (click)="confirm()"
        >
          {{ 'actions.confirm' | transloco }}
        </button>
        <button type="button" class="kefu-button kefu-button--small" [attr.data-testid]="testId() + '-cancel'" (click)="asking.set(false)">
          {{ 'actions.cancel' | transloco }}
        </button>
      </span>
    } @else {
      <button
        type="button"
        class="kefu-button kefu-button--small kefu-button--danger"
        [attr.data-testid]="testId()"
        [disabled]="disabled()"
        (click)="asking.set(true)"
      >
        {{ label() | transloco }}
      </button>
    }
  `,
  styles: `
    .ask {
      display: inline-flex;
      gap: 0.4rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .question {
      font-size: 0.85rem;
      color: var(--kefu-danger);
    }
  `,
})
export class ConfirmButton {
  readonly label = input.required<string>();
  readonly question = input.required<string>();
  readonly params = input<Record<string, unknown>>({});
  readonly testId = input('delete');
  readonly disabled = input(false);
  readonly confirmed = output<void>();
  protected readonly asking = signal(false);

  protected confirm(): void {
    this.asking.set(false);
    this.confirmed.emit();
  }
}

import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UiError, UiErrorCode } from '../api/ui-error';

/** Codes whose server message names the exact rule that was broken, so it is worth showing. */
const DETAILED: readonly UiErrorCode[] = ['INVALID', 'CONFLICT', 'RULE_VIOLATED'];

/**
 * Shows an error translated by its code; for rule-type codes the server's own message follows
 * (it says what was wrong and what is allowed). `keys` lets a screen say it better, e.g. a login
 * form maps UNAUTHENTICATED to "wrong e-mail or password".
 */
@Component({
  selector: 'kefu-error-notice',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <p class="kefu-error" role="alert" data-testid="error">
        {{ key() | transloco }}
        @if (detail()) {
          <span class="kefu-error__detail">{{ e.message }}</span>
        }
      </p>
    }
  `,
  styles: `
    .kefu-error {
      margin: 0.5rem 0;
      padding: 0.5rem 0.75rem;
      border-radius: 6px;
      background: #fdecea;
      color: #8a1c13;
      font-size: 0.875rem;
    }
    .kefu-error__detail {
      display: block;
      margin-top: 0.25rem;
      color: #6b2620;
      font-size: 0.8rem;
    }
  `,
})
export class ErrorNotice {
  readonly error = input<UiError | null>(null);
  readonly keys = input<Partial<Record<UiErrorCode, string>>>({});

  protected readonly key = computed(() => {
    const e = this.error();
    if (!e) return '';
    return this.keys()[e.code] ?? `errors.${e.code}`;
  });
  protected readonly detail = computed(() => {
    const e = this.error();
    return !!e && !this.keys()[e.code] && DETAILED.includes(e.code) && !!e.message;
  });
}

import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * Copies `text` to the clipboard. Without clipboard permission (plain http, an old browser) it
 * selects `fallback`'s text instead, so Ctrl+C still works.
 */
@Component({
  selector: 'kefu-copy-button',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="kefu-button kefu-button--small" [attr.data-testid]="testId()" (click)="copy()">
      {{ (copied() ? 'common.copied' : 'common.copy') | transloco }}
    </button>
  `,
})
export class CopyButton {
  readonly text = input.required<string>();
  readonly fallback = input<HTMLElement | null>(null);
  readonly testId = input('copy');
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
    } catch {
      const target = this.fallback();
      if (target) {
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
      return;
    }
    this.copied.set(true);
    setTimeout(() => this.copied.set(false), 2000);
  }
}

import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AttachmentView } from '@kefu/contracts';
import type { AttachLinkForm } from './attach-link-form';
import { LoadedComponent, loadedWhen } from './loaded-component';

/**
 * The composer's "attach a link" button; the form it opens (AttachLinkForm) is its own chunk, fetched on the
 * first click. Closing the form (sent or cancelled) drops what was typed.
 */
@Component({
  selector: 'kefu-attach-link',
  imports: [TranslocoPipe, LoadedComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (open()) {
      @if (form(); as form) {
        <ng-container [kefuLoaded]="form" [kefuLoadedInputs]="formInputs()" (kefuLoadedCreated)="listen($any($event))" />
      }
    } @else {
      <button type="button" class="toggle" data-testid="attach-toggle" [disabled]="disabled()" (click)="open.set(true)">
        🔗 {{ 'chat.attachment.attachLink' | transloco }}
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .toggle {
      border: 0;
      background: none;
      padding: 0.15rem 0;
      color: inherit;
      opacity: 0.8;
      cursor: pointer;
      font: inherit;
      font-size: 0.85em;
    }
    .toggle:disabled {
      cursor: default;
      opacity: 0.4;
    }
  `,
})
export class AttachLink {
  readonly disabled = input(false);
  readonly attached = output<AttachmentView>();
  protected readonly open = signal(false);
  protected readonly form = loadedWhen(
    () => this.open(),
    () => import('./attach-link-form').then((m) => m.AttachLinkForm),
  );
  protected readonly formInputs = computed(() => ({ disabled: this.disabled() }));

  protected listen(form: AttachLinkForm): void {
    form.attached.subscribe((attachment) => {
      this.attached.emit(attachment);
      this.open.set(false);
    });
    form.closed.subscribe(() => this.open.set(false));
  }
}

import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AttachmentView } from '@kefu/contracts';
import { LoadedComponent, loadedWhen } from './loaded-component';

/**
 * An image or file sent with a message (by reference), shown by AttachmentCard. The card is its own chunk,
 * fetched when the first message with an attachment shows: most chats have none, and the first paint never does.
 */
@Component({
  selector: 'kefu-message-attachment',
  imports: [LoadedComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (card(); as card) {
    <ng-container [kefuLoaded]="card" [kefuLoadedInputs]="inputs()" />
  }`,
  styles: `
    :host {
      display: block;
      margin-top: 0.25rem;
    }
  `,
})
export class MessageAttachment {
  readonly attachment = input.required<AttachmentView>();
  protected readonly card = loadedWhen(
    () => true,
    () => import('./attachment-card').then((m) => m.AttachmentCard),
  );
  protected readonly inputs = computed(() => ({ attachment: this.attachment() }));
}

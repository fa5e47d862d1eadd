import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AttachmentView } from '@kefu/contracts';
import { httpHref } from './http-href';

/** 1536 → "1.5 KB"; units are the same in every language the product speaks. */
export function humanSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${units[unit]}`;
}

/**
 * What MessageAttachment shows, loaded the first time a message with an attachment does (see MessageAttachment).
 * An image or file sent with a message (by reference). An image shows as a thumbnail that opens
 * full size in a new tab; a file as a link with its name and size. Nothing of the sender's is
 * interpolated as HTML, and the page's address is not sent to the image's host.
 */
@Component({
  selector: 'kefu-attachment-card',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (href(); as url) {
      @if (attachment().kind === 'image') {
        <a class="image" [href]="url" target="_blank" rel="noopener noreferrer" data-testid="attachment-image" [attr.title]="attachment().name">
          <img [src]="url" [alt]="'chat.attachment.image' | transloco: { name: attachment().name }" loading="lazy" referrerpolicy="no-referrer" />
        </a>
      } @else {
        <a class="file" [href]="url" target="_blank" rel="noopener noreferrer" data-testid="attachment-file">
          <span class="icon" aria-hidden="true">📎</span>
          <span class="name">{{ attachment().name }}</span>
          @if (size()) {
            <span class="size">{{ size() }}</span>
          }
        </a>
      }
    } @else {
      <span class="file file--text" data-testid="attachment-text">
        <span class="icon" aria-hidden="true">📎</span>
        <span class="name">{{ attachment().name }}</span>
        @if (size()) {
          <span class="size">{{ size() }}</span>
        }
      </span>
    }
  `,
  styles: `
    .image {
      display: inline-block;
      line-height: 0;
    }
    img {
      max-width: min(240px, 100%);
      max-height: 180px;
      border-radius: 6px;
      object-fit: contain;
      background: rgba(0, 0, 0, 0.04);
    }
    .file {
      display: inline-flex;
      gap: 0.35rem;
      align-items: baseline;
      max-width: 100%;
      color: inherit;
      word-break: break-all;
    }
    a.file .name {
      text-decoration: underline;
    }
    .size {
      font-size: 0.8em;
      opacity: 0.7;
      white-space: nowrap;
    }
  `,
})
export class AttachmentCard {
  readonly attachment = input.required<AttachmentView>();
  // A reference that is not a web address shows as its name.
  protected readonly href = computed(() => httpHref(this.attachment().ref));
  protected readonly size = computed(() => humanSize(this.attachment().size));
}

import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AttachmentView, Limits } from '@kefu/contracts';

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp', 'svg', 'avif', 'ico'];

export type AttachmentDraft = { ok: true; attachment: AttachmentView } | { ok: false; problem: 'badUrl' | 'urlTooLong' | 'nameTooLong' };

/**
 * An attachment from a web address and an optional name (real uploads come later): an address
 * whose file name ends like an image is sent as an image, anything else as a file.
 */
export function attachmentFromLink(address: string, name = ''): AttachmentDraft {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { ok: false, problem: 'badUrl' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'badUrl' };
  if (url.href.length > Limits.attachmentRefMaxChars) return { ok: false, problem: 'urlTooLong' };
  const lastSegment = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  let fileName = lastSegment;
  try {
    fileName = decodeURIComponent(lastSegment);
  } catch {
    // A malformed escape: the raw segment is still a usable name.
  }
  const shown = name.trim() || fileName || url.hostname;
  if ([...shown].length > Limits.attachmentNameMaxChars) return { ok: false, problem: 'nameTooLong' };
  const extension = fileName.includes('.') ? (fileName.split('.').at(-1) ?? '').toLowerCase() : '';
  const kind = IMAGE_EXTENSIONS.includes(extension) ? 'image' : 'file';
  return { ok: true, attachment: { kind, ref: url.href, name: shown } };
}

/** The "attach a link" form AttachLink opens (its own chunk): address plus optional name; emits the attachment to send, or `closed`. */
@Component({
  selector: 'kefu-attach-link-form',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="attach" (submit)="$event.preventDefault(); attach()" data-testid="attach-form">
      <input
        type="url"
        data-testid="attach-url"
        [value]="address()"
        (input)="address.set($any($event.target).value)"
        [maxLength]="maxRef"
        placeholder="https://"
        [attr.aria-label]="'chat.attachment.url' | transloco"
      />
      <input
        data-testid="attach-name"
        [value]="name()"
        (input)="name.set($any($event.target).value)"
        [maxLength]="maxName"
        [placeholder]="'chat.attachment.namePlaceholder' | transloco"
        [attr.aria-label]="'chat.attachment.name' | transloco"
      />
      <button type="submit" class="kefu-button kefu-button--small" data-testid="attach-send" [disabled]="disabled() || !address().trim()">
        {{ 'chat.attachment.send' | transloco }}
      </button>
      <button type="button" class="kefu-button kefu-button--small" data-testid="attach-cancel" (click)="close()">
        {{ 'chat.attachment.cancel' | transloco }}
      </button>
      @if (problem(); as p) {
        <small class="problem" role="alert" data-testid="attach-problem">{{ 'chat.attachment.' + p | transloco: { max: maxRef } }}</small>
      }
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .attach {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
      align-items: center;
    }
    .attach input {
      flex: 1 1 10rem;
      min-width: 0;
      font: inherit;
      padding: 0.25rem 0.4rem;
    }
    .problem {
      flex-basis: 100%;
      color: #c0392b;
    }
  `,
})
export class AttachLinkForm {
  readonly disabled = input(false);
  readonly attached = output<AttachmentView>();
  readonly closed = output<void>();
  protected readonly maxRef = Limits.attachmentRefMaxChars;
  protected readonly maxName = Limits.attachmentNameMaxChars;
  protected readonly address = signal('');
  protected readonly name = signal('');
  protected readonly problem = signal<string | null>(null);

  protected attach(): void {
    if (this.disabled()) return;
    const draft = attachmentFromLink(this.address(), this.name());
    if (!draft.ok) {
      this.problem.set(draft.problem);
      return;
    }
    this.attached.emit(draft.attachment);
  }

  protected close(): void {
    this.closed.emit();
  }
}

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

/** The composer's "attach a link" form: address plus optional name; emits the attachment to send. */
@Component({
  selector: 'kefu-attach-link',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (open()) {
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
    .problem {
      flex-basis: 100%;
      color: #c0392b;
    }
  `,
})
export class AttachLink {
  readonly disabled = input(false);
  readonly attached = output<AttachmentView>();
  protected readonly maxRef = Limits.attachmentRefMaxChars;
  protected readonly maxName = Limits.attachmentNameMaxChars;
  protected readonly open = signal(false);
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
    this.close();
  }

  protected close(): void {
    this.open.set(false);
    this.address.set('');
    this.name.set('');
    this.problem.set(null);
  }
}

import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MessagePart } from '@kefu/contracts';

type Piece = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

const SAFE_SCHEMES = ['http:', 'https:', 'mailto:'];

/** The server already cut links to http/https/mailto; the UI checks again, so a bad part stays text. */
export function safeHref(link: string): string | null {
  try {
    const url = new URL(link);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function toPieces(text: string, parts: readonly MessagePart[] | undefined): Piece[] {
  if (!parts?.length) return [{ kind: 'text', text }];
  return parts.map((part): Piece => {
    if ('link' in part) {
      const href = safeHref(part.link);
      return href ? { kind: 'link', href, text: part.text || part.link } : { kind: 'text', text: part.text || part.link };
    }
    return { kind: 'text', text: part.text };
  });
}

/**
 * A chat message's text: plain text nodes, and anchors only for the structured link parts the
 * server sends (never innerHTML, so markup a visitor types is shown, not run).
 */
@Component({
  selector: 'kefu-message-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // No whitespace between the nodes: the text is shown with white-space: pre-wrap, every space would show.
  // prettier-ignore
  template: `@for (piece of pieces(); track $index) {@if (piece.kind === 'link') {<a [href]="piece.href" target="_blank" rel="noopener noreferrer" data-testid="message-link">{{ piece.text }}</a>} @else {{{ piece.text }}}}`,
  styles: `
    :host {
      white-space: pre-wrap;
      word-break: break-word;
    }
    a {
      color: inherit;
      text-decoration: underline;
    }
  `,
})
export class MessageText {
  readonly text = input.required<string>();
  readonly parts = input<readonly MessagePart[] | undefined>(undefined);
  protected readonly pieces = computed(() => toPieces(this.text(), this.parts()));
}

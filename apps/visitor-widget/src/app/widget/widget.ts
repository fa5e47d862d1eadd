import { ChangeDetectionStrategy, Component, type ElementRef, afterRenderEffect, computed, effect, inject, signal, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Limits } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, MessageText, injectActiveLanguage } from '@kefu/ui';
import { PARENT_WINDOW } from '../visitor/host-page';
import { VisitorChat } from '../visitor/visitor-chat';
import { LeaveMessageFormView } from './leave-message-form';
import { RatingForm } from './rating-form';

/** The only message sent to the host page: how big the iframe should be. Nothing else leaves. */
export interface ResizeMessage {
  kefu: 'resize';
  open: boolean;
  /** The widget cannot run on this page (e.g. a domain the site does not allow): hide the frame. */
  hidden?: boolean;
}

@Component({
  selector: 'kefu-widget',
  imports: [TranslocoPipe, LocalTimePipe, ErrorNotice, MessageText, LeaveMessageFormView, RatingForm],
  providers: [VisitorChat],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './widget.html',
  styleUrl: './widget.css',
})
export class Widget {
  protected readonly chat = inject(VisitorChat);
  private readonly parent = inject(PARENT_WINDOW);
  protected readonly lang = injectActiveLanguage();
  protected readonly maxChars = Limits.messageMaxChars;

  protected readonly draft = signal('');
  protected readonly pending = computed(() => {
    const chatId = this.chat.chatId();
    return this.chat.outbox.pending().filter((message) => message.chatId === chatId);
  });
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private readonly composer = viewChild<ElementRef<HTMLTextAreaElement>>('composer');

  constructor() {
    void this.chat.start();
    effect(() => {
      const state = this.chat.state();
      if (state === 'starting') return;
      const message: ResizeMessage = state === 'unavailable' ? { kefu: 'resize', open: false, hidden: true } : { kefu: 'resize', open: this.chat.expanded() };
      this.parent?.postMessage(message, '*');
    });
    // Keep the newest message (or notice) in view whenever the window's content changes.
    afterRenderEffect(() =>
      this.scrollToEnd(this.chat.events().length + this.pending().length, `${this.chat.phase()}|${this.chat.rating()}|${this.chat.agentTyping()}`),
    );
  }

  private scrollToEnd(_messageCount: number, _phase: string): void {
    const element = this.scroller()?.nativeElement;
    if (element) element.scrollTop = element.scrollHeight;
  }

  protected openWindow(): void {
    this.chat.openWindow();
    queueMicrotask(() => this.composer()?.nativeElement.focus());
  }

  protected setDraft(event: Event): void {
    const value = (event.target as HTMLTextAreaElement).value;
    this.draft.set(value);
    this.chat.draftChanged(value);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.send();
  }

  protected send(): void {
    if (this.chat.send(this.draft())) this.draft.set('');
  }
}

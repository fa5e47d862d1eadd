import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  afterRenderEffect,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Limits } from '@kefu/contracts';
import { AttachLink, ErrorNotice, LoadedComponent, LocalTimePipe, MessageAttachment, MessageText, injectActiveLanguage, loadedWhen } from '@kefu/ui';
import { VisitorChat } from '../visitor/visitor-chat';

/**
 * The open chat window: messages, notices, composer. The widget's first paint is the consult icon (or an
 * invitation), so the window is its own chunk, fetched when the visitor first opens it (see Widget).
 * The rating and leave-message forms are chunks of their own again: most visitors never see them.
 */
@Component({
  selector: 'kefu-chat-window',
  imports: [TranslocoPipe, LocalTimePipe, ErrorNotice, MessageText, MessageAttachment, AttachLink, LoadedComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat-window.html',
  styleUrl: './chat-window.css',
})
export class ChatWindow {
  protected readonly chat = inject(VisitorChat);
  protected readonly lang = injectActiveLanguage();
  protected readonly maxChars = Limits.messageMaxChars;
  /** The visitor opened the window with a click (not a window restored open on page load): type right away. */
  readonly focusComposer = input(false);

  protected readonly leaveMessageForm = loadedWhen(
    () => this.chat.phase() === 'leave_message',
    () => import('./leave-message-form').then((m) => m.LeaveMessageFormView),
  );
  protected readonly ratingForm = loadedWhen(
    () => this.chat.rating() !== 'hidden',
    () => import('./rating-form').then((m) => m.RatingForm),
  );

  protected readonly draft = signal('');
  protected readonly pending = computed(() => {
    const chatId = this.chat.chatId();
    return this.chat.outbox.pending().filter((message) => message.chatId === chatId);
  });
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private readonly composer = viewChild<ElementRef<HTMLTextAreaElement>>('composer');

  constructor() {
    // Keep the newest message (or notice) in view whenever the window's content changes.
    afterRenderEffect(() =>
      this.scrollToEnd(this.chat.events().length + this.pending().length, `${this.chat.phase()}|${this.chat.rating()}|${this.chat.agentTyping()}`),
    );
    afterNextRender(() => {
      if (this.focusComposer()) this.composer()?.nativeElement.focus();
    });
  }

  private scrollToEnd(_messageCount: number, _phase: string): void {
    const element = this.scroller()?.nativeElement;
    if (element) element.scrollTop = element.scrollHeight;
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

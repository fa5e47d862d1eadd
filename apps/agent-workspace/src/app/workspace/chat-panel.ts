import { ChangeDetectionStrategy, Component, type ElementRef, afterRenderEffect, computed, inject, input, signal, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Limits } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, injectActiveLanguage } from '@kefu/ui';
import { AgentDesk, type DeskChat } from '../desk/agent-desk';

@Component({
  selector: 'kefu-chat-panel',
  imports: [TranslocoPipe, LocalTimePipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat-panel.html',
  styleUrl: './chat-panel.css',
})
export class ChatPanel {
  protected readonly desk = inject(AgentDesk);
  protected readonly lang = injectActiveLanguage();
  protected readonly maxChars = Limits.messageMaxChars;

  readonly chat = input.required<DeskChat>();

  protected readonly closed = computed(() => this.chat().summary.status === 'closed');
  protected readonly pending = computed(() => {
    const chatId = this.chat().summary.chatId;
    return this.desk.outbox.pending().filter((message) => message.chatId === chatId);
  });
  /** Drafts survive switching between chats. */
  private readonly drafts = signal<Readonly<Record<string, string>>>({});
  protected readonly draft = computed(() => this.drafts()[this.chat().summary.chatId] ?? '');

  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  constructor() {
    // Keep the newest message in view whenever the transcript grows.
    afterRenderEffect(() => this.scrollToEnd(this.chat().events.length + this.pending().length));
  }

  private scrollToEnd(_messageCount: number): void {
    const element = this.scroller()?.nativeElement;
    if (element) element.scrollTop = element.scrollHeight;
  }

  protected setDraft(event: Event): void {
    const chatId = this.chat().summary.chatId;
    const value = (event.target as HTMLTextAreaElement).value;
    this.drafts.update((drafts) => ({ ...drafts, [chatId]: value }));
  }

  protected onKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter breaks the line; never while an IME is composing Chinese text.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.send();
  }

  protected send(): void {
    if (this.desk.send(this.draft())) {
      const chatId = this.chat().summary.chatId;
      this.drafts.update((drafts) => ({ ...drafts, [chatId]: '' }));
    }
  }

  protected close(): void {
    void this.desk.close(this.chat().summary.chatId);
  }
}

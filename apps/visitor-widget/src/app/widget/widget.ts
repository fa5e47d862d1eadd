import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  type ElementRef,
  PendingTasks,
  ViewContainerRef,
  type Signal,
  type Type,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Limits } from '@kefu/contracts';
import { AttachLink, ErrorNotice, LocalTimePipe, MessageAttachment, MessageText, injectActiveLanguage } from '@kefu/ui';
import { PARENT_WINDOW } from '../visitor/host-page';
import { VisitorChat } from '../visitor/visitor-chat';

/** The only message sent to the host page: how big the iframe should be. Nothing else leaves. */
export interface ResizeMessage {
  kefu: 'resize';
  open: boolean;
  /** The widget cannot run on this page (e.g. a domain the site does not allow): hide the frame. */
  hidden?: boolean;
}

/**
 * A component loaded as its own chunk the first time `needed()` holds. The rating and leave-message forms
 * are not part of the first paint and most visitors never see them; loading them up front kept the
 * widget's initial bundle over its budget (`@defer` would split them too, but its runtime costs more than
 * the two forms weigh). A failed load is tried again the next time the form is needed.
 */
function loadedWhen(needed: () => boolean, load: () => Promise<Type<unknown>>): Signal<Type<unknown> | undefined> {
  const component = signal<Type<unknown> | undefined>(undefined);
  // The app is not stable while a chunk is on its way (whenStable waits for the form, not only for the notice).
  const pending = inject(PendingTasks);
  let asked = false;
  effect(() => {
    if (asked || !needed()) return;
    asked = true;
    pending.run(() =>
      load().then(
        (loaded) => component.set(loaded),
        () => (asked = false),
      ),
    );
  });
  return component.asReadonly();
}

/** Renders a component given as a value, here (NgComponentOutlet does this too, at ~2 kB of the initial bundle). */
@Directive({ selector: '[kefuLoaded]' })
export class LoadedComponent {
  readonly kefuLoaded = input.required<Type<unknown>>();

  constructor() {
    const slot = inject(ViewContainerRef);
    effect(() => {
      slot.clear();
      slot.createComponent(this.kefuLoaded());
    });
  }
}

@Component({
  selector: 'kefu-widget',
  imports: [TranslocoPipe, LocalTimePipe, ErrorNotice, MessageText, MessageAttachment, AttachLink, LoadedComponent],
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

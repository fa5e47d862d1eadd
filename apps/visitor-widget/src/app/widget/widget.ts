import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ErrorNotice, LoadedComponent, loadedWhen } from '@kefu/ui';
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
 * The consult icon, an invitation, or the chat window. The window (with the attachment pieces and the
 * rating and leave-message forms behind it) is a chunk of its own, fetched the first time it opens:
 * most visitors only ever see the icon, and the widget's initial bundle has a budget (angular.json).
 */
@Component({
  selector: 'kefu-widget',
  imports: [TranslocoPipe, ErrorNotice, LoadedComponent],
  providers: [VisitorChat],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './widget.html',
  styleUrl: './widget.css',
})
export class Widget {
  protected readonly chat = inject(VisitorChat);
  private readonly parent = inject(PARENT_WINDOW);

  protected readonly chatWindow = loadedWhen(
    () => this.chat.open(),
    () => import('./chat-window').then((m) => m.ChatWindow),
  );
  /** Set once the visitor opens the window by a click: the window then puts the cursor in the composer. */
  protected readonly focusComposer = signal(false);

  constructor() {
    void this.chat.start();
    effect(() => {
      const state = this.chat.state();
      if (state === 'starting') return;
      const message: ResizeMessage = state === 'unavailable' ? { kefu: 'resize', open: false, hidden: true } : { kefu: 'resize', open: this.chat.expanded() };
      this.parent?.postMessage(message, '*');
    });
  }

  protected openWindow(): void {
    this.focusComposer.set(true);
    this.chat.openWindow();
  }
}

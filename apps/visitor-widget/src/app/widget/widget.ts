import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import type { WindowButtonView, WindowPosition } from '@kefu/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { ErrorNotice, LoadedComponent, httpHref, loadedWhen } from '@kefu/ui';
import { PARENT_WINDOW } from '../visitor/host-page';
import { VisitorChat } from '../visitor/visitor-chat';

/** Size and place of the frame on the host page, when not the consult icon's corner (C3, C5). */
export interface FramePlacement {
  width: number;
  height: number;
  position: WindowPosition;
  /** false: the frame stays where it opened on the page and scrolls away with it. */
  floating: boolean;
}

/** The only message sent to the host page: how big the iframe should be, and where. Nothing else leaves. */
export interface ResizeMessage {
  kefu: 'resize';
  open: boolean;
  /** The widget cannot run on this page (e.g. a domain the site does not allow): hide the frame. */
  hidden?: boolean;
  frame?: FramePlacement;
}

/** The frame around the invitation window (C3), wherever the site puts it. */
export const INVITATION_FRAME = { width: 360, height: 280 } as const;

/** Only http(s) addresses become pictures (the server accepts nothing else; checked again where drawn). */
const picture = (url: string | undefined): string => (url ? (httpHref(url) ?? '') : '');

/** A button of the invitation window as shown: hidden when the site set its width or height to 0, a picture when it gave one (manual 3.5.7). */
function buttonLook(button: WindowButtonView | undefined): { text: string; shown: boolean; width: number | null; height: number | null; imageUrl: string } {
  if (!button) return { text: '', shown: true, width: null, height: null, imageUrl: '' };
  return { text: button.text, shown: button.width > 0 && button.height > 0, width: button.width, height: button.height, imageUrl: picture(button.imageUrl) };
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

  /** C3: the site's invitation window (theme, picture, title, greeting, buttons); the widget's own look until settings arrive. */
  protected readonly invitationLook = computed(() => {
    const look = this.chat.settings()?.windows?.invitation;
    return {
      fitted: look !== undefined,
      theme: look?.theme ?? 'blue',
      imageUrl: picture(look?.imageUrl),
      showTitle: look?.showTitle ?? true,
      showGreeting: look?.showGreeting ?? true,
      accept: buttonLook(look?.accept),
      decline: buttonLook(look?.decline),
    };
  });

  /** Where the frame goes: the invitation and the direct chat window are placed by the site (C3, C5). */
  private readonly placement = computed((): FramePlacement | undefined => {
    const windows = this.chat.settings()?.windows;
    if (!windows) return undefined;
    if (this.chat.invitation()) return { ...INVITATION_FRAME, position: windows.invitation.position, floating: windows.invitation.floating };
    if (this.chat.open() && this.chat.direct()) return { ...windows.directChat, floating: true };
    return undefined;
  });

  constructor() {
    void this.chat.start();
    effect(() => {
      const state = this.chat.state();
      if (state === 'starting') return;
      const frame = this.placement();
      const message: ResizeMessage =
        state === 'unavailable' ? { kefu: 'resize', open: false, hidden: true } : { kefu: 'resize', open: this.chat.expanded(), ...(frame && { frame }) };
      this.parent?.postMessage(message, '*');
    });
  }

  protected openWindow(): void {
    this.focusComposer.set(true);
    this.chat.openWindow();
  }
}

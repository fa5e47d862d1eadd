import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import type { LiveVisitView } from '@kefu/contracts';
import { BROWSER_STORAGE } from '@kefu/ui';
import { regionText } from './visit-labels';
import { VisitorBoard } from './visitor-board';

const SOUND_KEY = 'kefu.agent.sound';
const TOAST_MS = 20_000;
const MAX_TOASTS = 3;

/** The browser's notification and audio APIs, replaceable in specs (jsdom has neither). */
export interface AlertChannels {
  notificationPermission(): NotificationPermission | 'unsupported';
  requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'>;
  notify(title: string, body: string, onClick: () => void): void;
  /** A short two-note chime made with WebAudio (no audio file to load). */
  chime(): void;
}

export const ALERT_CHANNELS = new InjectionToken<AlertChannels>('kefu.alert-channels', {
  providedIn: 'root',
  factory: browserAlertChannels,
});

export function browserAlertChannels(): AlertChannels {
  let audio: AudioContext | null = null;
  const supported = typeof Notification !== 'undefined';
  return {
    notificationPermission: () => (supported ? Notification.permission : 'unsupported'),
    requestNotificationPermission: async () => (supported ? Notification.requestPermission() : 'unsupported'),
    notify: (title, body, onClick) => {
      if (!supported || Notification.permission !== 'granted') return;
      const note = new Notification(title, { body, tag: 'kefu-visitor' });
      note.onclick = () => {
        window.focus();
        onClick();
        note.close();
      };
    },
    chime: () => {
      const Ctor = (window as { AudioContext?: typeof AudioContext }).AudioContext;
      if (!Ctor) return;
      audio ??= new Ctor();
      void audio.resume();
      const start = audio.currentTime;
      for (const [i, frequency] of [880, 1320].entries()) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        const at = start + i * 0.16;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.28);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.3);
      }
    },
  };
}

export interface VisitorToast {
  id: string;
  visit: LiveVisitView;
}

/**
 * B2: a new visitor pops a card in the page (with Invite / Chat), a system notification when the
 * agent allowed them, and an optional chime. The sound choice is remembered.
 */
@Injectable()
export class VisitorAlerts {
  private readonly board = inject(VisitorBoard);
  private readonly channels = inject(ALERT_CHANNELS);
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly transloco = inject(TranslocoService);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  private readonly announced = signal<readonly VisitorToast[]>([]);
  /** A notice stays while it is news: not once the visitor left, chats, or was invited. */
  readonly toasts = computed(() =>
    this.announced().filter((toast) => {
      const visit = this.board.visit(toast.id) ?? toast.visit;
      return visit.online && visit.chatState === 'browsing' && !this.board.invitations()[toast.id];
    }),
  );
  readonly sound = signal(this.storage.getItem(SOUND_KEY) === 'on');
  readonly permission = signal(this.channels.notificationPermission());
  /** The agent clicked a notification: show this visitor. */
  readonly focusVisit = signal<string | null>(null);

  constructor() {
    this.board.onArrival((visit) => this.announce(visit));
    inject(DestroyRef).onDestroy(() => {
      for (const timer of this.timers.values()) clearTimeout(timer);
    });
  }

  toggleSound(): void {
    const on = !this.sound();
    this.sound.set(on);
    this.storage.setItem(SOUND_KEY, on ? 'on' : 'off');
    // Played inside the click: browsers only let audio start from a user gesture.
    if (on) this.channels.chime();
  }

  async enableNotifications(): Promise<void> {
    this.permission.set(await this.channels.requestNotificationPermission());
  }

  dismiss(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    this.announced.update((toasts) => toasts.filter((toast) => toast.id !== id));
  }

  /** A new chat for this agent is worth the same chime. */
  chime(): void {
    if (this.sound()) this.channels.chime();
  }

  private announce(visit: LiveVisitView): void {
    const toast: VisitorToast = { id: visit.visitId, visit };
    this.announced.update((toasts) => [toast, ...toasts.filter((t) => t.id !== toast.id)].slice(0, MAX_TOASTS));
    this.timers.set(
      toast.id,
      setTimeout(() => this.dismiss(toast.id), TOAST_MS),
    );
    this.chime();
    const place = regionText(visit.region, this.transloco.getActiveLang());
    this.channels.notify(
      this.transloco.translate('alerts.newVisitor'),
      [visit.visitorName, place, visit.currentPage.title || visit.currentPage.url].filter(Boolean).join(' · '),
      () => this.focusVisit.set(visit.visitId),
    );
  }
}

import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { SessionView } from '@kefu/contracts';
import { BROWSER_STORAGE, isRecord } from '../storage/safe-storage';

export const SESSION_KEY = 'kefu.session';

function isSessionView(value: unknown): value is SessionView {
  return (
    isRecord(value) &&
    typeof value['token'] === 'string' &&
    typeof value['expiresAt'] === 'string' &&
    isRecord(value['user']) &&
    typeof value['user']['userId'] === 'string'
  );
}

function isLive(session: SessionView, now: number): boolean {
  const expires = Date.parse(session.expiresAt);
  return Number.isNaN(expires) || expires > now;
}

/**
 * The signed-in user's session, kept in localStorage `kefu.session` so the admin console and the
 * agent workspace (same origin) share one sign-in, and other tabs follow a sign-out.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly state = signal<SessionView | null>(this.restore());

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly token = computed(() => this.state()?.token ?? null);
  readonly signedIn = computed(() => this.state() !== null);
  /** True after the server refused our token, so the login screen can say why the user is back. */
  readonly expired = signal(false);

  constructor() {
    const onStorage = (event: StorageEvent): void => {
      if (event.key === SESSION_KEY || event.key === null) this.state.set(this.restore());
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', onStorage);
      inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
    }
  }

  save(session: SessionView): void {
    this.storage.setJson(SESSION_KEY, session);
    this.expired.set(false);
    this.state.set(session);
  }

  clear(): void {
    this.storage.removeItem(SESSION_KEY);
    this.state.set(null);
  }

  /** The server answered 401: forget the token and send the user back to the login screen. */
  expire(): void {
    if (this.state() === null) return;
    this.clear();
    this.expired.set(true);
  }

  private restore(): SessionView | null {
    const stored = this.storage.getJson(SESSION_KEY, isSessionView);
    if (!stored) return null;
    if (!isLive(stored, Date.now())) {
      this.storage.removeItem(SESSION_KEY);
      return null;
    }
    return stored;
  }
}

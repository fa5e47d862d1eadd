import { TestBed } from '@angular/core/testing';
import type { SessionView } from '@kefu/contracts';
import { SESSION_KEY, SessionStore } from './session-store';

const session = (expiresAt = '2999-01-01T00:00:00.000Z'): SessionView => ({
  token: 'tok-1',
  expiresAt,
  user: { userId: 'u1', orgId: 'o1', email: 'a@example.com', name: 'Ann', roles: ['owner'] },
});

describe('SessionStore', () => {
  it('keeps the session in localStorage kefu.session so a reload stays signed in', () => {
    TestBed.inject(SessionStore).save(session());
    expect(JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null')).toMatchObject({ token: 'tok-1' });

    TestBed.resetTestingModule();
    const reloaded = TestBed.inject(SessionStore);
    expect(reloaded.token()).toBe('tok-1');
    expect(reloaded.user()?.email).toBe('a@example.com');
  });

  it('ignores an expired or garbled stored session', () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session('2000-01-01T00:00:00.000Z')));
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();

    TestBed.resetTestingModule();
    localStorage.setItem(SESSION_KEY, '{not json');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('expire() signs out and remembers why; a sign-in clears the reason', () => {
    const store = TestBed.inject(SessionStore);
    store.save(session());
    store.expire();
    expect(store.signedIn()).toBe(false);
    expect(store.expired()).toBe(true);
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    store.save(session());
    expect(store.expired()).toBe(false);
  });

  it('follows a sign-out made in another tab', () => {
    const store = TestBed.inject(SessionStore);
    store.save(session());
    localStorage.removeItem(SESSION_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_KEY }));
    expect(store.signedIn()).toBe(false);
  });
});

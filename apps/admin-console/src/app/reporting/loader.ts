import { effect, signal, untracked } from '@angular/core';
import { type UiError, toUiError } from '@kefu/ui';

export interface Loaded<T> {
  readonly value: () => T | null;
  readonly loading: () => boolean;
  readonly error: () => UiError | null;
  reload(): void;
}

/**
 * Loads again whenever what `params` reads changes (route, query, period); an answer that arrives after a
 * newer request was sent is dropped, so a slow old answer never replaces the current one.
 * `params` answering undefined means "not ready yet" (e.g. the site's time zone is still loading).
 * Call in an injection context.
 */
export function loadOnChange<P, T>(params: () => P | undefined, load: (params: P) => Promise<T>): Loaded<T> {
  const value = signal<T | null>(null);
  const loading = signal(false);
  const error = signal<UiError | null>(null);
  const current = signal<{ params: P } | null>(null);
  let sequence = 0;

  const run = (p: P): void => {
    const mine = ++sequence;
    loading.set(true);
    error.set(null);
    load(p).then(
      (answer) => {
        if (mine !== sequence) return;
        value.set(answer);
        loading.set(false);
      },
      (e: unknown) => {
        if (mine !== sequence) return;
        error.set(toUiError(e));
        loading.set(false);
      },
    );
  };

  effect(() => {
    const p = params();
    if (p === undefined) return;
    untracked(() => {
      current.set({ params: p });
      run(p);
    });
  });

  return {
    value,
    loading,
    error,
    reload: () => {
      const c = current();
      if (c) run(c.params);
    },
  };
}

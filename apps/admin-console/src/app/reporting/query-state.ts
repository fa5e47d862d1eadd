import { inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { Signal } from '@angular/core';

/**
 * A page's filters live in the URL query: a refresh, the back button and a shared link show the same list.
 * `set` changes only the named parameters of the current URL (null or '' removes one).
 */
export interface QueryState {
  readonly params: Signal<Record<string, string | undefined>>;
  set(params: Record<string, string | number | null | undefined>, options?: { replace?: boolean }): Promise<boolean>;
}

export function injectQueryState(): QueryState {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  const params = toSignal(route.queryParams, { initialValue: {} }) as Signal<Record<string, string | undefined>>;
  return {
    params,
    set(changes, options = {}) {
      const tree = router.parseUrl(router.url);
      const next: Record<string, string> = {};
      for (const [key, value] of Object.entries(tree.queryParams)) if (typeof value === 'string') next[key] = value;
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') delete next[key];
        else next[key] = String(value);
      }
      tree.queryParams = next;
      return router.navigateByUrl(tree, { replaceUrl: options.replace ?? false });
    },
  };
}

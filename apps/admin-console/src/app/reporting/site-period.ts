import { computed, inject } from '@angular/core';
import { SiteContext } from '../site/site-context';
import { type Period, periodFromQuery, todayIn } from './period';
import type { QueryState } from './query-state';

/**
 * The from/to of a site's list (records, visits, inbox, ratings) from the URL; this month when the URL has none
 * (manual 3.7.3.3: "the chat records of the current month"). Undefined until the site's time zone is known.
 */
export function injectSitePeriod(query: QueryState) {
  const site = inject(SiteContext);
  const timeZone = computed(() => site.site()?.timeZone);
  const period = computed<Period | undefined>(() => {
    const zone = timeZone();
    return zone ? periodFromQuery(query.params(), todayIn(zone)) : undefined;
  });
  return { site, timeZone, period, siteId: computed(() => site.siteId()) };
}

export const PAGE_SIZE = 50;

/** `?page=` (1-based) as the API's skip. */
export function skipOf(page: string | undefined): number {
  const n = Number(page);
  return Number.isInteger(n) && n > 1 ? (n - 1) * PAGE_SIZE : 0;
}

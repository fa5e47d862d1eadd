import { Injectable, computed, inject } from '@angular/core';
import { SiteContext } from '../site/site-context';
import { type Period, periodFromQuery, periodToQuery, todayIn } from '../reporting/period';
import { injectQueryState } from '../reporting/query-state';

/**
 * The period every statistics report of one site shows, kept in the URL query (`from`, `to`, `granularity`),
 * so switching reports keeps it and a refresh or a shared link shows the same figures.
 */
@Injectable()
export class StatisticsState {
  private readonly site = inject(SiteContext);
  private readonly query = injectQueryState();

  readonly params = this.query.params;
  readonly siteId = computed(() => this.site.siteId());
  /** Undefined until the site (and so its time zone) is known: "today" is the site's today. */
  readonly timeZone = computed(() => this.site.site()?.timeZone);
  readonly period = computed<Period | undefined>(() => {
    const zone = this.timeZone();
    return zone ? periodFromQuery(this.params(), todayIn(zone)) : undefined;
  });

  setPeriod(period: Period): void {
    void this.query.set(periodToQuery(period));
  }

  /** Report-specific parameters (`url`, `source`, `level`); null removes one. */
  setParams(params: Record<string, string | null>): void {
    void this.query.set(params);
  }
}

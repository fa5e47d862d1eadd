import { Directive, computed, effect, inject, signal } from '@angular/core';
import type { Page } from '@kefu/contracts';
import { injectActiveLanguage } from '@kefu/ui';
import type { SearchEdit } from './list-search';
import { loadOnChange } from './loader';
import { type Period, type PeriodProblem, periodProblem, todayIn } from './period';
import { injectQueryState } from './query-state';
import { ReportsApi, sitePath } from './reports-api';
import { PAGE_SIZE, injectSitePeriod, skipOf } from './site-period';

/** What every site list asks for; `limit`/`skip` come from the pager. */
interface ListQuery {
  from?: string;
  to?: string;
  limit?: number;
  skip?: number;
}

/**
 * A site's paged list (visits, chat records, leave-messages, ratings) whose filters live in the URL:
 * the URL decides what is asked (`asked`), the list, the CSV and the search form all follow it; the form edits a
 * draft that becomes the URL on search (after the period is checked), and the pager changes only `?page=`.
 */
@Directive()
export abstract class SiteListPage<Q extends ListQuery, F extends string, T> {
  protected readonly api = inject(ReportsApi);
  protected readonly query = injectQueryState();
  protected readonly view = injectSitePeriod(this.query);
  protected readonly lang = injectActiveLanguage();
  protected readonly page = computed(() => Math.max(1, Number(this.query.params()['page']) || 1));
  protected readonly problem = signal<PeriodProblem | null>(null);

  protected readonly asked = computed<Q | undefined>(() => {
    const period = this.view.period();
    return period ? this.askedOf(this.query.params(), period) : undefined;
  });
  protected readonly exportQuery = computed(() => ({ ...(this.asked() ?? {}) }));
  protected readonly csvPath = computed(() => `${sitePath(this.view.siteId())}/${this.csvName}`);
  /** Starts empty: `draftOf` of a query that asks for nothing. */
  protected readonly draft = signal<Record<'from' | 'to' | F, string>>(this.draftOf({} as Q));

  protected readonly list = loadOnChange(
    () => {
      const asked = this.asked();
      const siteId = this.view.siteId();
      return asked && siteId ? { siteId, asked, skip: skipOf(this.query.params()['page']) } : undefined;
    },
    ({ siteId, asked, skip }) => this.fetch(siteId, { ...asked, limit: PAGE_SIZE, skip }),
  );

  constructor() {
    effect(() => {
      const a = this.asked();
      if (a) this.draft.set(this.draftOf(a));
    });
  }

  /** The last segment of the site's API path, for the CSV export. */
  protected abstract readonly csvName: string;
  /** The query the URL asks for; unknown values are dropped. */
  protected abstract askedOf(params: Record<string, string | undefined>, period: Period): Q;
  /** The search form showing what is asked. */
  protected abstract draftOf(asked: Q): Record<'from' | 'to' | F, string>;
  protected abstract fetch(siteId: string, query: Q): Promise<Page<T>>;

  /** The URL parameters a submitted form becomes (e.g. trimmed text). */
  protected submitted(draft: Record<'from' | 'to' | F, string>): Record<string, string> {
    return draft;
  }

  protected edit(field: 'from' | 'to' | F, event: Event): void {
    this.setDraft({ field, value: (event.target as HTMLInputElement | HTMLSelectElement).value });
  }

  protected setDraft({ field, value }: SearchEdit): void {
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected search(): void {
    const d = this.draft();
    const zone = this.view.timeZone();
    const problem = zone ? periodProblem(d, todayIn(zone)) : null;
    this.problem.set(problem);
    if (!problem) void this.query.set({ ...this.submitted(d), page: null });
  }

  protected goTo(page: number): void {
    void this.query.set({ page: page > 1 ? page : null });
  }
}

/** The title row of a site list (the search form is ListSearch). */
export const SITE_LIST_STYLES = `
  .title {
    display: flex;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 0.75rem;
  }
  .title h2 {
    margin: 0;
  }
`;

import { Injectable, inject, signal } from '@angular/core';
import type { SiteDetailView } from '@kefu/contracts';
import { type UiError, toUiError } from '@kefu/ui';
import { SitesApi } from '../sites/sites-api';

/**
 * The site whose pages are open (provided by SiteLayout): every tab reads the same SiteDetailView
 * and asks for a reload after a write, so the header, the tabs and the forms never disagree.
 */
@Injectable()
export class SiteContext {
  private readonly api = inject(SitesApi);
  private loads = 0;

  readonly siteId = signal('');
  readonly site = signal<SiteDetailView | null>(null);
  readonly error = signal<UiError | null>(null);

  open(siteId: string): void {
    if (siteId === this.siteId()) return;
    this.siteId.set(siteId);
    this.site.set(null);
    void this.reload();
  }

  /** Reads the site again (waiting for this tab's last write, see WritePosition). */
  async reload(): Promise<void> {
    const siteId = this.siteId();
    const load = ++this.loads;
    try {
      const site = await this.api.get(siteId);
      if (load !== this.loads) return;
      this.site.set(site);
      this.error.set(null);
    } catch (e) {
      if (load === this.loads) this.error.set(toUiError(e));
    }
  }
}

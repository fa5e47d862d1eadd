import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SiteView } from '@kefu/contracts';
import { ErrorNotice } from '@kefu/ui';
import { SitesApi } from '../sites/sites-api';
import { SiteContext } from './site-context';

const TABS = ['settings', 'conversation', 'groups', 'agents', 'install', 'fixed-links', 'chats', 'visits', 'leave-messages', 'ratings', 'statistics'] as const;

/** The pages of one site (manual 3.1–3.3: "choose a site", then its settings): a site picker and tabs. */
@Component({
  selector: 'kefu-site-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [SiteContext],
  template: `
    <main class="page">
      <a routerLink="/sites" class="back">← {{ 'nav.sites' | transloco }}</a>
      <header class="head">
        <div>
          <h1 data-testid="site-title">{{ context.site()?.name ?? '' }}</h1>
          @if (context.site(); as s) {
            <a class="url kefu-muted" [href]="s.url" target="_blank" rel="noopener noreferrer">{{ s.url }}</a>
          }
        </div>
        @if (sites().length > 1) {
          <label class="kefu-field picker">
            <span>{{ 'site.choose' | transloco }}</span>
            <select data-testid="site-picker" (change)="choose($event)">
              @for (s of sites(); track s.siteId) {
                <option [value]="s.siteId" [selected]="s.siteId === siteId()">{{ s.name }}</option>
              }
            </select>
          </label>
        }
      </header>
      <nav class="tabs" [attr.aria-label]="'site.tabs' | transloco">
        @for (tab of tabs; track tab) {
          <a [routerLink]="tab" routerLinkActive="active" [attr.data-testid]="'site-tab-' + tab">{{ 'site.tab.' + tab | transloco }}</a>
        }
      </nav>
      <kefu-error-notice [error]="context.error()" />
      <router-outlet />
    </main>
  `,
  styles: `
    .back {
      font-size: 0.875rem;
      text-decoration: none;
    }
    .head {
      display: flex;
      justify-content: space-between;
      align-items: flex-end;
      gap: 1rem;
      flex-wrap: wrap;
      margin: 0.5rem 0 0.75rem;
    }
    .head h1 {
      margin: 0;
    }
    .url {
      font-size: 0.85rem;
      word-break: break-all;
    }
    .picker {
      min-width: 220px;
    }
    .tabs {
      display: flex;
      gap: 0.25rem;
      flex-wrap: wrap;
      border-bottom: 1px solid var(--kefu-border);
      margin-bottom: 1.25rem;
    }
    .tabs a {
      padding: 0.45rem 0.85rem;
      color: var(--kefu-muted);
      text-decoration: none;
      border-bottom: 2px solid transparent;
      margin-bottom: -1px;
    }
    .tabs a.active {
      color: var(--kefu-primary);
      border-bottom-color: var(--kefu-primary);
    }
  `,
})
export class SiteLayout {
  private readonly api = inject(SitesApi);
  private readonly router = inject(Router);
  protected readonly context = inject(SiteContext);
  protected readonly tabs = TABS;

  /** Route parameter. */
  readonly siteId = input.required<string>();
  protected readonly sites = signal<SiteView[]>([]);

  constructor() {
    effect(() => this.context.open(this.siteId()));
    this.api.list().then(
      (sites) => this.sites.set(sites),
      () => this.sites.set([]),
    );
  }

  /** Another site, same tab. */
  protected choose(event: Event): void {
    const siteId = (event.target as HTMLSelectElement).value;
    const tab = TABS.find((t) => this.router.url.includes(`/${t}`)) ?? 'settings';
    void this.router.navigate(['/sites', siteId, tab]);
  }
}

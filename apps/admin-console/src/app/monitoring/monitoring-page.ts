import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { LiveVisitorView, SiteDetailView } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, injectActiveLanguage } from '@kefu/ui';
import { SitesApi } from '../sites/sites-api';
import { DurationPipe, regionText } from '../reporting/format';
import { injectQueryState } from '../reporting/query-state';
import { sourceText } from '../reporting/source-text';
import { LiveMonitor } from './live-monitor';

interface SiteGroup {
  siteId: string;
  name: string;
  visitors: LiveVisitorView[];
}

/** B1/I4 (manual 3.7.3.1–3.7.3.2): every visitor now on the sites, merged or split by site, and the team's load. */
@Component({
  selector: 'kefu-monitoring-page',
  imports: [RouterLink, TranslocoPipe, ErrorNotice, LocalTimePipe, DurationPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [LiveMonitor],
  template: `
    <main class="page">
      <div class="title">
        <h1>{{ 'monitor.title' | transloco }}</h1>
        <span class="mode mode--{{ monitor.mode() }}" data-testid="monitor-mode">{{ 'monitor.mode.' + monitor.mode() | transloco }}</span>
      </div>
      <kefu-error-notice [error]="monitor.error()" />
      <section class="kefu-card">
        <header class="section-head">
          <h2>
            {{ 'monitor.visitors' | transloco }} <span class="count" data-testid="visitor-count">{{ shown().length }}</span>
          </h2>
          <div class="controls">
            <label class="kefu-field">
              <span>{{ 'monitor.site' | transloco }}</span>
              <select data-testid="monitor-site" (change)="chooseSite($event)">
                <option value="" [selected]="!siteId()">{{ 'monitor.allSites' | transloco }}</option>
                @for (s of sites(); track s.siteId) {
                  <option [value]="s.siteId" [selected]="siteId() === s.siteId">{{ s.name }}</option>
                }
              </select>
            </label>
            @if (!siteId()) {
              <label class="split">
                <input type="checkbox" data-testid="monitor-split" [checked]="split()" (change)="toggleSplit()" />
                {{ 'monitor.splitBySite' | transloco }}
              </label>
            }
          </div>
        </header>
        @for (group of groups(); track group.siteId) {
          @if (split() && !siteId()) {
            <h3>
              {{ group.name }} <span class="count">{{ group.visitors.length }}</span>
            </h3>
          }
          <table class="data">
            <thead>
              <tr>
                <th>{{ 'monitor.kind' | transloco }}</th>
                <th>{{ 'monitor.currentPage' | transloco }}</th>
                <th>{{ 'records.region' | transloco }}</th>
                <th>{{ 'records.source' | transloco }}</th>
                <th>{{ 'monitor.timeOnSite' | transloco }}</th>
                <th>{{ 'monitor.pages' | transloco }}</th>
                <th>{{ 'monitor.chatState' | transloco }}</th>
                @if (!split() && !siteId() && sites().length > 1) {
                  <th>{{ 'monitor.site' | transloco }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (v of group.visitors; track v.visitId) {
                <tr data-testid="live-visitor" [attr.data-visit]="v.visitId">
                  <td>
                    <span class="kind kind--{{ v.kind }}">{{ 'visitorKind.' + v.kind | transloco }}</span>
                  </td>
                  <td class="page-cell" [title]="v.currentPage.url">{{ v.currentPage.title || v.currentPage.url }}</td>
                  <td>{{ region(v) }}</td>
                  <td>{{ source(v) }}</td>
                  <td data-testid="time-on-site">{{ now() - time(v.startedAt) | duration: lang() }}</td>
                  <td>{{ v.pages }}</td>
                  <td>
                    <span class="status status--{{ stateClass(v) }}">{{ 'monitor.state.' + v.chatState | transloco }}</span>
                  </td>
                  @if (!split() && !siteId() && sites().length > 1) {
                    <td>{{ siteName(v.siteId) }}</td>
                  }
                </tr>
              } @empty {
                <tr>
                  <td colspan="8" class="kefu-muted" data-testid="no-visitors">{{ 'monitor.noVisitors' | transloco }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      </section>

      <section class="kefu-card">
        <header class="section-head">
          <h2>{{ 'monitor.team' | transloco }}</h2>
        </header>
        <table class="data">
          <thead>
            <tr>
              <th>{{ 'monitor.agent' | transloco }}</th>
              <th>{{ 'monitor.status' | transloco }}</th>
              <th>{{ 'monitor.since' | transloco }}</th>
              <th class="num">{{ 'monitor.chatsNow' | transloco }}</th>
              <th class="num">{{ 'monitor.chatsToday' | transloco }}</th>
              <th class="num">{{ 'monitor.firstResponse' | transloco }}</th>
              <th class="num">{{ 'monitor.handleTime' | transloco }}</th>
              @if (recordsSite(); as site) {
                <th></th>
              }
            </tr>
          </thead>
          <tbody>
            @for (m of monitor.team(); track m.agentId) {
              <tr data-testid="team-member" [attr.data-agent]="m.agentId">
                <td>{{ m.name }}</td>
                <td>
                  <span class="presence presence--{{ m.status }}">{{ 'monitor.presence.' + m.status | transloco }}</span>
                </td>
                <td>{{ m.statusSince | localTime: lang() : 'time' }}</td>
                <td class="num" data-col="chatsNow">{{ m.chatsNow }}</td>
                <td class="num" data-col="chatsToday">{{ m.chatsToday }}</td>
                <td class="num">{{ m.firstResponseMs | duration: lang() }}</td>
                <td class="num">{{ m.avgHandleMs | duration: lang() }}</td>
                @if (recordsSite(); as site) {
                  <td>
                    <a [routerLink]="['/sites', site, 'chats']" [queryParams]="{ agentId: m.agentId }" data-testid="agent-records">{{
                      'monitor.agentRecords' | transloco
                    }}</a>
                  </td>
                }
              </tr>
            } @empty {
              <tr>
                <td colspan="8" class="kefu-muted">{{ 'monitor.noTeam' | transloco }}</td>
              </tr>
            }
          </tbody>
        </table>
      </section>
    </main>
  `,
  styles: `
    .title {
      display: flex;
      align-items: center;
      gap: 1rem;
      margin-bottom: 1rem;
    }
    .title h1 {
      margin: 0;
    }
    .mode {
      font-size: 0.8rem;
      padding: 0.1rem 0.6rem;
      border-radius: 999px;
      background: #eef1f4;
      color: var(--kefu-muted);
    }
    .mode--live {
      background: #dafbe1;
      color: var(--kefu-success);
    }
    section {
      margin-bottom: 1.25rem;
    }
    .section-head {
      display: flex;
      justify-content: space-between;
      align-items: flex-end;
      gap: 1rem;
      flex-wrap: wrap;
      margin-bottom: 0.75rem;
    }
    .section-head h2 {
      margin: 0;
    }
    .controls {
      display: flex;
      gap: 1rem;
      align-items: flex-end;
    }
    .controls .kefu-field {
      width: 12rem;
    }
    .split {
      font-size: 0.9rem;
    }
    .count {
      font-size: 0.85rem;
      color: var(--kefu-muted);
      font-weight: 400;
    }
    h3 {
      font-size: 1rem;
      margin: 1rem 0 0.5rem;
    }
    .page-cell {
      max-width: 240px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .num {
      text-align: right;
    }
    .kind--member,
    .kind--intent {
      font-weight: 600;
      color: #8250df;
    }
    .presence--online {
      color: var(--kefu-success);
    }
    .presence--busy,
    .presence--away {
      color: #9a6700;
    }
    .presence--offline {
      color: var(--kefu-muted);
    }
  `,
})
export class MonitoringPage {
  protected readonly monitor = inject(LiveMonitor);
  private readonly sitesApi = inject(SitesApi);
  private readonly transloco = inject(TranslocoService);
  private readonly query = injectQueryState();
  protected readonly lang = injectActiveLanguage();
  protected readonly sites = signal<SiteDetailView[]>([]);
  protected readonly now = signal(Date.now());

  protected readonly siteId = computed(() => this.query.params()['site'] ?? '');
  protected readonly split = computed(() => this.query.params()['split'] === '1');
  protected readonly shown = computed(() => {
    const site = this.siteId();
    return site ? this.monitor.visitors().filter((v) => v.siteId === site) : this.monitor.visitors();
  });
  protected readonly groups = computed<SiteGroup[]>(() => {
    const visitors = this.shown();
    if (!this.split() || this.siteId()) return [{ siteId: this.siteId() || 'all', name: '', visitors }];
    return this.sites().map((s) => ({ siteId: s.siteId, name: s.name, visitors: visitors.filter((v) => v.siteId === s.siteId) }));
  });
  /** An agent's chat records are per site: offered when one site is chosen (or there is only one). */
  protected readonly recordsSite = computed(() => this.siteId() || (this.sites().length === 1 ? (this.sites()[0]?.siteId ?? '') : ''));

  constructor() {
    void this.monitor.start();
    this.sitesApi.list().then(
      (sites) => this.sites.set(sites),
      () => this.sites.set([]),
    );
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected time(iso: string): number {
    return Date.parse(iso);
  }

  protected chooseSite(event: Event): void {
    void this.query.set({ site: (event.target as HTMLSelectElement).value || null });
  }

  protected toggleSplit(): void {
    void this.query.set({ split: this.split() ? null : '1' });
  }

  protected siteName(siteId: string): string {
    return this.sites().find((s) => s.siteId === siteId)?.name ?? '';
  }

  protected region(v: LiveVisitorView): string {
    return regionText(v.region, this.lang());
  }

  protected source(v: LiveVisitorView): string {
    return sourceText(v.source, (k, p) => this.transloco.translate(k, p));
  }

  protected stateClass(v: LiveVisitorView): string {
    return v.chatState === 'chatting' ? 'active' : v.chatState === 'queued' || v.chatState === 'invited' ? 'queued' : 'closed';
  }
}

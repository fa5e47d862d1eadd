import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Paths } from '@kefu/contracts';
import { LocalTimePipe, injectActiveLanguage } from '@kefu/ui';
import { CopyButton } from '../common/copy-button';
import { SiteContext } from './site-context';

/** E1: the site's snippet with a copy button, how to install it, and when it was last seen running. */
@Component({
  selector: 'kefu-install-page',
  imports: [TranslocoPipe, LocalTimePipe, CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (context.site(); as site) {
      <section class="kefu-card">
        <div class="title">
          <h2>{{ 'sites.snippet' | transloco }}</h2>
          <kefu-copy-button [text]="site.snippet" [fallback]="snippet" testId="install-snippet-copy" />
        </div>
        <ol class="steps">
          <li>{{ 'install.step1' | transloco }}</li>
          <li>{{ 'install.step2' | transloco }}</li>
          <li>{{ 'install.step3' | transloco }}</li>
        </ol>
        <pre #snippet class="snippet" data-testid="install-snippet">{{ site.snippet }}</pre>
      </section>

      <section class="kefu-card" data-testid="install-check">
        <div class="title">
          <h2>{{ 'install.checkTitle' | transloco }}</h2>
          <button type="button" class="kefu-button kefu-button--small" data-testid="install-recheck" [disabled]="checking()" (click)="recheck()">
            {{ 'install.recheck' | transloco }}
          </button>
        </div>
        @if (site.install.lastSeenAt) {
          <p class="seen" data-testid="install-seen">
            <span class="status status--active">{{ 'install.installed' | transloco }}</span>
            {{ 'install.lastSeen' | transloco: { time: (site.install.lastSeenAt | localTime: lang()) } }}
          </p>
          @if (site.install.lastSeenPage; as page) {
            <p class="kefu-muted page">
              {{ 'install.onPage' | transloco }}
              <a [href]="page" target="_blank" rel="noopener noreferrer" data-testid="install-seen-page">{{ page }}</a>
            </p>
          }
        } @else {
          <p data-testid="install-not-seen">
            <span class="status status--queued">{{ 'install.notSeen' | transloco }}</span>
            <span class="kefu-muted">{{ 'install.notSeenHint' | transloco }}</span>
          </p>
        }
        <p class="kefu-muted hint">
          {{ 'install.demoHint' | transloco }} <a [href]="demoBase + '?site=' + site.siteId" target="_blank" rel="noopener">{{ 'sites.demo' | transloco }}</a>
        </p>
      </section>
    } @else if (!context.error()) {
      <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
    }
    .title {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
    }
    h2 {
      font-size: 1rem;
      margin: 0;
    }
    .steps {
      font-size: 0.9rem;
      padding-left: 1.25rem;
    }
    .snippet {
      margin: 0;
      padding: 0.75rem;
      background: #0d1117;
      color: #e6edf3;
      border-radius: 6px;
      font-size: 0.8rem;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .seen {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .page {
      word-break: break-all;
      font-size: 0.875rem;
    }
    .hint {
      font-size: 0.8rem;
    }
  `,
})
export class InstallPage {
  protected readonly context = inject(SiteContext);
  protected readonly lang = injectActiveLanguage();
  protected readonly demoBase = Paths.demo;
  protected readonly checking = signal(false);

  protected async recheck(): Promise<void> {
    this.checking.set(true);
    try {
      await this.context.reload();
    } finally {
      this.checking.set(false);
    }
  }
}

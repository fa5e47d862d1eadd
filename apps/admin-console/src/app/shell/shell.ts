import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Auth, LanguageSwitcher, SessionStore } from '@kefu/ui';
import { canAudit } from '../audit/audit-access';
import { isAdmin } from '../auth/auth.guards';

@Component({
  selector: 'kefu-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe, LanguageSwitcher],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="bar">
      <a class="brand" [routerLink]="admin() ? '/sites' : '/account'">{{ 'app.title' | transloco }}</a>
      <nav [attr.aria-label]="'nav.label' | transloco">
        @if (admin()) {
          <a routerLink="/organisation" routerLinkActive="active" data-testid="nav-organisation">{{ 'nav.organisation' | transloco }}</a>
          <a routerLink="/employees" routerLinkActive="active" data-testid="nav-employees">{{ 'nav.employees' | transloco }}</a>
          <a routerLink="/sites" routerLinkActive="active" data-testid="nav-sites">{{ 'nav.sites' | transloco }}</a>
          <a routerLink="/monitoring" routerLinkActive="active" data-testid="nav-monitoring">{{ 'nav.monitoring' | transloco }}</a>
        }
        @if (auditor()) {
          <a routerLink="/audit" routerLinkActive="active" data-testid="nav-audit">{{ 'nav.audit' | transloco }}</a>
        }
        <a routerLink="/account" routerLinkActive="active" data-testid="nav-account">{{ 'nav.account' | transloco }}</a>
      </nav>
      <span class="spacer"></span>
      <kefu-language-switcher />
      <span class="user" data-testid="current-user">{{ session.user()?.name || session.user()?.email }}</span>
      <button type="button" class="kefu-button kefu-button--small" data-testid="logout" (click)="logout()">
        {{ 'common.signOut' | transloco }}
      </button>
    </header>
    <router-outlet />
  `,
  styles: `
    .bar {
      display: flex;
      align-items: center;
      gap: 1rem;
      padding: 0.6rem 1.25rem;
      background: #fff;
      border-bottom: 1px solid var(--kefu-border);
      flex-wrap: wrap;
    }
    .brand {
      font-weight: 700;
      color: var(--kefu-text);
      text-decoration: none;
    }
    nav {
      display: flex;
      gap: 0.25rem;
      flex-wrap: wrap;
    }
    nav a {
      color: var(--kefu-muted);
      text-decoration: none;
      padding: 0.25rem 0.5rem;
      border-radius: 6px;
    }
    nav a.active {
      color: var(--kefu-primary);
      background: #eef4ff;
    }
    .spacer {
      flex: 1;
    }
    .user {
      color: var(--kefu-muted);
      font-size: 0.875rem;
    }
  `,
})
export class Shell {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  protected readonly session = inject(SessionStore);
  protected readonly admin = computed(() => isAdmin(this.session.user()?.roles));
  protected readonly auditor = computed(() => canAudit(this.session.user()?.roles));

  constructor() {
    // A 401 anywhere (or a sign-out in another tab) clears the session: go back to the login screen.
    effect(() => {
      if (!this.session.signedIn()) void this.router.navigateByUrl('/login');
    });
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
  }
}

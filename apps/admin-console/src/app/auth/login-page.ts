import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageSwitcher, LoginForm } from '@kefu/ui';

@Component({
  selector: 'kefu-login-page',
  imports: [LoginForm, LanguageSwitcher, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-layout.css',
  template: `
    <section class="auth kefu-card">
      <p class="brand">{{ 'app.title' | transloco }}</p>
      <header>
        <h1>{{ 'login.title' | transloco }}</h1>
        <kefu-language-switcher />
      </header>
      <kefu-login-form (signedIn)="done()" />
      <footer>
        {{ 'auth.noAccount' | transloco }}
        <a routerLink="/register" data-testid="go-register">{{ 'auth.registerLink' | transloco }}</a>
      </footer>
    </section>
  `,
})
export class LoginPage {
  private readonly router = inject(Router);

  protected done(): void {
    void this.router.navigateByUrl('/sites');
  }
}

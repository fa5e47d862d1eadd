import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageSwitcher, LoginForm } from '@kefu/ui';
import { RegisterForm } from './register-form';

/** What a signed-out visitor of /admin/ sees: register an organisation, or sign in. */
@Component({
  selector: 'kefu-auth-page',
  imports: [LoginForm, RegisterForm, LanguageSwitcher, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="top">
      <strong>{{ 'app.title' | transloco }}</strong>
      <kefu-language-switcher />
    </header>
    <main class="panels">
      <section class="kefu-card" aria-labelledby="register-title">
        <h1 id="register-title">{{ 'auth.register.title' | transloco }}</h1>
        <p class="kefu-muted lead">{{ 'auth.register.lead' | transloco }}</p>
        <kefu-register-form />
      </section>
      <section class="kefu-card" aria-labelledby="login-title">
        <h1 id="login-title">{{ 'login.title' | transloco }}</h1>
        <p class="kefu-muted lead">{{ 'auth.haveAccount' | transloco }}</p>
        <kefu-login-form (signedIn)="signedIn()" />
      </section>
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100vh;
    }
    .top {
      display: flex;
      justify-content: space-between;
      align-items: center;
      max-width: 960px;
      margin: 0 auto;
      padding: 1rem;
    }
    .panels {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
      gap: 1.25rem;
      max-width: 960px;
      margin: 0 auto;
      padding: 0 1rem 2rem;
      align-items: start;
    }
    h1 {
      font-size: 1.25rem;
      margin: 0 0 0.25rem;
    }
    .lead {
      margin: 0 0 1rem;
      font-size: 0.875rem;
    }
  `,
})
export class AuthPage {
  private readonly router = inject(Router);

  protected signedIn(): void {
    void this.router.navigateByUrl('/sites');
  }
}

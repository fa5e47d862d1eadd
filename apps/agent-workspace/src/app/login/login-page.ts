import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageSwitcher, LoginForm } from '@kefu/ui';

@Component({
  selector: 'kefu-agent-login',
  imports: [LoginForm, LanguageSwitcher, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kefu-card login">
      <p class="brand">{{ 'app.title' | transloco }}</p>
      <header>
        <h1>{{ 'login.title' | transloco }}</h1>
        <kefu-language-switcher />
      </header>
      <kefu-login-form />
      <p class="hint kefu-muted">{{ 'app.loginHint' | transloco }}</p>
    </section>
  `,
  styles: `
    :host {
      display: grid;
      place-items: center;
      min-height: 100vh;
      padding: 1rem;
    }
    .login {
      width: min(400px, 100%);
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
      margin-bottom: 1rem;
    }
    h1 {
      margin: 0;
      font-size: 1.35rem;
    }
    .brand {
      color: var(--kefu-muted);
      font-size: 0.9rem;
      margin: 0 0 0.25rem;
    }
    .hint {
      font-size: 0.8rem;
      margin: 1rem 0 0;
    }
  `,
})
export class LoginPage {}

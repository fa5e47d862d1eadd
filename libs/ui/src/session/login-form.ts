import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SessionView } from '@kefu/contracts';
import { type UiError, toUiError } from '../api/ui-error';
import { ErrorNotice } from '../errors/error-notice';
import { Auth } from './auth';
import { SessionStore } from './session-store';

/** An e-mail address, or a phone number as the server accepts it (mainland mobile, or + and 8–15 digits). */
const emailOrPhone: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value.trim() : '';
  if (!value) return null;
  if (value.includes('@')) return Validators.email(control);
  const phone = value.replace(/[\s\-().]/g, '');
  return /^(?:\+?86|0086)?1[3-9]\d{9}$/.test(phone) || /^(?:\+|00)[1-9]\d{7,14}$/.test(phone) ? null : { emailOrPhone: true };
};

/** The sign-in form of the admin console and the agent workspace (same endpoint, same test ids). */
@Component({
  selector: 'kefu-login-form',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="kefu-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (session.expired()) {
        <p class="kefu-form__info" data-testid="session-expired">{{ 'login.expired' | transloco }}</p>
      }
      <label class="kefu-field">
        <span>{{ 'login.emailOrPhone' | transloco }}</span>
        <input type="text" inputmode="email" formControlName="email" autocomplete="username" data-testid="login-email" required />
        @if (showError('email')) {
          <small class="kefu-field__error">{{ 'validation.emailOrPhone' | transloco }}</small>
        }
      </label>
      <label class="kefu-field">
        <span>{{ 'login.password' | transloco }}</span>
        <input type="password" formControlName="password" autocomplete="current-password" data-testid="login-password" required />
        @if (showError('password')) {
          <small class="kefu-field__error">{{ 'validation.required' | transloco }}</small>
        }
      </label>
      <kefu-error-notice [error]="error()" [keys]="{ UNAUTHENTICATED: 'login.wrongCredentials' }" />
      <button type="submit" class="kefu-button kefu-button--primary" data-testid="login-submit" [disabled]="busy()">
        {{ (busy() ? 'login.submitting' : 'login.submit') | transloco }}
      </button>
    </form>
  `,
})
export class LoginForm {
  private readonly auth = inject(Auth);
  protected readonly session = inject(SessionStore);
  readonly signedIn = output<SessionView>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, emailOrPhone]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);
  private readonly submitted = signal(false);

  protected showError(name: 'email' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const { email, password } = this.form.getRawValue();
      const login = email.trim();
      // Employees added by phone (A2) sign in with it; e-mail sign-ins keep the first slice's shape.
      this.signedIn.emit(await this.auth.login(login.includes('@') ? { email: login, password } : { login, password }));
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}

import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Auth, ErrorNotice, type UiError, toUiError } from '@kefu/ui';

export const PASSWORD_MIN = 8;
/** The server's limit (RegisterOrgDto); contracts' Limits has no organisation-name entry. */
export const ORG_NAME_MAX = 100;
export const WEB_ADDRESS = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

/** A1: registers an organisation; the registrant becomes its owner and is signed in. */
@Component({
  selector: 'kefu-register-form',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="kefu-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <label class="kefu-field">
        <span>{{ 'auth.register.orgName' | transloco }}</span>
        <input formControlName="orgName" data-testid="register-orgName" autocomplete="organization" [maxLength]="nameMax" required />
        @if (invalid('orgName')) {
          <small class="kefu-field__error">{{ 'validation.required' | transloco }}</small>
        }
      </label>
      <label class="kefu-field">
        <span>{{ 'auth.register.website' | transloco }}</span>
        <input type="url" formControlName="website" data-testid="register-website" placeholder="https://www.example.com" autocomplete="url" required />
        @if (invalid('website')) {
          <small class="kefu-field__error">{{ 'validation.url' | transloco }}</small>
        }
      </label>
      <label class="kefu-field">
        <span>{{ 'auth.register.email' | transloco }}</span>
        <input type="email" formControlName="email" data-testid="register-email" autocomplete="email" required />
        @if (invalid('email')) {
          <small class="kefu-field__error">{{ 'validation.email' | transloco }}</small>
        }
      </label>
      <label class="kefu-field">
        <span>{{ 'auth.register.password' | transloco }}</span>
        <input type="password" formControlName="password" data-testid="register-password" autocomplete="new-password" required />
        @if (invalid('password')) {
          <small class="kefu-field__error">{{ 'validation.minLength' | transloco: { min: passwordMin } }}</small>
        }
      </label>
      <kefu-error-notice [error]="error()" [keys]="{ CONFLICT: 'auth.register.emailTaken' }" />
      <button type="submit" class="kefu-button kefu-button--primary" data-testid="register-submit" [disabled]="busy()">
        {{ (busy() ? 'auth.register.submitting' : 'auth.register.submit') | transloco }}
      </button>
    </form>
  `,
})
export class RegisterForm {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  protected readonly nameMax = ORG_NAME_MAX;
  protected readonly passwordMin = PASSWORD_MIN;

  protected readonly form = inject(NonNullableFormBuilder).group({
    orgName: ['', [Validators.required, Validators.maxLength(ORG_NAME_MAX)]],
    website: ['', [Validators.required, Validators.pattern(WEB_ADDRESS)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);
  private readonly submitted = signal(false);

  protected invalid(name: keyof typeof this.form.controls): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    const value = this.form.getRawValue();
    try {
      await this.auth.register({
        orgName: value.orgName.trim(),
        website: value.website.trim(),
        email: value.email.trim(),
        password: value.password,
      });
      await this.router.navigateByUrl('/sites');
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}

import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type OwnSessionView } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, SessionStore, type UiError, injectActiveLanguage, toUiError } from '@kefu/ui';
import { CannedResponsesEditor } from '../site/canned-responses-editor';
import { AccountApi } from './account-api';

function sameNewPassword(group: AbstractControl): ValidationErrors | null {
  const value = group.value as { newPassword?: string; confirm?: string };
  return value.newPassword === value.confirm ? null : { mismatch: true };
}

/** A2: everyone changes their own password; A4: see the account's sessions and sign out everywhere; B5: one's own canned responses. */
@Component({
  selector: 'kefu-account-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice, LocalTimePipe, CannedResponsesEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="page">
      <h1>{{ 'account.title' | transloco }}</h1>
      @if (session.user(); as user) {
        <p class="who" data-testid="account-who">
          <strong>{{ user.name }}</strong>
          <span class="kefu-muted">{{ user.email }}</span>
          @for (role of user.roles; track role) {
            <span class="role">{{ 'roles.' + role | transloco }}</span>
          }
        </p>
      }
      <div class="grid">
        <section class="kefu-card">
          <h2>{{ 'account.changePassword' | transloco }}</h2>
          <form class="kefu-form" [formGroup]="form" (ngSubmit)="changePassword()" novalidate>
            <label class="kefu-field">
              <span>{{ 'account.currentPassword' | transloco }}</span>
              <input type="password" formControlName="currentPassword" data-testid="account-current-password" autocomplete="current-password" />
              @if (invalid('currentPassword')) {
                <small class="kefu-field__error">{{ 'validation.required' | transloco }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'account.newPassword' | transloco }}</span>
              <input type="password" formControlName="newPassword" data-testid="account-new-password" autocomplete="new-password" />
              @if (invalid('newPassword')) {
                <small class="kefu-field__error">{{
                  'validation.lengthBetween' | transloco: { min: limits.passwordMinChars, max: limits.passwordMaxChars }
                }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'account.confirmPassword' | transloco }}</span>
              <input type="password" formControlName="confirm" data-testid="account-confirm-password" autocomplete="new-password" />
              @if (form.hasError('mismatch') && (form.controls.confirm.touched || submitted())) {
                <small class="kefu-field__error" data-testid="account-mismatch">{{ 'account.mismatch' | transloco }}</small>
              }
            </label>
            <kefu-error-notice [error]="passwordError()" [keys]="{ FORBIDDEN: 'account.wrongCurrent' }" />
            @if (changed()) {
              <p class="kefu-form__info" data-testid="account-password-changed">{{ 'account.passwordChanged' | transloco }}</p>
            }
            <div>
              <button type="submit" class="kefu-button kefu-button--primary" data-testid="account-change-password" [disabled]="busy()">
                {{ 'account.changePassword' | transloco }}
              </button>
            </div>
          </form>
        </section>

        <section class="kefu-card">
          <h2>{{ 'account.sessions' | transloco }}</h2>
          <kefu-error-notice [error]="sessionsError()" />
          <ul class="sessions" data-testid="account-sessions">
            @for (s of sessions(); track s.sessionRef) {
              <li data-testid="account-session">
                <span>{{ 'account.started' | transloco: { time: (s.startedAt | localTime: lang()) } }}</span>
                <small class="kefu-muted">{{ 'account.expires' | transloco: { time: (s.expiresAt | localTime: lang()) } }}</small>
                @if (s.current) {
                  <span class="status status--active">{{ 'account.thisOne' | transloco }}</span>
                }
              </li>
            }
          </ul>
          <p class="kefu-muted small">{{ 'account.everywhereHint' | transloco }}</p>
          <button
            type="button"
            class="kefu-button kefu-button--danger"
            data-testid="account-sign-out-everywhere"
            [disabled]="busy()"
            (click)="signOutEverywhere()"
          >
            {{ 'account.signOutEverywhere' | transloco }}
          </button>
          <kefu-error-notice [error]="everywhereError()" />
        </section>
      </div>
      <kefu-canned-responses-editor class="canned" [mine]="true" />
    </main>
  `,
  styles: `
    .who {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .role {
      padding: 0 0.45rem;
      border-radius: 999px;
      background: #eef4ff;
      font-size: 0.8rem;
    }
    .canned {
      display: block;
      margin-top: 1rem;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 1rem;
      align-items: start;
    }
    h2 {
      font-size: 1rem;
    }
    .sessions {
      list-style: none;
      padding: 0;
      margin: 0 0 1rem;
      display: grid;
      gap: 0.5rem;
    }
    .sessions li {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      flex-wrap: wrap;
      font-size: 0.9rem;
    }
    .small {
      font-size: 0.85rem;
    }
  `,
})
export class AccountPage {
  private readonly api = inject(AccountApi);
  private readonly router = inject(Router);
  protected readonly session = inject(SessionStore);
  protected readonly lang = injectActiveLanguage();
  protected readonly limits = AdminLimits;

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(AdminLimits.passwordMinChars), Validators.maxLength(AdminLimits.passwordMaxChars)]],
      confirm: [''],
    },
    { validators: sameNewPassword },
  );
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly changed = signal(false);
  protected readonly passwordError = signal<UiError | null>(null);
  protected readonly sessions = signal<OwnSessionView[]>([]);
  protected readonly sessionsError = signal<UiError | null>(null);
  protected readonly everywhereError = signal<UiError | null>(null);

  constructor() {
    void this.loadSessions();
  }

  protected invalid(name: keyof typeof this.form.controls): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async changePassword(): Promise<void> {
    this.submitted.set(true);
    this.changed.set(false);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.busy.set(true);
    this.passwordError.set(null);
    try {
      await this.api.changePassword({ currentPassword, newPassword });
      this.changed.set(true);
      this.form.reset();
      this.submitted.set(false);
      await this.loadSessions();
    } catch (e) {
      this.passwordError.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected async signOutEverywhere(): Promise<void> {
    this.busy.set(true);
    this.everywhereError.set(null);
    try {
      await this.api.signOutEverywhere();
      await this.router.navigateByUrl('/login');
    } catch (e) {
      this.everywhereError.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadSessions(): Promise<void> {
    try {
      this.sessions.set(await this.api.sessions());
      this.sessionsError.set(null);
    } catch (e) {
      this.sessionsError.set(toUiError(e));
    }
  }
}

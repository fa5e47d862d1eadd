import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AddEmployeeRequest, AdminLimits, type EmployeeView, type Role } from '@kefu/contracts';
import { ErrorNotice, SessionStore, type UiError, toUiError } from '@kefu/ui';
import { compactPhone, maxChars, phoneNumber, requiredText } from '../common/forms';
import { EmployeesApi } from './employees-api';
import { STAFF_ROLES } from './roles';

/** A2/A3: add one employee by e-mail or phone, with an initial password and one or more roles. */
@Component({
  selector: 'kefu-employee-form',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="kefu-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <div class="row">
        <label class="kefu-field">
          <span>{{ 'employees.name' | transloco }} *</span>
          <input formControlName="name" data-testid="employee-name" autocomplete="off" />
          @if (invalid('name')) {
            <small class="kefu-field__error">{{
              (form.controls.name.hasError('maxChars') ? 'validation.maxChars' : 'validation.required') | transloco: { max: limits.nameMaxChars }
            }}</small>
          }
        </label>
        <label class="kefu-field">
          <span>{{ 'employees.email' | transloco }}</span>
          <input type="email" formControlName="email" data-testid="employee-email" autocomplete="off" />
          @if (invalid('email')) {
            <small class="kefu-field__error">{{ 'validation.email' | transloco }}</small>
          }
        </label>
        <label class="kefu-field">
          <span>{{ 'employees.phone' | transloco }}</span>
          <input type="tel" formControlName="phone" data-testid="employee-phone" autocomplete="off" placeholder="13800138000" />
          @if (invalid('phone')) {
            <small class="kefu-field__error">{{ 'validation.phone' | transloco }}</small>
          }
        </label>
        <label class="kefu-field">
          <span>{{ 'employees.initialPassword' | transloco }} *</span>
          <input type="text" formControlName="password" data-testid="employee-password" autocomplete="new-password" />
          @if (invalid('password')) {
            <small class="kefu-field__error">{{
              'validation.lengthBetween' | transloco: { min: limits.passwordMinChars, max: limits.passwordMaxChars }
            }}</small>
          }
        </label>
      </div>
      @if (loginMissing()) {
        <small class="kefu-field__error" data-testid="employee-login-missing">{{ 'employees.loginRequired' | transloco }}</small>
      }
      <fieldset class="roles">
        <legend>{{ 'employees.roles' | transloco }}</legend>
        @for (role of roles; track role) {
          <label class="check">
            <input
              type="checkbox"
              [checked]="chosen().includes(role)"
              [disabled]="role === 'owner' && !iAmOwner()"
              (change)="toggle(role)"
              [attr.data-testid]="'employee-role-' + role"
            />
            {{ 'roles.' + role | transloco }}
          </label>
        }
        <small class="kefu-muted">{{ 'employees.rolesHint' | transloco }}</small>
      </fieldset>
      @if (rolesMissing()) {
        <small class="kefu-field__error">{{ 'employees.rolesRequired' | transloco }}</small>
      }
      <kefu-error-notice [error]="error()" [keys]="{ CONFLICT: 'employees.taken' }" />
      @if (added(); as a) {
        <p class="kefu-form__info" data-testid="employee-added">{{ 'employees.added' | transloco: { name: a.name } }}</p>
      }
      <div>
        <button type="submit" class="kefu-button kefu-button--primary" data-testid="employee-add" [disabled]="busy()">{{ 'employees.add' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 0.85rem;
    }
    .roles {
      border: none;
      padding: 0;
      margin: 0;
      display: flex;
      gap: 1rem;
      align-items: center;
      flex-wrap: wrap;
    }
    legend {
      color: var(--kefu-muted);
      font-size: 0.9rem;
      margin-bottom: 0.25rem;
    }
  `,
})
export class EmployeeForm {
  private readonly api = inject(EmployeesApi);
  private readonly session = inject(SessionStore);
  readonly created = output<EmployeeView>();

  protected readonly limits = AdminLimits;
  protected readonly roles = STAFF_ROLES;
  protected readonly iAmOwner = computed(() => this.session.user()?.roles.includes('owner') ?? false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [requiredText, maxChars(AdminLimits.nameMaxChars)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    phone: ['', [phoneNumber]],
    password: ['', [Validators.required, Validators.minLength(AdminLimits.passwordMinChars), Validators.maxLength(AdminLimits.passwordMaxChars)]],
  });
  protected readonly chosen = signal<Role[]>(['agent']);
  private readonly submitted = signal(false);
  protected readonly loginMissing = signal(false);
  protected readonly rolesMissing = computed(() => this.submitted() && this.chosen().length === 0);
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);
  protected readonly added = signal<EmployeeView | null>(null);

  protected invalid(name: keyof typeof this.form.controls): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected toggle(role: Role): void {
    const roles = this.chosen();
    this.chosen.set(roles.includes(role) ? roles.filter((r) => r !== role) : STAFF_ROLES.filter((r) => r === role || roles.includes(r)));
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.added.set(null);
    this.form.markAllAsTouched();
    const value = this.form.getRawValue();
    const email = value.email.trim();
    const phone = compactPhone(value.phone.trim());
    this.loginMissing.set(!email && !phone);
    if (this.form.invalid || this.loginMissing() || this.rolesMissing() || this.busy()) return;
    const request: AddEmployeeRequest = { name: value.name.trim(), password: value.password, roles: this.chosen() };
    if (email) request.email = email;
    if (phone) request.phone = phone;
    this.busy.set(true);
    this.error.set(null);
    try {
      const { position: _position, ...employee } = await this.api.add(request);
      this.added.set(employee);
      this.form.reset();
      this.chosen.set(['agent']);
      this.submitted.set(false);
      this.created.emit(employee);
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}

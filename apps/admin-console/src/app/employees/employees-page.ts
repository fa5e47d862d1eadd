import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type EmployeeView, type Role } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, SessionStore, type UiError, injectActiveLanguage, toUiError } from '@kefu/ui';
import { ConfirmButton } from '../common/confirm-button';
import { charCount } from '../common/forms';
import { RenameForm } from '../common/rename-form';
import { EmployeeForm } from './employee-form';
import { EmployeeImport } from './employee-import';
import { EmployeesApi } from './employees-api';
import { STAFF_ROLES } from './roles';

/** A2/A3: the organisation's people — list, add one, import many, rename, change roles, deactivate. */
@Component({
  selector: 'kefu-employees-page',
  imports: [TranslocoPipe, ErrorNotice, LocalTimePipe, ConfirmButton, EmployeeForm, EmployeeImport, RenameForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="page">
      <h1>{{ 'employees.title' | transloco }}</h1>
      <div class="tools">
        <button type="button" class="kefu-button" [class.kefu-button--primary]="panel() === 'add'" data-testid="employees-open-add" (click)="toggle('add')">
          {{ 'employees.addOne' | transloco }}
        </button>
        <button
          type="button"
          class="kefu-button"
          [class.kefu-button--primary]="panel() === 'import'"
          data-testid="employees-open-import"
          (click)="toggle('import')"
        >
          {{ 'employees.importMany' | transloco }}
        </button>
      </div>
      @if (panel() === 'add') {
        <section class="kefu-card">
          <h2>{{ 'employees.addOne' | transloco }}</h2>
          <kefu-employee-form (created)="load()" />
        </section>
      }
      @if (panel() === 'import') {
        <section class="kefu-card">
          <h2>{{ 'employees.importMany' | transloco }}</h2>
          <kefu-employee-import (imported)="load()" />
        </section>
      }

      <kefu-error-notice [error]="error()" />
      @if (passwordDone(); as name) {
        <p class="done" role="status" data-testid="password-done">{{ 'employees.passwordReset' | transloco: { name } }}</p>
      }
      @if (loading() && !employees().length) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
      <table class="data">
        <thead>
          <tr>
            <th>{{ 'employees.name' | transloco }}</th>
            <th>{{ 'employees.login' | transloco }}</th>
            <th>{{ 'employees.roles' | transloco }}</th>
            <th>{{ 'employees.status' | transloco }}</th>
            <th>{{ 'employees.actions' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (employee of employees(); track employee.userId) {
            <tr data-testid="employee-row" [class.inactive]="!employee.active">
              <td>
                @if (renaming() === employee.userId) {
                  <kefu-rename-form
                    testIdPrefix="employee"
                    label="employees.name"
                    [value]="employee.name"
                    [busy]="busy()"
                    [problem]="renameProblem()"
                    [problemParams]="{ max: nameMax }"
                    (saved)="rename(employee, $event)"
                    (cancelled)="renaming.set(null)"
                  />
                } @else {
                  <strong data-testid="employee-label">{{ employee.name }}</strong>
                }
                @if (employee.isFounder) {
                  <small class="kefu-muted"> · {{ 'employees.founder' | transloco }}</small>
                }
                @if (employee.userId === me()) {
                  <small class="kefu-muted"> · {{ 'employees.you' | transloco }}</small>
                }
                <br /><small class="kefu-muted">{{ 'employees.since' | transloco: { time: (employee.registeredAt | localTime: lang() : 'date') } }}</small>
              </td>
              <td>
                {{ employee.email }}
                @if (employee.email && employee.phone) {
                  <br />
                }
                {{ employee.phone }}
              </td>
              <td>
                @if (editing() === employee.userId) {
                  <div class="role-edit">
                    @for (role of roles; track role) {
                      <label class="check">
                        <input
                          type="checkbox"
                          [checked]="draftRoles().includes(role)"
                          [disabled]="!canGive(role, employee)"
                          (change)="toggleRole(role)"
                          [attr.data-testid]="'roles-edit-' + role"
                        />
                        {{ 'roles.' + role | transloco }}
                      </label>
                    }
                    <button
                      type="button"
                      class="kefu-button kefu-button--small"
                      data-testid="roles-save"
                      [disabled]="busy() || !draftRoles().length"
                      (click)="saveRoles(employee)"
                    >
                      {{ 'actions.save' | transloco }}
                    </button>
                    <button type="button" class="kefu-button kefu-button--small" (click)="editing.set(null)">{{ 'actions.cancel' | transloco }}</button>
                  </div>
                } @else {
                  @for (role of employee.roles; track role) {
                    <span class="role">{{ 'roles.' + role | transloco }}</span>
                  }
                }
              </td>
              <td>
                @if (employee.active) {
                  <span class="status status--active">{{ 'employees.active' | transloco }}</span>
                } @else {
                  <span class="status status--closed" data-testid="employee-inactive">{{ 'employees.inactive' | transloco }}</span>
                }
              </td>
              <td>
                <div class="actions">
                  @if (canRename(employee) && renaming() !== employee.userId) {
                    <button type="button" class="kefu-button kefu-button--small" data-testid="employee-rename" (click)="openRename(employee)">
                      {{ 'actions.rename' | transloco }}
                    </button>
                  }
                  @if (employee.userId !== me() && editing() !== employee.userId) {
                    <button type="button" class="kefu-button kefu-button--small" data-testid="roles-open" (click)="editRoles(employee)">
                      {{ 'employees.editRoles' | transloco }}
                    </button>
                  }
                  @if (employee.userId !== me() && canReset(employee)) {
                    <button type="button" class="kefu-button kefu-button--small" data-testid="password-open" (click)="openReset(employee)">
                      {{ 'employees.resetPassword' | transloco }}
                    </button>
                  }
                  @if (employee.userId !== me() && !employee.isFounder) {
                    @if (employee.active) {
                      <kefu-confirm-button
                        label="employees.deactivate"
                        question="employees.deactivateQuestion"
                        [params]="{ name: employee.name }"
                        testId="employee-deactivate"
                        [disabled]="busy()"
                        (confirmed)="deactivate(employee)"
                      />
                    } @else {
                      <button
                        type="button"
                        class="kefu-button kefu-button--small"
                        data-testid="employee-reactivate"
                        [disabled]="busy()"
                        (click)="reactivate(employee)"
                      >
                        {{ 'employees.reactivate' | transloco }}
                      </button>
                    }
                  }
                </div>
              </td>
            </tr>
            @if (resetting() === employee.userId) {
              <tr class="detail">
                <td colspan="5">
                  <form class="reset" (submit)="$event.preventDefault(); resetPassword(employee)">
                    <label class="kefu-field">
                      <span>{{ 'employees.newPassword' | transloco: { name: employee.name } }}</span>
                      <input
                        type="password"
                        autocomplete="new-password"
                        data-testid="password-new"
                        [value]="newPassword()"
                        (input)="newPassword.set($any($event.target).value)"
                      />
                    </label>
                    <button type="submit" class="kefu-button kefu-button--small kefu-button--primary" data-testid="password-save" [disabled]="busy()">
                      {{ 'actions.save' | transloco }}
                    </button>
                    <button type="button" class="kefu-button kefu-button--small" (click)="resetting.set(null)">{{ 'actions.cancel' | transloco }}</button>
                  </form>
                  @if (passwordProblem()) {
                    <small class="kefu-field__error" data-testid="password-problem">{{ 'employees.passwordTooShort' | transloco: { min: passwordMin } }}</small>
                  }
                  <small class="kefu-muted">{{ 'employees.resetHint' | transloco }}</small>
                </td>
              </tr>
            }
          } @empty {
            @if (!loading()) {
              <tr>
                <td colspan="5" class="kefu-muted">{{ 'employees.empty' | transloco }}</td>
              </tr>
            }
          }
        </tbody>
      </table>
    </main>
  `,
  styles: `
    .done {
      color: var(--kefu-success);
    }
    .reset {
      display: flex;
      gap: 0.5rem;
      align-items: flex-end;
      flex-wrap: wrap;
    }
    .tools {
      display: flex;
      gap: 0.5rem;
      margin-bottom: 1rem;
    }
    section {
      margin-bottom: 1rem;
    }
    h2 {
      font-size: 1rem;
    }
    .role {
      display: inline-block;
      margin: 0 0.3rem 0.2rem 0;
      padding: 0 0.45rem;
      border-radius: 999px;
      background: #eef4ff;
      font-size: 0.8rem;
    }
    .role-edit {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
      align-items: center;
    }
    .check {
      font-size: 0.85rem;
    }
    .actions {
      display: flex;
      gap: 0.35rem;
      flex-wrap: wrap;
      align-items: center;
    }
    tr.inactive td {
      color: var(--kefu-muted);
    }
  `,
})
export class EmployeesPage {
  private readonly api = inject(EmployeesApi);
  private readonly session = inject(SessionStore);
  protected readonly lang = injectActiveLanguage();
  protected readonly roles = STAFF_ROLES;
  protected readonly me = computed(() => this.session.user()?.userId ?? '');
  private readonly iAmOwner = computed(() => this.session.user()?.roles.includes('owner') ?? false);

  protected readonly employees = signal<EmployeeView[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<UiError | null>(null);
  protected readonly panel = signal<'add' | 'import' | null>(null);
  protected readonly editing = signal<string | null>(null);
  protected readonly draftRoles = signal<Role[]>([]);
  protected readonly busy = signal(false);
  protected readonly resetting = signal<string | null>(null);
  protected readonly newPassword = signal('');
  protected readonly passwordProblem = signal(false);
  protected readonly passwordDone = signal<string | null>(null);
  protected readonly passwordMin = AdminLimits.passwordMinChars;
  protected readonly nameMax = AdminLimits.nameMaxChars;
  protected readonly renaming = signal<string | null>(null);
  protected readonly renameProblem = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected toggle(panel: 'add' | 'import'): void {
    this.panel.set(this.panel() === panel ? null : panel);
  }

  /** Only an owner gives or takes the owner role; the founder keeps it (A3). */
  protected canGive(role: Role, employee: EmployeeView): boolean {
    if (role !== 'owner') return true;
    return this.iAmOwner() && !employee.isFounder;
  }

  protected editRoles(employee: EmployeeView): void {
    this.editing.set(employee.userId);
    this.draftRoles.set([...employee.roles]);
  }

  protected toggleRole(role: Role): void {
    const roles = this.draftRoles();
    if (roles.includes(role)) this.draftRoles.set(roles.filter((r) => r !== role));
    // Roles this page does not manage (auditor) stay as they are.
    else this.draftRoles.set([...STAFF_ROLES.filter((r) => r === role || roles.includes(r)), ...roles.filter((r) => !STAFF_ROLES.includes(r))]);
  }

  /** A2: only an owner renames another owner (A3); anyone here renames themselves and the rest. */
  protected canRename(employee: EmployeeView): boolean {
    return employee.userId === this.me() || this.iAmOwner() || !employee.roles.includes('owner');
  }

  protected openRename(employee: EmployeeView): void {
    this.renaming.set(employee.userId);
    this.renameProblem.set(null);
  }

  protected async rename(employee: EmployeeView, name: string): Promise<void> {
    this.renameProblem.set(!name ? 'validation.required' : charCount(name) > AdminLimits.nameMaxChars ? 'validation.maxChars' : null);
    if (this.renameProblem()) return;
    if (name === employee.name) {
      this.renaming.set(null);
      return;
    }
    if (await this.run(() => this.api.rename(employee.userId, name))) this.renaming.set(null);
  }

  protected async saveRoles(employee: EmployeeView): Promise<void> {
    if (await this.run(() => this.api.setRoles(employee.userId, this.draftRoles()))) this.editing.set(null);
  }

  /** Only an owner resets an owner's password (A3); one's own is changed under My account. */
  protected canReset(employee: EmployeeView): boolean {
    return this.iAmOwner() || !employee.roles.includes('owner');
  }

  protected openReset(employee: EmployeeView): void {
    this.resetting.set(employee.userId);
    this.newPassword.set('');
    this.passwordProblem.set(false);
    this.passwordDone.set(null);
  }

  protected async resetPassword(employee: EmployeeView): Promise<void> {
    const password = this.newPassword();
    this.passwordProblem.set(password.length < AdminLimits.passwordMinChars);
    if (this.passwordProblem()) return;
    if (await this.run(() => this.api.resetPassword(employee.userId, password))) {
      this.resetting.set(null);
      this.passwordDone.set(employee.name);
    }
  }

  protected async deactivate(employee: EmployeeView): Promise<void> {
    await this.run(() => this.api.deactivate(employee.userId));
  }

  protected async reactivate(employee: EmployeeView): Promise<void> {
    await this.run(() => this.api.reactivate(employee.userId));
  }

  async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.employees.set(await this.api.list());
      this.error.set(null);
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  private async run(write: () => Promise<unknown>): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.error.set(null);
    try {
      await write();
      await this.load();
      return true;
    } catch (e) {
      this.error.set(toUiError(e));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}

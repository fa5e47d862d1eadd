import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type SiteGroupView } from '@kefu/contracts';
import { ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { MoveButtons, movedOrder } from '../common/move-buttons';
import { RenameForm } from '../common/rename-form';
import { ConfirmButton } from '../common/confirm-button';
import { charCount } from '../common/forms';
import { SitesApi } from '../sites/sites-api';
import { SiteContext } from './site-context';

/** D2: a site's agent groups — add, rename, move up/down, delete. Agents without a group are not offered to visitors. */
@Component({
  selector: 'kefu-groups-page',
  imports: [TranslocoPipe, ErrorNotice, ConfirmButton, MoveButtons, RenameForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kefu-card">
      <h2>{{ 'groups.add' | transloco }}</h2>
      <form class="add" (submit)="$event.preventDefault(); add()">
        <label class="kefu-field">
          <span>{{ 'groups.name' | transloco }}</span>
          <input data-testid="group-name" [value]="newName()" (input)="newName.set(valueOf($event))" />
        </label>
        <button type="submit" class="kefu-button kefu-button--primary" data-testid="group-add" [disabled]="busy()">{{ 'actions.add' | transloco }}</button>
      </form>
      @if (newNameProblem(); as p) {
        <small class="kefu-field__error">{{ p | transloco: { max: limits.groupNameMaxChars } }}</small>
      }
      <p class="kefu-muted hint">{{ 'groups.hint' | transloco }}</p>
    </section>

    <kefu-error-notice [error]="error()" />

    @if (context.site(); as site) {
      <table class="data">
        <thead>
          <tr>
            <th>{{ 'groups.name' | transloco }}</th>
            <th>{{ 'groups.agents' | transloco }}</th>
            <th>{{ 'groups.actions' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (group of groups(); track group.groupId; let first = $first; let last = $last) {
            <tr data-testid="group-row">
              <td>
                @if (editing() === group.groupId) {
                  <kefu-rename-form
                    testIdPrefix="group"
                    label="groups.name"
                    [value]="group.name"
                    [busy]="busy()"
                    [problem]="editNameProblem()"
                    [problemParams]="{ max: limits.groupNameMaxChars }"
                    (saved)="rename(group, $event)"
                    (cancelled)="editing.set(null)"
                  />
                } @else {
                  <span data-testid="group-label">{{ group.isDefault ? ('groups.default' | transloco) : group.name }}</span>
                }
              </td>
              <td>{{ group.agentCount }}</td>
              <td>
                <div class="actions">
                  <kefu-move-buttons testIdPrefix="group" [first]="first" [last]="last" [disabled]="busy()" (move)="move(group, $event)" />
                  @if (!group.isDefault) {
                    <button type="button" class="kefu-button kefu-button--small" data-testid="group-rename" (click)="startRename(group)">
                      {{ 'actions.rename' | transloco }}
                    </button>
                    <kefu-confirm-button
                      label="actions.delete"
                      question="groups.deleteQuestion"
                      [params]="{ name: group.name, count: group.agentCount }"
                      testId="group-delete"
                      [disabled]="busy()"
                      (confirmed)="remove(group)"
                    />
                  }
                </div>
              </td>
            </tr>
          } @empty {
            <tr>
              <td colspan="3" class="kefu-muted">{{ 'groups.empty' | transloco }}</td>
            </tr>
          }
        </tbody>
      </table>
      <p class="kefu-muted hint">{{ 'groups.site' | transloco: { name: site.name } }}</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
    }
    h2 {
      font-size: 1rem;
    }
    .add {
      display: flex;
      gap: 0.75rem;
      align-items: flex-end;
      flex-wrap: wrap;
    }
    .add .kefu-field {
      flex: 1 1 240px;
    }
    .actions {
      display: flex;
      gap: 0.35rem;
      flex-wrap: wrap;
      align-items: center;
    }
    .hint {
      font-size: 0.85rem;
      margin: 0.5rem 0 0;
    }
  `,
})
export class GroupsPage {
  private readonly api = inject(SitesApi);
  protected readonly context = inject(SiteContext);
  protected readonly limits = AdminLimits;

  protected readonly groups = computed(() => [...(this.context.site()?.groups ?? [])].sort((a, b) => a.order - b.order));
  protected readonly newName = signal('');
  protected readonly newNameProblem = signal<string | null>(null);
  protected readonly editing = signal<string | null>(null);
  protected readonly editNameProblem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async add(): Promise<void> {
    const name = this.newName().trim();
    const problem = nameProblem(name);
    this.newNameProblem.set(problem);
    if (problem) return;
    if (await this.run((siteId) => this.api.addGroup(siteId, name))) this.newName.set('');
  }

  protected startRename(group: SiteGroupView): void {
    this.editing.set(group.groupId);
    this.editNameProblem.set(null);
  }

  protected async rename(group: SiteGroupView, name: string): Promise<void> {
    const problem = nameProblem(name);
    this.editNameProblem.set(problem);
    if (problem) return;
    if (name === group.name || (await this.run((siteId) => this.api.renameGroup(siteId, group.groupId, name)))) this.editing.set(null);
  }

  protected async move(group: SiteGroupView, by: -1 | 1): Promise<void> {
    const order = movedOrder(
      this.groups().map((x) => x.groupId),
      group.groupId,
      by,
    );
    if (order) await this.run((siteId) => this.api.reorderGroups(siteId, order));
  }

  protected async remove(group: SiteGroupView): Promise<void> {
    await this.run((siteId) => this.api.deleteGroup(siteId, group.groupId));
  }

  /** One write at a time; the site is read again after it (waiting for its position). */
  private async run(write: (siteId: string) => Promise<unknown>): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.error.set(null);
    try {
      await write(this.context.siteId());
      await this.context.reload();
      return true;
    } catch (e) {
      this.error.set(toUiError(e));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}

function nameProblem(name: string): string | null {
  if (!name) return 'validation.required';
  if (charCount(name) > AdminLimits.groupNameMaxChars) return 'validation.maxChars';
  return null;
}

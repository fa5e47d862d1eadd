import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { EmployeeView, SiteAgentDetailView, SiteGroupView, UpdateSiteAgentRequest } from '@kefu/contracts';
import { ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { MoveButtons, movedOrder } from '../common/move-buttons';
import { ConfirmButton } from '../common/confirm-button';
import { CopyButton } from '../common/copy-button';
import { EmployeesApi } from '../employees/employees-api';
import { SitesApi } from '../sites/sites-api';
import { AgentForm, type AgentSettings } from './agent-form';
import { SiteContext } from './site-context';

/** D3: the employees who answer this site's visitors — assign, edit, reorder, unassign; each with its own link (E2). */
@Component({
  selector: 'kefu-agents-page',
  imports: [TranslocoPipe, ErrorNotice, ConfirmButton, MoveButtons, CopyButton, AgentForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (context.site(); as site) {
      <section class="kefu-card">
        <div class="title">
          <h2>{{ 'agents.assign' | transloco }}</h2>
        </div>
        @if (candidates().length) {
          <label class="kefu-field pick">
            <span>{{ 'agents.employee' | transloco }}</span>
            <select data-testid="agent-employee" (change)="pick($event)">
              <option value="" [selected]="!picked()">{{ 'agents.chooseEmployee' | transloco }}</option>
              @for (employee of candidates(); track employee.userId) {
                <option [value]="employee.userId" [selected]="employee.userId === picked()?.userId">{{ describe(employee) }}</option>
              }
            </select>
          </label>
          @if (picked(); as employee) {
            <kefu-agent-form
              [groups]="site.groups"
              [initial]="{ nickname: employee.name, email: employee.email, phone: employee.phone }"
              submitLabel="agents.assignSubmit"
              [busy]="busy()"
              (saved)="assign(employee, $event)"
              (cancelled)="picked.set(null)"
            />
          }
        } @else if (employeesLoaded()) {
          <p class="kefu-muted" data-testid="agents-no-candidates">{{ 'agents.noCandidates' | transloco }}</p>
        }
        <kefu-error-notice [error]="employeesError()" />
      </section>

      <kefu-error-notice [error]="error()" />

      <table class="data">
        <thead>
          <tr>
            <th>{{ 'agents.nickname' | transloco }}</th>
            <th>{{ 'agents.jobNumber' | transloco }}</th>
            <th>{{ 'agents.group' | transloco }}</th>
            <th>{{ 'agents.distribution' | transloco }}</th>
            <th>{{ 'agents.maxChats' | transloco }}</th>
            <th>{{ 'agents.actions' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (agent of agents(); track agent.userId; let first = $first; let last = $last) {
            <tr data-testid="agent-row">
              <td>
                <strong data-testid="agent-row-nickname">{{ agent.nickname }}</strong>
                @if (agent.email || agent.phone) {
                  <br /><small class="kefu-muted">{{ agent.email }} {{ agent.phone }}</small>
                }
              </td>
              <td>{{ agent.jobNumber || ('common.none' | transloco) }}</td>
              <td>
                @if (groupOf(agent.groupId); as group) {
                  {{ group.isDefault ? ('groups.default' | transloco) : group.name }}
                } @else {
                  <span class="warn">{{ 'agents.noGroup' | transloco }}</span>
                }
              </td>
              <td>
                @if (agent.distribution === 'regional') {
                  {{ 'agents.distributionRegional' | transloco }}: <small>{{ agent.regions.join('、') }}</small>
                } @else {
                  {{ 'agents.distributionAuto' | transloco }}
                }
              </td>
              <td>{{ agent.maxChats ?? ('agents.noCap' | transloco) }}</td>
              <td>
                <div class="actions">
                  <kefu-move-buttons testIdPrefix="agent" [first]="first" [last]="last" [disabled]="busy()" (move)="move(agent, $event)" />
                  <button type="button" class="kefu-button kefu-button--small" data-testid="agent-edit" (click)="toggleEdit(agent)">
                    {{ 'actions.edit' | transloco }}
                  </button>
                  <button type="button" class="kefu-button kefu-button--small" data-testid="agent-link-toggle" (click)="toggleLink(agent)">
                    {{ 'agents.link' | transloco }}
                  </button>
                  <kefu-confirm-button
                    label="agents.unassign"
                    question="agents.unassignQuestion"
                    [params]="{ name: agent.nickname }"
                    testId="agent-unassign"
                    [disabled]="busy()"
                    (confirmed)="unassign(agent)"
                  />
                </div>
              </td>
            </tr>
            @if (linkOf() === agent.userId) {
              <tr class="detail">
                <td colspan="6">
                  <p class="kefu-muted hint">{{ 'agents.linkHint' | transloco }}</p>
                  <div class="link">
                    <code #link data-testid="agent-link">{{ agent.link }}</code>
                    <kefu-copy-button [text]="agent.link" [fallback]="link" testId="agent-link-copy" />
                  </div>
                </td>
              </tr>
            }
            @if (editing() === agent.userId) {
              <tr class="detail">
                <td colspan="6">
                  <kefu-agent-form [groups]="site.groups" [initial]="agent" [busy]="busy()" (saved)="update(agent, $event)" (cancelled)="editing.set(null)" />
                </td>
              </tr>
            }
          } @empty {
            <tr>
              <td colspan="6" class="kefu-muted" data-testid="agents-empty">{{ 'sites.noAgents' | transloco }}</td>
            </tr>
          }
        </tbody>
      </table>
    } @else if (!context.error()) {
      <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
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
    .pick {
      max-width: 420px;
      margin-bottom: 1rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
      align-items: center;
    }
    .warn {
      color: #7d4e00;
    }
    tr.detail td {
      background: #fafbfc;
    }
    .link {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .link code {
      word-break: break-all;
      font-size: 0.8rem;
    }
    .hint {
      font-size: 0.8rem;
      margin: 0 0 0.25rem;
    }
  `,
})
export class AgentsPage {
  private readonly sites = inject(SitesApi);
  private readonly employeesApi = inject(EmployeesApi);
  protected readonly context = inject(SiteContext);

  protected readonly agents = computed(() => [...(this.context.site()?.agents ?? [])].sort((a, b) => a.order - b.order));
  private readonly employees = signal<EmployeeView[]>([]);
  protected readonly employeesLoaded = signal(false);
  protected readonly employeesError = signal<UiError | null>(null);
  /** Active employees who are not yet agents of this site. */
  protected readonly candidates = computed(() => {
    const assigned = new Set(this.agents().map((a) => a.userId));
    return this.employees().filter((e) => e.active && !assigned.has(e.userId));
  });
  protected readonly picked = signal<EmployeeView | null>(null);
  protected readonly editing = signal<string | null>(null);
  protected readonly linkOf = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);

  constructor() {
    void this.loadEmployees();
  }

  protected describe(employee: EmployeeView): string {
    const login = [employee.email, employee.phone].filter(Boolean).join(' / ');
    return login ? `${employee.name} (${login})` : employee.name;
  }

  protected groupOf(groupId: string): SiteGroupView | undefined {
    return groupId ? this.context.site()?.groups.find((g) => g.groupId === groupId) : undefined;
  }

  protected pick(event: Event): void {
    const userId = (event.target as HTMLSelectElement).value;
    this.picked.set(this.candidates().find((e) => e.userId === userId) ?? null);
  }

  protected toggleEdit(agent: SiteAgentDetailView): void {
    this.editing.set(this.editing() === agent.userId ? null : agent.userId);
  }

  protected toggleLink(agent: SiteAgentDetailView): void {
    this.linkOf.set(this.linkOf() === agent.userId ? null : agent.userId);
  }

  protected async assign(employee: EmployeeView, settings: AgentSettings): Promise<void> {
    if (await this.run((siteId) => this.sites.assignAgent(siteId, { userId: employee.userId, ...settings }))) this.picked.set(null);
  }

  protected async update(agent: SiteAgentDetailView, settings: AgentSettings): Promise<void> {
    const changes = changedFields(agent, settings);
    if (Object.keys(changes).length === 0 || (await this.run((siteId) => this.sites.updateAgent(siteId, agent.userId, changes)))) this.editing.set(null);
  }

  protected async move(agent: SiteAgentDetailView, by: -1 | 1): Promise<void> {
    const order = movedOrder(
      this.agents().map((x) => x.userId),
      agent.userId,
      by,
    );
    if (order) await this.run((siteId) => this.sites.reorderAgents(siteId, order));
  }

  protected async unassign(agent: SiteAgentDetailView): Promise<void> {
    await this.run((siteId) => this.sites.unassignAgent(siteId, agent.userId));
  }

  private async loadEmployees(): Promise<void> {
    try {
      this.employees.set(await this.employeesApi.list());
      this.employeesError.set(null);
    } catch (e) {
      this.employeesError.set(toUiError(e));
    } finally {
      this.employeesLoaded.set(true);
    }
  }

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

function changedFields(agent: SiteAgentDetailView, settings: AgentSettings): UpdateSiteAgentRequest {
  const changes: UpdateSiteAgentRequest = {};
  if (settings.nickname !== agent.nickname) changes.nickname = settings.nickname;
  if (settings.jobNumber !== agent.jobNumber) changes.jobNumber = settings.jobNumber;
  if (settings.email !== agent.email) changes.email = settings.email;
  if (settings.phone !== agent.phone) changes.phone = settings.phone;
  if (settings.groupId !== agent.groupId) changes.groupId = settings.groupId;
  if (settings.distribution !== agent.distribution) changes.distribution = settings.distribution;
  if (settings.regions.join('\n') !== agent.regions.join('\n')) changes.regions = settings.regions;
  if (settings.maxChats !== agent.maxChats) changes.maxChats = settings.maxChats;
  return changes;
}

import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Limits, type TransferChatRequest, type TransferTargetsView } from '@kefu/contracts';
import { ErrorNotice, type UiError } from '@kefu/ui';
import { AgentDesk } from '../desk/agent-desk';

type Choice = { kind: 'agent'; id: string } | { kind: 'group'; id: string };

/** B8: pick an online colleague or a group, say why (optional), hand the chat over. */
@Component({
  selector: 'kefu-transfer-panel',
  imports: [TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="panel"
      role="dialog"
      data-testid="transfer-panel"
      [attr.aria-label]="'transfer.title' | transloco"
      (submit)="$event.preventDefault(); submit()"
    >
      <h3>{{ 'transfer.title' | transloco }}</h3>
      @if (!targets()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      } @else {
        <fieldset>
          <legend>{{ 'transfer.agents' | transloco }}</legend>
          @for (agent of agents(); track agent.id) {
            <label class="option" [class.option--off]="agent.status !== 'online'">
              <input
                type="radio"
                name="transfer-target"
                data-testid="transfer-agent"
                [attr.data-agent-id]="agent.id"
                [disabled]="agent.status !== 'online'"
                [checked]="choice()?.kind === 'agent' && choice()?.id === agent.id"
                (change)="choice.set({ kind: 'agent', id: agent.id })"
              />
              <span class="name">{{ agent.name }}</span>
              <span class="kefu-muted">{{ 'agentStatus.' + agent.status | transloco }}</span>
              <span class="kefu-muted">{{
                agent.cap === null
                  ? ('transfer.loadNoCap' | transloco: { load: agent.load })
                  : ('transfer.load' | transloco: { load: agent.load, cap: agent.cap })
              }}</span>
            </label>
          } @empty {
            <p class="kefu-muted" data-testid="transfer-none">{{ 'transfer.none' | transloco }}</p>
          }
        </fieldset>
        @if (targets()!.groups.length) {
          <fieldset>
            <legend>{{ 'transfer.groups' | transloco }}</legend>
            @for (group of targets()!.groups; track group.id) {
              <label class="option">
                <input
                  type="radio"
                  name="transfer-target"
                  data-testid="transfer-group"
                  [attr.data-group-id]="group.id"
                  [checked]="choice()?.kind === 'group' && choice()?.id === group.id"
                  (change)="choice.set({ kind: 'group', id: group.id })"
                />
                <span class="name">{{ group.name }}</span>
              </label>
            }
          </fieldset>
        }
        <label class="kefu-field">
          <span>{{ 'transfer.reason' | transloco }}</span>
          <textarea
            rows="2"
            data-testid="transfer-reason"
            [maxLength]="maxReason"
            [value]="reason()"
            (input)="reason.set($any($event.target).value)"
          ></textarea>
        </label>
      }
      <kefu-error-notice [error]="error()" />
      <div class="actions">
        <button type="button" class="kefu-button kefu-button--small" data-testid="transfer-cancel" (click)="closed.emit()">
          {{ 'transfer.cancel' | transloco }}
        </button>
        <button type="submit" class="kefu-button kefu-button--small kefu-button--primary" data-testid="transfer-submit" [disabled]="!choice() || busy()">
          {{ 'transfer.submit' | transloco }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .panel {
      margin: 0.5rem 1rem;
      padding: 0.75rem 1rem;
      background: #fff;
      border: 1px solid var(--kefu-border);
      border-radius: var(--kefu-radius);
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.08);
      display: grid;
      gap: 0.5rem;
      font-size: 0.875rem;
    }
    h3 {
      margin: 0;
      font-size: 0.95rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.2rem;
    }
    legend {
      color: var(--kefu-muted);
      margin-bottom: 0.2rem;
    }
    .option {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .option--off {
      opacity: 0.6;
    }
    .name {
      font-weight: 600;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.4rem;
    }
  `,
})
export class TransferPanel implements OnInit {
  private readonly desk = inject(AgentDesk);
  readonly chatId = input.required<string>();
  readonly closed = output<void>();
  protected readonly maxReason = Limits.transferReasonMaxChars;

  protected readonly targets = signal<TransferTargetsView | null>(null);
  protected readonly choice = signal<Choice | null>(null);
  protected readonly reason = signal('');
  protected readonly error = signal<UiError | null>(null);
  protected readonly busy = signal(false);
  /** Everyone but the agent themself; online first. */
  protected readonly agents = computed(() =>
    (this.targets()?.agents ?? [])
      .filter((agent) => agent.id !== this.desk.me())
      .sort((a, b) => Number(b.status === 'online') - Number(a.status === 'online') || a.load - b.load),
  );

  async ngOnInit(): Promise<void> {
    const answer = await this.desk.transferTargets(this.chatId());
    if (answer.kind === 'ok') this.targets.set(answer.data);
    else this.error.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: '' });
  }

  protected async submit(): Promise<void> {
    const choice = this.choice();
    if (!choice || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    const to: TransferChatRequest['to'] = choice.kind === 'agent' ? { kind: 'agent', agentId: choice.id } : { kind: 'group', groupId: choice.id };
    const answer = await this.desk.transfer(this.chatId(), to, this.reason());
    this.busy.set(false);
    if (answer.kind === 'ok') this.closed.emit();
    else this.error.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: '' });
  }
}

import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AuditEventView } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, injectActiveLanguage } from '@kefu/ui';
import { loadOnChange } from '../reporting/loader';
import { injectQueryState } from '../reporting/query-state';
import { type AuditSubject, ReportsApi } from '../reporting/reports-api';

const KINDS: readonly AuditSubject[] = ['chat', 'visit', 'visitor', 'site'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `2026-03-05T14:30` typed in the browser's zone -> an ISO instant; null when it is not a time. */
export function instantOf(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An ISO instant as the value of a datetime-local input (the browser's zone, to the second). */
export function localInputOf(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/**
 * K4: the recorded history of a conversation, visit, visitor or site setting (who did what, when), the state of a
 * conversation or visit as of any instant, and ★ the routing trace of a conversation (who was eligible, who was chosen, why).
 */
@Component({
  selector: 'kefu-audit-page',
  imports: [TranslocoPipe, ErrorNotice, LocalTimePipe, JsonPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="page">
      <h1>{{ 'audit.title' | transloco }}</h1>
      <form class="kefu-card subject" data-testid="audit-form" (submit)="$event.preventDefault(); open()">
        <label class="kefu-field">
          <span>{{ 'audit.kind' | transloco }}</span>
          <select data-testid="audit-kind" (change)="draftKind.set(value($event))">
            @for (k of kinds; track k) {
              <option [value]="k" [selected]="draftKind() === k">{{ 'audit.subject.' + k | transloco }}</option>
            }
          </select>
        </label>
        <label class="kefu-field grow">
          <span>{{ 'audit.id' | transloco }}</span>
          <input
            type="text"
            data-testid="audit-id"
            [value]="draftId()"
            (input)="draftId.set(value($event))"
            placeholder="00000000-0000-0000-0000-000000000000"
          />
        </label>
        <button type="submit" class="kefu-button kefu-button--primary" data-testid="audit-open">{{ 'audit.show' | transloco }}</button>
      </form>
      @if (idProblem()) {
        <p class="kefu-field__error" role="alert">{{ 'audit.badId' | transloco }}</p>
      }

      @if (subject(); as s) {
        <kefu-error-notice [error]="history.error()" />
        @if (s.kind === 'chat' || s.kind === 'visit') {
          <section class="kefu-card">
            <h2>{{ 'audit.stateAsOf' | transloco }}</h2>
            <form class="as-of" (submit)="$event.preventDefault(); showState()">
              <input type="datetime-local" step="1" data-testid="audit-at" [value]="draftAt()" (input)="draftAt.set(value($event))" />
              <button type="submit" class="kefu-button kefu-button--small" data-testid="audit-state">{{ 'audit.showState' | transloco }}</button>
            </form>
            <kefu-error-notice [error]="state.error()" />
            @if (state.value(); as st) {
              <p class="kefu-muted" data-testid="audit-state-meta">
                {{ 'audit.stateMeta' | transloco: { at: (st.at | localTime: lang()), events: st.eventsApplied, position: st.position } }}
              </p>
              <pre data-testid="audit-state-json">{{ st.state | json }}</pre>
            }
          </section>
        }
        @if (s.kind === 'chat') {
          <section class="kefu-card">
            <h2>{{ 'audit.routing' | transloco }}</h2>
            <kefu-error-notice [error]="routing.error()" />
            @for (d of routing.value()?.decisions ?? []; track d.position) {
              <div class="decision" data-testid="routing-decision">
                <p>
                  <strong>{{ 'audit.decision.' + d.type | transloco }}</strong> · {{ d.at | localTime: lang() : 'datetime' }}
                  @if (d.chosen; as c) {
                    · {{ 'audit.chosen' | transloco: { name: c.agentName } }} <span class="kefu-muted">({{ c.reason }})</span>
                  }
                  @if (d.queuePosition) {
                    · {{ 'audit.queuePosition' | transloco: { position: d.queuePosition } }}
                  }
                </p>
                <table class="data">
                  <thead>
                    <tr>
                      <th>{{ 'audit.agent' | transloco }}</th>
                      <th>{{ 'audit.status' | transloco }}</th>
                      <th>{{ 'audit.load' | transloco }}</th>
                      <th>{{ 'audit.eligible' | transloco }}</th>
                      <th>{{ 'audit.excluded' | transloco }}</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (c of d.considered; track c.agentId) {
                      <tr data-testid="routing-considered" [class.chosen]="d.chosen?.agentId === c.agentId">
                        <td>{{ c.agentId }}</td>
                        <td>{{ c.status }}</td>
                        <td>{{ c.load }} / {{ c.cap ?? '∞' }}</td>
                        <td>{{ (c.eligible ? 'audit.yes' : 'audit.no') | transloco }}</td>
                        <td>{{ c.excluded ?? '' }}</td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            } @empty {
              @if (!routing.loading()) {
                <p class="kefu-muted">{{ 'audit.noRouting' | transloco }}</p>
              }
            }
          </section>
        }
        <section class="kefu-card">
          <h2>{{ 'audit.history' | transloco }}</h2>
          @if (history.loading()) {
            <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
          }
          @if (history.value(); as h) {
            <table class="data">
              <thead>
                <tr>
                  <th>{{ 'audit.time' | transloco }}</th>
                  <th>{{ 'audit.event' | transloco }}</th>
                  <th>{{ 'audit.actor' | transloco }}</th>
                  <th>{{ 'audit.stream' | transloco }}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                @for (e of h.events; track e.position) {
                  <tr data-testid="audit-event" [attr.data-type]="e.type">
                    <td>
                      {{ e.occurredAt | localTime: lang() : 'datetime' }}<br /><small class="kefu-muted">#{{ e.position }}</small>
                    </td>
                    <td>
                      <strong>{{ e.type }}</strong>
                      <details>
                        <summary>{{ 'audit.data' | transloco }}</summary>
                        <pre>{{ e.data | json }}</pre>
                      </details>
                    </td>
                    <td>{{ actor(e) }}</td>
                    <td class="kefu-muted">{{ e.streamId }}@{{ e.revision }}</td>
                    <td>
                      @if (s.kind === 'chat' || s.kind === 'visit') {
                        <button type="button" class="kefu-button kefu-button--small" data-testid="state-after" (click)="stateAfter(e)">
                          {{ 'audit.stateAfter' | transloco }}
                        </button>
                      }
                    </td>
                  </tr>
                } @empty {
                  <tr>
                    <td colspan="5" class="kefu-muted">{{ 'audit.noEvents' | transloco }}</td>
                  </tr>
                }
              </tbody>
            </table>
          }
        </section>
      }
    </main>
  `,
  styles: `
    .subject {
      display: flex;
      gap: 0.75rem;
      align-items: flex-end;
      flex-wrap: wrap;
      margin-bottom: 1rem;
    }
    .subject .kefu-field {
      width: 11rem;
    }
    .subject .grow {
      flex: 1;
      min-width: 18rem;
    }
    section {
      margin-bottom: 1rem;
    }
    .as-of {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    pre {
      background: #f6f8fa;
      padding: 0.5rem;
      border-radius: 6px;
      font-size: 0.8rem;
      max-height: 24rem;
      overflow: auto;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .decision {
      margin-bottom: 1rem;
    }
    tr.chosen {
      background: #dafbe1;
    }
  `,
})
export class AuditPage {
  private readonly api = inject(ReportsApi);
  private readonly query = injectQueryState();
  protected readonly lang = injectActiveLanguage();
  protected readonly kinds = KINDS;

  protected readonly subject = computed(() => {
    const p = this.query.params();
    const kind = KINDS.find((k) => k === p['kind']);
    const id = p['id'] ?? '';
    return kind && UUID.test(id) ? { kind, id } : null;
  });
  protected readonly at = computed(() => {
    const at = this.query.params()['at'];
    return at && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : null;
  });

  protected readonly draftKind = signal<string>('chat');
  protected readonly draftId = signal('');
  protected readonly draftAt = signal('');
  protected readonly idProblem = signal(false);

  protected readonly history = loadOnChange(
    () => this.subject() ?? undefined,
    (s) => this.api.auditHistory(s.kind, s.id),
  );
  protected readonly state = loadOnChange(
    () => {
      const s = this.subject();
      const at = this.at();
      return s && at && (s.kind === 'chat' || s.kind === 'visit') ? { kind: s.kind, id: s.id, at } : undefined;
    },
    (p) => this.api.auditState(p.kind, p.id, p.at),
  );
  protected readonly routing = loadOnChange(
    () => {
      const s = this.subject();
      return s?.kind === 'chat' ? s.id : undefined;
    },
    (chatId) => this.api.routingTrace(chatId),
  );

  constructor() {
    effect(() => {
      const s = this.subject();
      if (s) {
        this.draftKind.set(s.kind);
        this.draftId.set(s.id);
      }
      const at = this.at();
      this.draftAt.set(at ? localInputOf(at) : localInputOf(new Date().toISOString()));
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected open(): void {
    const id = this.draftId().trim();
    this.idProblem.set(!UUID.test(id));
    if (UUID.test(id)) void this.query.set({ kind: this.draftKind(), id, at: null });
  }

  protected showState(): void {
    const at = instantOf(this.draftAt());
    if (at) void this.query.set({ at });
  }

  protected stateAfter(event: AuditEventView): void {
    void this.query.set({ at: event.occurredAt });
  }

  protected actor(event: AuditEventView): string {
    return event.actor ? `${event.actor.kind}:${event.actor.id}` : '';
  }
}

import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { LiveVisitView } from '@kefu/contracts';
import type { UiError } from '@kefu/ui';
import { VisitorAlerts } from './visitor-alerts';
import { VisitRegion, VisitSource } from './visit-labels';
import { VisitorBoard, formatDuration } from './visitor-board';

/** Rows of live visitors with Invite (F2 manual invitation) and Chat (C5 direct chat). */
@Component({
  selector: 'kefu-visitor-table',
  imports: [TranslocoPipe, VisitRegion, VisitSource],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th>{{ 'visitors.visitor' | transloco }}</th>
            @if (showSite()) {
              <th>{{ 'visitors.site' | transloco }}</th>
            }
            <th>{{ 'visitors.page' | transloco }}</th>
            <th>{{ 'visitors.region' | transloco }}</th>
            <th>{{ 'visitors.source' | transloco }}</th>
            <th>{{ 'visitors.timeOnSite' | transloco }}</th>
            <th>{{ 'visitors.chatState' | transloco }}</th>
            <th>{{ 'visitors.actions' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (visit of visitors(); track visit.visitId) {
            <tr data-testid="visitor-row" [attr.data-visit-id]="visit.visitId" [class.focused]="alerts.focusVisit() === visit.visitId">
              <td>
                <strong>{{ visit.visitorName }}</strong>
                <span class="kind kind--{{ visit.kind }}" data-testid="visitor-kind">{{ 'visitors.kind.' + visit.kind | transloco }}</span>
              </td>
              @if (showSite()) {
                <td data-testid="visitor-site-name">{{ board.siteNameOf(visit) || visit.siteId }}</td>
              }
              <td class="page">
                <a [href]="visit.currentPage.url" target="_blank" rel="noopener noreferrer" data-testid="visitor-page">{{
                  visit.currentPage.title || visit.currentPage.url
                }}</a>
                <span class="kefu-muted small">{{ 'visitors.pages' | transloco: { count: visit.pages } }}</span>
              </td>
              <td><kefu-visit-region [region]="visit.region" /></td>
              <td><kefu-visit-source [source]="visit.source" /></td>
              <td data-testid="visitor-time">{{ onSite(visit) }}</td>
              <td>
                <span class="state state--{{ visit.chatState }}" data-testid="visitor-state">{{ 'visitors.states.' + visit.chatState | transloco }}</span>
                @if (board.invitations()[visit.visitId]; as invitation) {
                  <span class="kefu-muted small" data-testid="invitation-state">{{ 'visitors.invitation.' + invitation | transloco }}</span>
                }
              </td>
              <td class="actions">
                <button
                  type="button"
                  class="kefu-button kefu-button--small"
                  data-testid="invite-visitor"
                  [disabled]="!canInvite(visit)"
                  (click)="invite(visit)"
                >
                  {{ 'visitors.invite' | transloco }}
                </button>
                <button
                  type="button"
                  class="kefu-button kefu-button--small kefu-button--primary"
                  data-testid="chat-visitor"
                  [disabled]="!canChat(visit)"
                  (click)="chat(visit)"
                >
                  {{ 'visitors.chat' | transloco }}
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
      background: #fff;
      border: 1px solid var(--kefu-border);
      border-radius: var(--kefu-radius);
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.85rem;
    }
    th,
    td {
      text-align: left;
      padding: 0.45rem 0.6rem;
      border-bottom: 1px solid #eef1f4;
      vertical-align: top;
    }
    th {
      color: var(--kefu-muted);
      font-weight: 500;
      white-space: nowrap;
    }
    tr.focused {
      background: #eef4ff;
    }
    .page a {
      display: block;
      max-width: 260px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .small {
      font-size: 0.78rem;
      display: block;
    }
    .kind {
      display: inline-block;
      margin-left: 0.35rem;
      padding: 0 0.4rem;
      border-radius: 999px;
      font-size: 0.72rem;
      background: #dafbe1;
      color: var(--kefu-success);
    }
    .kind--returning {
      background: #eef1f4;
      color: var(--kefu-muted);
    }
    .state--chatting {
      color: var(--kefu-success);
    }
    .state--queued,
    .state--invited {
      color: #9a6700;
    }
    .actions {
      white-space: nowrap;
    }
    .actions button + button {
      margin-left: 0.3rem;
    }
  `,
})
export class VisitorTable {
  protected readonly board = inject(VisitorBoard);
  protected readonly alerts = inject(VisitorAlerts);
  readonly visitors = input.required<readonly LiveVisitView[]>();
  readonly showSite = input(false);
  readonly failed = output<UiError | null>();

  protected onSite(visit: LiveVisitView): string {
    return formatDuration(this.board.now() - Date.parse(visit.startedAt));
  }

  protected canInvite(visit: LiveVisitView): boolean {
    return canInvite(visit, this.board);
  }

  protected canChat(visit: LiveVisitView): boolean {
    return canChat(visit);
  }

  protected async invite(visit: LiveVisitView): Promise<void> {
    this.failed.emit(null);
    this.failed.emit(failureOf(await this.board.invite(visit.visitId)));
  }

  protected async chat(visit: LiveVisitView): Promise<void> {
    this.failed.emit(null);
    this.failed.emit(failureOf(await this.board.chat(visit.visitId)));
  }
}

export function canInvite(visit: LiveVisitView, board: VisitorBoard): boolean {
  const state = board.invitations()[visit.visitId];
  return visit.online && (visit.chatState === 'browsing' || visit.chatState === 'chatted') && !visit.invitation && state !== 'sending';
}

export function canChat(visit: LiveVisitView): boolean {
  return visit.online && visit.chatState !== 'chatting' && visit.chatState !== 'queued';
}

export function failureOf(answer: { kind: 'ok' } | { kind: 'rejected'; error: UiError } | { kind: 'unreachable' }): UiError | null {
  if (answer.kind === 'rejected') return answer.error;
  return answer.kind === 'unreachable' ? { code: 'TIMEOUT', message: '' } : null;
}

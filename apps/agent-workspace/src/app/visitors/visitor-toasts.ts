import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ErrorNotice, type UiError } from '@kefu/ui';
import { VisitRegion, VisitSource } from './visit-labels';
import { VisitorAlerts, type VisitorToast } from './visitor-alerts';
import { VisitorBoard } from './visitor-board';
import { canChat, canInvite, failureOf } from './visitor-table';

/** B2: the in-page notice of a new visitor: their card, Invite and Chat. */
@Component({
  selector: 'kefu-visitor-toasts',
  imports: [TranslocoPipe, ErrorNotice, VisitRegion, VisitSource],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (toast of alerts.toasts(); track toast.id) {
      <section class="toast" role="alert" data-testid="visitor-toast" [attr.data-visit-id]="toast.visit.visitId">
        <header>
          <strong>{{ 'alerts.newVisitor' | transloco }}</strong>
          <button type="button" class="close" [attr.aria-label]="'alerts.dismiss' | transloco" (click)="alerts.dismiss(toast.id)">×</button>
        </header>
        <p class="who">
          {{ toast.visit.visitorName }}
          <span class="kind">{{ 'visitors.kind.' + toast.visit.kind | transloco }}</span>
        </p>
        <dl>
          @if (board.severalSites()) {
            <dt>{{ 'visitors.site' | transloco }}</dt>
            <dd data-testid="toast-site">{{ board.siteNameOf(toast.visit) || toast.visit.siteId }}</dd>
          }
          <dt>{{ 'visitors.page' | transloco }}</dt>
          <dd class="page">{{ toast.visit.currentPage.title || toast.visit.currentPage.url }}</dd>
          <dt>{{ 'visitors.region' | transloco }}</dt>
          <dd><kefu-visit-region [region]="toast.visit.region" /></dd>
          <dt>{{ 'visitors.source' | transloco }}</dt>
          <dd><kefu-visit-source [source]="toast.visit.source" /></dd>
        </dl>
        <kefu-error-notice [error]="errors()[toast.id] ?? null" />
        <div class="actions">
          <button type="button" class="kefu-button kefu-button--small" data-testid="toast-invite" [disabled]="!invitable(toast)" (click)="invite(toast)">
            {{ 'visitors.invite' | transloco }}
          </button>
          <button
            type="button"
            class="kefu-button kefu-button--small kefu-button--primary"
            data-testid="toast-chat"
            [disabled]="!chattable(toast)"
            (click)="chat(toast)"
          >
            {{ 'visitors.chat' | transloco }}
          </button>
        </div>
      </section>
    }
  `,
  styles: `
    :host {
      position: fixed;
      right: 1rem;
      bottom: 1rem;
      display: grid;
      gap: 0.6rem;
      width: min(320px, calc(100vw - 2rem));
      z-index: 10;
    }
    .toast {
      background: #fff;
      border: 1px solid var(--kefu-border);
      border-left: 4px solid var(--kefu-primary);
      border-radius: var(--kefu-radius);
      box-shadow: 0 6px 20px rgba(0, 0, 0, 0.15);
      padding: 0.6rem 0.8rem;
      font-size: 0.85rem;
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    .close {
      border: 0;
      background: none;
      font-size: 1.2rem;
      cursor: pointer;
      color: var(--kefu-muted);
    }
    .who {
      margin: 0.25rem 0;
      font-weight: 600;
    }
    .kind {
      font-weight: normal;
      font-size: 0.75rem;
      color: var(--kefu-success);
      margin-left: 0.3rem;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.1rem 0.6rem;
      margin: 0 0 0.4rem;
    }
    dt {
      color: var(--kefu-muted);
    }
    dd {
      margin: 0;
      min-width: 0;
    }
    .page {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .actions {
      display: flex;
      gap: 0.4rem;
      justify-content: flex-end;
    }
  `,
})
export class VisitorToasts {
  protected readonly alerts = inject(VisitorAlerts);
  protected readonly board = inject(VisitorBoard);
  protected readonly errors = signal<Readonly<Record<string, UiError>>>({});

  /** The board's copy is newer than the toast's (the visitor may already be chatting). */
  private current(toast: VisitorToast) {
    return this.board.visit(toast.visit.visitId) ?? toast.visit;
  }

  protected invitable(toast: VisitorToast): boolean {
    return canInvite(this.current(toast), this.board);
  }

  protected chattable(toast: VisitorToast): boolean {
    return canChat(this.current(toast));
  }

  protected async invite(toast: VisitorToast): Promise<void> {
    this.settle(toast, failureOf(await this.board.invite(toast.visit.visitId)));
  }

  protected async chat(toast: VisitorToast): Promise<void> {
    this.settle(toast, failureOf(await this.board.chat(toast.visit.visitId)));
  }

  private settle(toast: VisitorToast, error: UiError | null): void {
    if (!error) {
      this.alerts.dismiss(toast.id);
      return;
    }
    this.errors.update((all) => ({ ...all, [toast.id]: error }));
  }
}

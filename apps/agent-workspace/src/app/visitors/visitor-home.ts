import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ErrorNotice, type UiError } from '@kefu/ui';
import { VisitorAlerts } from './visitor-alerts';
import { VisitorBoard } from './visitor-board';
import { TeamPanel } from './team-panel';
import { VisitorTable } from './visitor-table';

/**
 * B1 live home: the visitors now on the agent's sites (all together or split by site) with kind,
 * current page, region, source, time on site and chat state; Invite (F2) and Chat (C5) per row;
 * above them the team of those sites with status, chats now / cap and queue (I4).
 */
@Component({
  selector: 'kefu-visitor-home',
  imports: [TranslocoPipe, ErrorNotice, TeamPanel, VisitorTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="head">
      <h2>
        {{ 'visitors.title' | transloco }}
        <span class="kefu-muted" data-testid="visitor-count">{{ 'visitors.count' | transloco: { count: board.visitors().length } }}</span>
      </h2>
      @if (board.queued() > 0) {
        <span class="queue" data-testid="queue-info" role="status">{{ 'workspace.queue' | transloco: { count: board.queued() } }}</span>
      }
      <span class="spacer"></span>
      <div class="grouping" role="group" [attr.aria-label]="'visitors.grouping' | transloco">
        <button
          type="button"
          class="kefu-button kefu-button--small"
          data-testid="group-merged"
          [attr.aria-pressed]="board.grouping() === 'merged'"
          (click)="board.setGrouping('merged')"
        >
          {{ 'visitors.merged' | transloco }}
        </button>
        <button
          type="button"
          class="kefu-button kefu-button--small"
          data-testid="group-split"
          [attr.aria-pressed]="board.grouping() === 'split'"
          (click)="board.setGrouping('split')"
        >
          {{ 'visitors.split' | transloco }}
        </button>
      </div>
      <button
        type="button"
        class="kefu-button kefu-button--small"
        data-testid="sound-toggle"
        [attr.aria-pressed]="alerts.sound()"
        (click)="alerts.toggleSound()"
      >
        {{ (alerts.sound() ? 'alerts.soundOn' : 'alerts.soundOff') | transloco }}
      </button>
      @switch (alerts.permission()) {
        @case ('default') {
          <button type="button" class="kefu-button kefu-button--small" data-testid="enable-notifications" (click)="alerts.enableNotifications()">
            {{ 'alerts.enableNotifications' | transloco }}
          </button>
        }
        @case ('denied') {
          <span class="kefu-muted small">{{ 'alerts.notificationsDenied' | transloco }}</span>
        }
      }
    </header>
    <kefu-error-notice [error]="error()" />
    <kefu-team-panel />

    @if (board.visitors().length === 0) {
      <p class="empty kefu-muted" data-testid="no-visitors">{{ (board.loaded() ? 'visitors.empty' : 'common.loading') | transloco }}</p>
    } @else if (board.grouping() === 'split') {
      @for (group of board.bySite(); track group.siteId) {
        <section class="site" data-testid="visitor-site" [attr.data-site-id]="group.siteId">
          <h3>
            {{ group.siteName || group.siteId }} <span class="kefu-muted">({{ group.visitors.length }})</span>
          </h3>
          <kefu-visitor-table [visitors]="group.visitors" [showSite]="false" (failed)="error.set($event)" />
        </section>
      }
    } @else {
      <kefu-visitor-table [visitors]="board.visitors()" [showSite]="board.severalSites()" (failed)="error.set($event)" />
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      overflow: auto;
      padding: 0 1rem 1rem;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      flex-wrap: wrap;
      padding: 0.75rem 0;
    }
    h2 {
      margin: 0;
      font-size: 1.05rem;
    }
    h3 {
      margin: 1rem 0 0.4rem;
      font-size: 0.95rem;
    }
    .spacer {
      flex: 1;
    }
    .grouping {
      display: inline-flex;
      gap: 0.25rem;
    }
    [aria-pressed='true'] {
      background: #eef4ff;
      border-color: var(--kefu-primary);
    }
    .queue {
      padding: 0.1rem 0.6rem;
      border-radius: 999px;
      background: #fff8c5;
      color: #6d4c00;
      font-size: 0.85rem;
    }
    .small {
      font-size: 0.78rem;
    }
    .empty {
      padding: 2rem 0;
      text-align: center;
    }
  `,
})
export class VisitorHome {
  protected readonly board = inject(VisitorBoard);
  protected readonly alerts = inject(VisitorAlerts);
  protected readonly error = signal<UiError | null>(null);
}

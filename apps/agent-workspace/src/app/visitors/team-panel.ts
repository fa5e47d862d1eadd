import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { WorkspaceTeamMemberView } from '@kefu/contracts';
import { VisitorBoard } from './visitor-board';

/** B1/I4: the team of each site this agent serves: status, chats now / cap, and how many visitors wait. */
@Component({
  selector: 'kefu-team-panel',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="team" data-testid="team-panel" aria-labelledby="team-title">
      <h3 id="team-title">{{ 'team.title' | transloco }}</h3>
      @if (team.unavailable() && team.sites().length === 0) {
        <p class="kefu-muted" data-testid="team-unavailable">{{ 'team.unavailable' | transloco }}</p>
      } @else if (team.loaded() && team.sites().length === 0) {
        <p class="kefu-muted" data-testid="team-empty">{{ 'team.empty' | transloco }}</p>
      }
      @for (site of team.sites(); track site.siteId) {
        <div class="site" data-testid="team-site" [attr.data-site-id]="site.siteId">
          <div class="site-head">
            <strong data-testid="team-site-name">{{ site.siteName }}</strong>
            <span class="queue" [class.queue--waiting]="site.queueLength > 0" data-testid="team-queue" role="status">{{
              (site.queueLength > 0 ? 'team.queue' : 'team.noQueue') | transloco: { count: site.queueLength }
            }}</span>
          </div>
          <ul>
            @for (agent of site.agents; track agent.agentId) {
              <li data-testid="team-agent" [attr.data-agent-id]="agent.agentId" [attr.data-status]="agent.status">
                <span class="dot dot--{{ agent.status }}" aria-hidden="true"></span>
                <span class="name"
                  >{{ agent.name }}
                  @if (agent.agentId === team.me()) {
                    <span class="kefu-muted">{{ 'team.me' | transloco }}</span>
                  }
                </span>
                <span class="status" data-testid="team-agent-status">{{ 'agentStatus.' + agent.status | transloco }}</span>
                <span class="load" [class.load--full]="full(agent)" data-testid="team-agent-load" [attr.title]="'team.loadLabel' | transloco">{{
                  agent.cap === null
                    ? ('team.loadNoCap' | transloco: { now: agent.chatsNow })
                    : ('team.load' | transloco: { now: agent.chatsNow, cap: agent.cap })
                }}</span>
              </li>
            }
          </ul>
        </div>
      }
    </section>
  `,
  styles: `
    .team {
      margin-bottom: 1rem;
    }
    h3 {
      margin: 0 0 0.4rem;
      font-size: 0.95rem;
    }
    .site {
      background: #fff;
      border: 1px solid var(--kefu-border);
      border-radius: var(--kefu-radius);
      padding: 0.5rem 0.75rem;
      margin-bottom: 0.5rem;
    }
    .site-head {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      margin-bottom: 0.35rem;
    }
    .queue {
      font-size: 0.8rem;
      color: var(--kefu-muted);
    }
    .queue--waiting {
      padding: 0 0.5rem;
      border-radius: 999px;
      background: #fff8c5;
      color: #6d4c00;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem 1.2rem;
      font-size: 0.85rem;
    }
    li {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
    }
    .dot {
      width: 0.55rem;
      height: 0.55rem;
      border-radius: 50%;
      background: #afb8c1;
    }
    .dot--online {
      background: var(--kefu-success);
    }
    .dot--away {
      background: #d4a72c;
    }
    .dot--busy {
      background: #cf222e;
    }
    .status {
      color: var(--kefu-muted);
    }
    .load {
      font-variant-numeric: tabular-nums;
    }
    .load--full {
      color: #cf222e;
      font-weight: 600;
    }
  `,
})
export class TeamPanel {
  protected readonly team = inject(VisitorBoard).team;

  protected full(agent: WorkspaceTeamMemberView): boolean {
    return agent.cap !== null && agent.chatsNow >= agent.cap;
  }
}

import { inject, signal } from '@angular/core';
import type { WorkspaceTeamSiteView, WorkspaceTeamView } from '@kefu/contracts';
import { ApiClient, SessionStore } from '@kefu/ui';
import { AgentDesk } from '../desk/agent-desk';

/**
 * B1/I4 team panel of the workspace home: every agent of the sites this agent serves, with status, chats
 * now / cap and each site's queue. Read with `GET /api/workspace/team` on every (re)connection of the desk,
 * then kept live by `team:changed` pushes, one site at a time. Created by the VisitorBoard so it lives as
 * long as the desk (the desk's socket listeners stay for its whole life).
 */
export class TeamBoard {
  private readonly api = inject(ApiClient);
  private readonly session = inject(SessionStore);
  private readonly desk = inject(AgentDesk);
  /** Pushes that arrived while a read was under way: applied again over its answer, so none is lost. */
  private pushedDuringLoad: WorkspaceTeamSiteView[] | null = null;

  readonly sites = signal<readonly WorkspaceTeamSiteView[]>([]);
  readonly loaded = signal(false);
  readonly unavailable = signal(false);

  constructor() {
    this.desk.listen('team:changed', (site) => this.onChanged(site));
    this.desk.onConnected(() => void this.load());
  }

  me(): string {
    return this.session.user()?.userId ?? '';
  }

  async load(): Promise<void> {
    this.pushedDuringLoad = [];
    try {
      const answer = await this.api.get<WorkspaceTeamView>('/workspace/team');
      this.sites.set(answer.sites);
      for (const site of this.pushedDuringLoad) this.apply(site);
      this.unavailable.set(false);
      this.loaded.set(true);
    } catch {
      // The panel says so; the pushes keep whatever it showed up to date.
      this.unavailable.set(true);
    } finally {
      this.pushedDuringLoad = null;
    }
  }

  private onChanged(site: WorkspaceTeamSiteView): void {
    this.pushedDuringLoad?.push(site);
    this.apply(site);
  }

  /** A site whose agents no longer include this agent (unassigned, site deleted) leaves the panel. */
  private apply(site: WorkspaceTeamSiteView): void {
    const serving = site.agents.some((agent) => agent.agentId === this.me());
    this.sites.update((all) => {
      const at = all.findIndex((s) => s.siteId === site.siteId);
      if (!serving) return at < 0 ? all : all.filter((s) => s.siteId !== site.siteId);
      return at < 0 ? [...all, site] : all.map((s, i) => (i === at ? site : s));
    });
  }
}

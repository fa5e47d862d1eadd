import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { ChatRequestResult, InvitationOutcomeView, LiveVisitView, SiteView } from '@kefu/contracts';
import { type AckOutcome, ApiClient, BROWSER_STORAGE } from '@kefu/ui';
import { AgentDesk } from '../desk/agent-desk';
import { TeamBoard } from './team-board';

export type VisitorGrouping = 'merged' | 'split';
const GROUPING_KEY = 'kefu.agent.visitorGrouping';

export interface SiteVisitors {
  siteId: string;
  siteName: string;
  visitors: LiveVisitView[];
}

/** What happened to an invitation this agent sent (shown on the visitor's row). */
export type InvitationState = 'sending' | 'sent' | 'accepted' | 'declined';

/**
 * B1 live home: every visitor now on the agent's sites, kept live over the `/agent` socket
 * (`visitors:list` on every connection, then `visitor:updated` / `visitor:left`). B2: a visitor
 * who was not on the board before is announced to `arrivals` listeners.
 */
@Injectable()
export class VisitorBoard {
  private readonly desk = inject(AgentDesk);
  private readonly api = inject(ApiClient);
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly byId = signal<Readonly<Record<string, LiveVisitView>>>({});
  private readonly arrivalListeners: Array<(visit: LiveVisitView) => void> = [];
  /** Visits already announced or present at the first load: a reconnect does not re-announce them. */
  private readonly known = new Set<string>();
  private loadedOnce = false;
  private readonly fetching = new Set<string>();

  readonly siteNames = signal<Readonly<Record<string, string>>>({});
  /** B1/I4: the team of the sites this agent serves (lives as long as the board). */
  readonly team = new TeamBoard();
  readonly grouping = signal<VisitorGrouping>(this.storage.getItem(GROUPING_KEY) === 'split' ? 'split' : 'merged');
  readonly invitations = signal<Readonly<Record<string, InvitationState>>>({});
  readonly loaded = signal(false);
  /** Ticks every second: the "time on site" column counts up. */
  readonly now = signal(Date.now());

  /** Newest arrival first. */
  readonly visitors = computed(() =>
    Object.values(this.byId())
      .filter((visit) => visit.online)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
  );
  readonly bySite = computed<SiteVisitors[]>(() => {
    const groups = new Map<string, LiveVisitView[]>();
    for (const visit of this.visitors()) groups.set(visit.siteId, [...(groups.get(visit.siteId) ?? []), visit]);
    return [...groups.entries()]
      .map(([siteId, visitors]) => ({ siteId, siteName: this.siteNameOf(visitors[0]), visitors }))
      .sort((a, b) => a.siteName.localeCompare(b.siteName));
  });
  /** The site column is worth its room when the agent serves several sites or visitors of several are here. */
  readonly severalSites = computed(() => this.team.sites().length > 1 || this.bySite().length > 1);
  /** B11: visitors waiting in a queue on the agent's sites. */
  readonly queued = computed(() => this.visitors().filter((visit) => visit.chatState === 'queued').length);

  constructor() {
    this.desk.listen('visitor:updated', (visit) => this.onUpdated(visit));
    this.desk.listen('visitor:left', ({ visitId }) => this.onLeft(visitId));
    this.desk.listen('invitation:answered', (outcome) => this.onAnswered(outcome));
    this.desk.onConnected(() => void this.load());
    const tick = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
    void this.loadSiteNames();
  }

  /** The name the visit carries (live, renames included); the site list read at start for visits projected without one. */
  siteNameOf(visit: LiveVisitView | undefined): string {
    if (!visit) return '';
    return visit.siteName || this.siteNames()[visit.siteId] || '';
  }

  visit(visitId: string): LiveVisitView | null {
    return this.byId()[visitId] ?? null;
  }

  /** A visit that is not on the board (e.g. the visitor left): fetched once with its whole trail (B3). */
  async fetch(visitId: string): Promise<void> {
    if (this.fetching.has(visitId)) return;
    this.fetching.add(visitId);
    const answer = await this.desk.call('visitor:get', { visitId });
    if (answer.kind === 'ok') this.put(answer.data);
    else this.fetching.delete(visitId);
  }

  onArrival(listener: (visit: LiveVisitView) => void): void {
    this.arrivalListeners.push(listener);
  }

  setGrouping(grouping: VisitorGrouping): void {
    this.grouping.set(grouping);
    this.storage.setItem(GROUPING_KEY, grouping);
  }

  /** B2/F2 manual invitation: the visitor's page shows the invitation window. */
  async invite(visitId: string): Promise<AckOutcome<{ invitationId: string }>> {
    this.invitations.update((all) => ({ ...all, [visitId]: 'sending' }));
    const answer = await this.desk.call('invitation:send', { invitationId: crypto.randomUUID(), visitId });
    this.invitations.update(({ [visitId]: _old, ...rest }) => (answer.kind === 'ok' ? { ...rest, [visitId]: 'sent' } : rest));
    return answer;
  }

  /** C5 direct chat: a chat served by this agent pops open on the visitor's page; the desk selects it. */
  async chat(visitId: string): Promise<AckOutcome<ChatRequestResult>> {
    const answer = await this.desk.call('chat:open', { chatId: crypto.randomUUID(), visitId });
    if (answer.kind === 'ok') await this.desk.openOwn(answer.data.chatId);
    return answer;
  }

  private async load(): Promise<void> {
    const answer = await this.desk.call('visitors:list', {});
    if (answer.kind !== 'ok') return;
    const next: Record<string, LiveVisitView> = {};
    for (const visit of answer.data.visitors) next[visit.visitId] = visit;
    this.byId.set(next);
    if (!this.loadedOnce) {
      for (const visitId of Object.keys(next)) this.known.add(visitId);
      this.loadedOnce = true;
    } else {
      // Arrived while we were disconnected: still news.
      for (const visit of answer.data.visitors) this.announce(visit);
    }
    this.loaded.set(true);
  }

  private async loadSiteNames(): Promise<void> {
    try {
      const sites = await this.api.get<SiteView[]>('/sites');
      this.siteNames.set(Object.fromEntries(sites.map((site) => [site.siteId, site.name])));
    } catch {
      // Names are a nicety: the board still works with site ids.
    }
  }

  private onUpdated(visit: LiveVisitView): void {
    this.put(visit);
    if (this.loadedOnce) this.announce(visit);
  }

  private announce(visit: LiveVisitView): void {
    if (this.known.has(visit.visitId) || !visit.online) return;
    this.known.add(visit.visitId);
    for (const listener of this.arrivalListeners) listener(visit);
  }

  private onLeft(visitId: string): void {
    this.byId.update((all) => {
      const visit = all[visitId];
      return visit ? { ...all, [visitId]: { ...visit, online: false } } : all;
    });
  }

  private onAnswered(outcome: InvitationOutcomeView): void {
    // An accepted invitation's chat arrives as `chat:assigned` (marked new), without taking the agent out of the chat they are in.
    this.invitations.update((all) => ({ ...all, [outcome.visitId]: outcome.status }));
  }

  private put(visit: LiveVisitView): void {
    this.byId.update((all) => ({ ...all, [visit.visitId]: visit }));
  }
}

/** "12:05" style duration from milliseconds (hours when needed). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

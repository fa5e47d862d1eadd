import { Injectable, inject } from '@angular/core';
import type {
  AddGroupResponse,
  AssignAgentDetailsRequest,
  CreateSiteRequest,
  CreateSiteResponse,
  FixedLinkRequest,
  FixedLinkView,
  PositionResponse,
  SiteDetailView,
  UpdateSiteAgentRequest,
  UpdateSiteRequest,
} from '@kefu/contracts';
import { ApiClient, WritePosition } from '@kefu/ui';

/** D1 sites, D2 groups, D3 agents, E2 fixed links. Every write notes its position so the next read includes it. */
@Injectable({ providedIn: 'root' })
export class SitesApi {
  private readonly api = inject(ApiClient);
  private readonly writes = inject(WritePosition);

  list(): Promise<SiteDetailView[]> {
    return this.api.get<SiteDetailView[]>('/sites', { waitFor: this.writes.value() });
  }

  get(siteId: string): Promise<SiteDetailView> {
    return this.api.get<SiteDetailView>(site(siteId), { waitFor: this.writes.value() });
  }

  create(request: CreateSiteRequest): Promise<CreateSiteResponse> {
    return this.write(this.api.post<CreateSiteResponse>('/sites', request));
  }

  update(siteId: string, request: UpdateSiteRequest): Promise<PositionResponse> {
    return this.write(this.api.patch<PositionResponse>(site(siteId), request));
  }

  remove(siteId: string): Promise<PositionResponse> {
    return this.write(this.api.delete<PositionResponse>(site(siteId)));
  }

  addGroup(siteId: string, name: string): Promise<AddGroupResponse> {
    return this.write(this.api.post<AddGroupResponse>(`${site(siteId)}/groups`, { name }));
  }

  renameGroup(siteId: string, groupId: string, name: string): Promise<PositionResponse> {
    return this.write(this.api.patch<PositionResponse>(`${site(siteId)}/groups/${encodeURIComponent(groupId)}`, { name }));
  }

  reorderGroups(siteId: string, groupIds: string[]): Promise<PositionResponse> {
    return this.write(this.api.put<PositionResponse>(`${site(siteId)}/groups/order`, { groupIds }));
  }

  deleteGroup(siteId: string, groupId: string): Promise<PositionResponse> {
    return this.write(this.api.delete<PositionResponse>(`${site(siteId)}/groups/${encodeURIComponent(groupId)}`));
  }

  assignAgent(siteId: string, request: AssignAgentDetailsRequest): Promise<PositionResponse> {
    return this.write(this.api.post<PositionResponse>(`${site(siteId)}/agents`, request));
  }

  updateAgent(siteId: string, userId: string, request: UpdateSiteAgentRequest): Promise<PositionResponse> {
    return this.write(this.api.patch<PositionResponse>(`${site(siteId)}/agents/${encodeURIComponent(userId)}`, request));
  }

  reorderAgents(siteId: string, userIds: string[]): Promise<PositionResponse> {
    return this.write(this.api.put<PositionResponse>(`${site(siteId)}/agents/order`, { userIds }));
  }

  unassignAgent(siteId: string, userId: string): Promise<PositionResponse> {
    return this.write(this.api.delete<PositionResponse>(`${site(siteId)}/agents/${encodeURIComponent(userId)}`));
  }

  /** Appends nothing: the server builds the URL and the escaped HTML. */
  fixedLink(siteId: string, request: FixedLinkRequest): Promise<FixedLinkView> {
    return this.api.post<FixedLinkView>(`${site(siteId)}/fixed-links`, request);
  }

  private async write<T extends { position: number }>(call: Promise<T>): Promise<T> {
    const answer = await call;
    this.writes.note(answer.position);
    return answer;
  }
}

function site(siteId: string): string {
  return `/sites/${encodeURIComponent(siteId)}`;
}

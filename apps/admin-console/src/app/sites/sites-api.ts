import { Injectable, inject } from '@angular/core';
import type { AssignAgentRequest, CreateSiteRequest, CreateSiteResponse, PositionResult, SiteView } from '@kefu/contracts';
import { ApiClient, WritePosition } from '@kefu/ui';

@Injectable({ providedIn: 'root' })
export class SitesApi {
  private readonly api = inject(ApiClient);
  private readonly writes = inject(WritePosition);

  list(): Promise<SiteView[]> {
    return this.api.get<SiteView[]>('/sites', { waitFor: this.writes.value() });
  }

  get(siteId: string): Promise<SiteView> {
    return this.api.get<SiteView>(`/sites/${encodeURIComponent(siteId)}`, { waitFor: this.writes.value() });
  }

  async create(request: CreateSiteRequest): Promise<CreateSiteResponse> {
    const created = await this.api.post<CreateSiteResponse>('/sites', request);
    this.writes.note(created.position);
    return created;
  }

  async assignAgent(siteId: string, request: AssignAgentRequest): Promise<PositionResult> {
    const answer = await this.api.post<PositionResult>(`/sites/${encodeURIComponent(siteId)}/agents`, request);
    this.writes.note(answer.position);
    return answer;
  }
}

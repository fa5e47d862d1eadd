import { Injectable, inject } from '@angular/core';
import type { OrganisationView, PositionResponse, UpdateOrganisationRequest } from '@kefu/contracts';
import { ApiClient, WritePosition } from '@kefu/ui';

/** A1 the organisation, D4/G11 its seat limit. */
@Injectable({ providedIn: 'root' })
export class OrganisationApi {
  private readonly api = inject(ApiClient);
  private readonly writes = inject(WritePosition);

  get(): Promise<OrganisationView> {
    return this.api.get<OrganisationView>('/organisation', { waitFor: this.writes.value() });
  }

  async update(request: UpdateOrganisationRequest): Promise<PositionResponse> {
    const answer = await this.api.patch<PositionResponse>('/organisation', request);
    this.writes.note(answer.position);
    return answer;
  }

  /** null = unlimited. */
  async setSeatLimit(limit: number | null): Promise<PositionResponse> {
    const answer = await this.api.put<PositionResponse>('/organisation/seats', { limit });
    this.writes.note(answer.position);
    return answer;
  }
}

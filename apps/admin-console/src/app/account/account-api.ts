import { Injectable, inject } from '@angular/core';
import type { ChangePasswordRequest, OwnSessionView, PositionResponse } from '@kefu/contracts';
import { ApiClient, SessionStore, WritePosition } from '@kefu/ui';

/** A2/A4: the signed-in person's own account. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly api = inject(ApiClient);
  private readonly writes = inject(WritePosition);
  private readonly session = inject(SessionStore);

  sessions(): Promise<OwnSessionView[]> {
    return this.api.get<OwnSessionView[]>('/auth/sessions', { waitFor: this.writes.value() });
  }

  /** Ends every other session of the account; this one stays signed in. */
  async changePassword(request: ChangePasswordRequest): Promise<PositionResponse> {
    const answer = await this.api.post<PositionResponse>('/auth/password', request);
    this.writes.note(answer.position);
    return answer;
  }

  /** Ends every session of the account, this one included, so the browser forgets it too. */
  async signOutEverywhere(): Promise<void> {
    await this.api.post<void>('/auth/logout-everywhere');
    this.session.clear();
  }
}

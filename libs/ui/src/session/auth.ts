import { Injectable, inject, signal } from '@angular/core';
import type { LoginByAnyRequest, LoginRequest, LoginResponse, RegisterOrgRequest, RegisterOrgResponse, SessionView } from '@kefu/contracts';
import { ApiClient } from '../api/api-client';
import { SessionStore } from './session-store';

/**
 * The highest position this browser tab wrote. Reads pass it as `?waitFor=` so a list fetched
 * right after a write already shows it (positions are global and only grow, so it is never wrong
 * to wait for an older one: the server answers at once).
 */
@Injectable({ providedIn: 'root' })
export class WritePosition {
  private readonly last = signal(0);
  readonly value = this.last.asReadonly();

  note(position: number | undefined): void {
    if (typeof position === 'number' && position > this.last()) this.last.set(position);
  }
}

@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly api = inject(ApiClient);
  private readonly session = inject(SessionStore);
  private readonly writes = inject(WritePosition);

  async login(request: LoginRequest | LoginByAnyRequest): Promise<SessionView> {
    const session = await this.api.post<LoginResponse>('/auth/login', request, { anonymous: true });
    this.session.save(toSessionView(session));
    return session;
  }

  async register(request: RegisterOrgRequest): Promise<RegisterOrgResponse> {
    const answer = await this.api.post<RegisterOrgResponse>('/orgs', request, { anonymous: true });
    this.writes.note(answer.position);
    this.session.save(toSessionView(answer));
    return answer;
  }

  /** Ends the session on the server when it can; the browser forgets it in any case. */
  async logout(): Promise<void> {
    try {
      if (this.session.signedIn()) await this.api.post<void>('/auth/logout');
    } catch {
      /* an expired or unreachable session is as good as ended */
    } finally {
      this.session.clear();
    }
  }
}

function toSessionView(answer: SessionView): SessionView {
  return { token: answer.token, expiresAt: answer.expiresAt, user: answer.user };
}

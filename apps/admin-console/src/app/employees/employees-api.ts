import { Injectable, inject } from '@angular/core';
import type { AddEmployeeRequest, AddEmployeeResponse, EmployeeView, ImportEmployeesReport, PositionResponse, Role } from '@kefu/contracts';
import { ApiClient, WritePosition } from '@kefu/ui';

/** A2 employees and A3 roles. */
@Injectable({ providedIn: 'root' })
export class EmployeesApi {
  private readonly api = inject(ApiClient);
  private readonly writes = inject(WritePosition);

  list(): Promise<EmployeeView[]> {
    return this.api.get<EmployeeView[]>('/employees', { waitFor: this.writes.value() });
  }

  add(request: AddEmployeeRequest): Promise<AddEmployeeResponse> {
    return this.write(this.api.post<AddEmployeeResponse>('/employees', request));
  }

  /** Each row is added or rejected on its own; the report says which and why. */
  import(csv: string): Promise<ImportEmployeesReport> {
    return this.write(this.api.post<ImportEmployeesReport>('/employees/import', { csv }));
  }

  setRoles(userId: string, roles: Role[]): Promise<PositionResponse> {
    return this.write(this.api.put<PositionResponse>(`/employees/${encodeURIComponent(userId)}/roles`, { roles }));
  }

  /** A2: correct a person's name. */
  rename(userId: string, name: string): Promise<PositionResponse> {
    return this.write(this.api.put<PositionResponse>(`/employees/${encodeURIComponent(userId)}/name`, { name }));
  }

  /** A2: a new password for someone who lost theirs (their sessions end). */
  resetPassword(userId: string, password: string): Promise<PositionResponse> {
    return this.write(this.api.post<PositionResponse>(`/employees/${encodeURIComponent(userId)}/password`, { password }));
  }

  deactivate(userId: string): Promise<PositionResponse> {
    return this.write(this.api.post<PositionResponse>(`/employees/${encodeURIComponent(userId)}/deactivate`));
  }

  reactivate(userId: string): Promise<PositionResponse> {
    return this.write(this.api.post<PositionResponse>(`/employees/${encodeURIComponent(userId)}/reactivate`));
  }

  private async write<T extends { position: number }>(call: Promise<T>): Promise<T> {
    const answer = await call;
    this.writes.note(answer.position);
    return answer;
  }
}

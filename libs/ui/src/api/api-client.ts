import { Injectable, InjectionToken, inject } from '@angular/core';
import { Paths } from '@kefu/contracts';
import { SessionStore } from '../session/session-store';
import { ApiError, codeForStatus, isErrorBody, type UiError } from './ui-error';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export const FETCH = new InjectionToken<FetchFn>('kefu.fetch', {
  providedIn: 'root',
  factory: () => (input, init) => fetch(input, init),
});

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  /** Read-your-writes: the server waits until its read models reached this position. */
  waitFor?: number;
  /** Send no Authorization header (the visitor widget has no user session). */
  anonymous?: boolean;
}

/**
 * Same-origin JSON client for `/api`. It adds the bearer token, turns every failure into an
 * ApiError carrying the server's ErrorBody, and forgets the session on 401.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly session = inject(SessionStore);
  private readonly fetchFn = inject(FETCH);

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body ?? {}, options);
  }

  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }

  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, options);
  }

  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  private async request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = options.anonymous ? null : this.session.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;

    let response: Response;
    try {
      response = await this.fetchFn(buildUrl(path, options), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, { code: 'NETWORK', message: 'The server could not be reached.' });
    }

    if (response.status === 401 && token) this.session.expire();
    if (!response.ok) throw new ApiError(response.status, await readError(response));
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export function buildUrl(path: string, options: RequestOptions = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (options.waitFor !== undefined && options.waitFor > 0) params.set('waitFor', String(options.waitFor));
  const query = params.toString();
  const clean = path.startsWith('/') ? path : `/${path}`;
  return `${Paths.api}${clean}${query ? `?${query}` : ''}`;
}

async function readError(response: Response): Promise<UiError> {
  try {
    const body: unknown = await response.json();
    if (isErrorBody(body)) return { code: body.code, message: body.message };
  } catch {
    /* not JSON: describe it by status */
  }
  return { code: codeForStatus(response.status), message: response.statusText || `HTTP ${response.status}` };
}

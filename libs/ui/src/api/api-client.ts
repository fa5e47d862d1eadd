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

  /** A list answered with its total count (`X-Total-Count`, the number of all matching rows) beside one page of rows. */
  async getWithTotal<T>(path: string, options?: RequestOptions): Promise<{ items: T[]; total: number }> {
    const response = await this.send('GET', path, undefined, options);
    const text = await response.text();
    const items = (text ? JSON.parse(text) : []) as T[];
    const header = response.headers?.get('X-Total-Count');
    const total = header ? Number(header) : Number.NaN;
    return { items, total: Number.isFinite(total) ? total : Array.isArray(items) ? items.length : 0 };
  }

  /** A file (CSV export) read with the session's token: a plain link could not send it. */
  async download(path: string, options?: RequestOptions): Promise<{ blob: Blob; filename: string | null }> {
    const response = await this.send('GET', path, undefined, options, 'text/csv, */*');
    const disposition = response.headers?.get('Content-Disposition') ?? '';
    return { blob: await response.blob(), filename: filenameOf(disposition) };
  }

  private async request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, body, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body: unknown, options: RequestOptions = {}, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
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
    return response;
  }
}

/** `attachment; filename*=UTF-8''%E8%AE%BF.csv` or `filename="a.csv"` -> the name; null when there is none. */
export function filenameOf(disposition: string): string | null {
  const encoded = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim().replace(/^"|"$/g, ''));
    } catch {
      /* malformed: fall back to the plain name */
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1]?.trim() ?? null;
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

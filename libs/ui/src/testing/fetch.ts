import type { FetchFn } from '../api/api-client';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * A scripted `fetch`: routes are matched on "METHOD /path" (query ignored) and answered in order;
 * every request is recorded with its parsed body.
 */
export class FakeFetch {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Array<Reply | ((req: RecordedRequest) => Reply)>>();

  on(route: string, ...replies: Array<Reply | ((req: RecordedRequest) => Reply)>): this {
    this.routes.set(route, [...(this.routes.get(route) ?? []), ...replies]);
    return this;
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((req) => `${req.method} ${req.url.split('?')[0]}` === route);
  }

  readonly fetch: FetchFn = async (input, init) => {
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const req: RecordedRequest = {
      url: input,
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(req);
    const key = `${req.method} ${input.split('?')[0]}`;
    const queue = this.routes.get(key);
    const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (!next) return jsonResponse(404, { code: 'NOT_FOUND', message: `No fake route for ${key}` });
    const reply = typeof next === 'function' ? next(req) : next;
    return jsonResponse(reply.status, reply.body, reply.headers);
  };
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  // A string body is sent as is (a CSV export), anything else as JSON.
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null },
    json: async () => JSON.parse(text),
    text: async () => text,
    blob: async () => new Blob([text], { type: lower.get('content-type') ?? 'application/octet-stream' }),
  } as unknown as Response;
}

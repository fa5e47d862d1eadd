/**
 * Real clients of a running server (the product or the raw relay), as the widget and the workspace talk
 * to it: HTTP for registration, sites and the visitor session, socket.io (websocket transport) for the rest.
 * Nothing here imports server code, so a load generator using it measures only the server it talks to.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ChatEventView, ChatRequestResult, RegisterOrgResponse, SiteView, VisitorSessionResponse } from '@kefu/contracts';

export async function http<T = unknown>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (an HTML error page): keep the text
  }
  return { status: res.status, body: parsed as T };
}

async function expectOk<T>(what: string, pending: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await pending;
  if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function connect(url: string, ns: 'visitor' | 'agent', token: string | undefined, options: { reconnection?: boolean } = {}): Promise<Socket> {
  const socket = io(`${url}/${ns}`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    // A restarted server is back within seconds: retry quickly and for ever (the caller closes).
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      if (options.reconnection) return; // socket.io keeps trying; a caller with reconnection waits for 'connect'
      socket.close();
      reject(e);
    });
  });
}

export async function call<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
}

export async function callOk<T>(socket: Socket, event: string, payload: unknown, timeoutMs?: number): Promise<T> {
  const ack = await call<T>(socket, event, payload, timeoutMs);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

export interface AgentSeat {
  orgId: string;
  userId: string;
  token: string;
  siteId: string;
  siteHost: string;
  socket: Socket;
}

/** A1 → D1 → D3 → B10: one organisation whose owner is the agent of its one site, online. */
export async function agentSeat(url: string, label: string, options: { reconnection?: boolean } = {}): Promise<AgentSeat> {
  const host = `${label}.bench.example`;
  const reg = await expectOk(
    'register',
    http<RegisterOrgResponse>(url, 'POST', '/api/orgs', {
      orgName: `Bench ${label}`,
      website: `https://${host}`,
      email: `owner@${host}`,
      password: 'bench password 1',
    }),
  );
  const site = await expectOk('create site', http<SiteView>(url, 'POST', '/api/sites', { name: `Shop ${label}`, url: `https://${host}` }, reg.token));
  await expectOk(
    'assign agent',
    http(url, 'POST', `/api/sites/${site.siteId}/agents`, { userId: reg.user.userId, nickname: `A${label}`.slice(0, 32) }, reg.token),
  );
  const socket = await connect(url, 'agent', reg.token, options);
  await callOk(socket, 'agent:status', { status: 'online' });
  return { orgId: reg.user.orgId, userId: reg.user.userId, token: reg.token, siteId: site.siteId, siteHost: host, socket };
}

export interface VisitorChat {
  visitorId: string;
  token: string;
  chatId: string;
  visitId: string;
  socket: Socket;
  request: ChatRequestResult;
}

/** K1 → C: a visitor session, a page view and a chat request on the seat's site. */
export async function visitorChat(url: string, seat: Pick<AgentSeat, 'siteId' | 'siteHost'>, options: { reconnection?: boolean } = {}): Promise<VisitorChat> {
  const pageUrl = `https://${seat.siteHost}/p/1`;
  const session = await expectOk('visitor session', http<VisitorSessionResponse>(url, 'POST', '/api/visitor/session', { siteId: seat.siteId, pageUrl }));
  const socket = await connect(url, 'visitor', session.token, options);
  const visitId = randomUUID();
  const chatId = randomUUID();
  await callOk(socket, 'visit:page', { visitId, url: pageUrl, title: 'Product 1' });
  const request = await callOk<ChatRequestResult>(socket, 'chat:request', { chatId, visitId });
  return { visitorId: session.visitorId, token: session.token, chatId, visitId, socket, request };
}

export type { ChatEventView };

/** Runs `task` over `items` with at most `limit` at a time, in order of the items. */
export async function inBatches<I, O>(items: readonly I[], limit: number, task: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]!, i);
      }
    }),
  );
  return out;
}

/**
 * Bad-input catalogue: every kind of bad input sent to every HTTP route and socket event it applies to,
 * each answered with a clear error (HTTP 4xx `{ code, message }` / ack `{ ok: false, error: { code,
 * message } }`) and nothing appended to the event store (its head, read from /api/health, unchanged).
 *
 * The table is built from one VALID request per target (so each bad input differs from an accepted
 * request by exactly one thing) and a list of mutations: unknown fields, $-operators and objects where a
 * string belongs, wrong types, oversized values, markup and script URLs in ids and URLs, another
 * organisation's ids, duplicate ids, revoked sessions and forged tokens, and a flood.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { Ack, HealthView } from '@kefu/contracts';
import { generousHttpLimits } from '../../bench/message-path.bench';
import { agentSeat, call, connect, http, visitorChat, type AgentSeat, type VisitorChat } from '../../bench/support/clients';
import { ServerProcess } from '../../bench/support/server-process';
import { Verdict, type ChaosCase } from '../support/chaos-case';

type Body = Record<string, unknown>;

interface HttpTarget {
  kind: 'http';
  name: string;
  method: string;
  path: string;
  body?: Body;
  token?: string;
}
interface SocketTarget {
  kind: 'socket';
  name: string;
  socket: Socket;
  event: string;
  body: Body;
}
type Target = HttpTarget | SocketTarget;

interface Attempt {
  target: string;
  input: string;
  /** Sends it; resolves with the error code, or undefined when it was accepted. */
  send: () => Promise<{ code?: string; message?: string; status?: number }>;
}

const BIG = 'x'.repeat(300_000);

/** One field changed at a time, for every field of the valid body. */
function mutations(body: Body): { input: string; body: Body }[] {
  const out: { input: string; body: Body }[] = [{ input: 'unknown field', body: { ...body, isAdmin: true } }];
  out.push({ input: '__proto__ field', body: JSON.parse(`{"__proto__":{"isAdmin":true},${JSON.stringify(body).slice(1)}`) as Body });
  for (const [field, value] of Object.entries(body)) {
    if (typeof value === 'string') {
      out.push({ input: `${field}: {$gt: ""}`, body: { ...body, [field]: { $gt: '' } } });
      out.push({ input: `${field}: {$ne: null}`, body: { ...body, [field]: { $ne: null } } });
      out.push({ input: `${field}: number`, body: { ...body, [field]: 12345 } });
      out.push({ input: `${field}: array`, body: { ...body, [field]: [value] } });
      out.push({ input: `${field}: null`, body: { ...body, [field]: null } });
      out.push({ input: `${field}: 300 kB`, body: { ...body, [field]: BIG } });
      out.push({ input: `${field}: missing`, body: Object.fromEntries(Object.entries(body).filter(([k]) => k !== field)) });
    } else if (typeof value === 'number') {
      out.push({ input: `${field}: string`, body: { ...body, [field]: String(value) } });
      out.push({ input: `${field}: negative`, body: { ...body, [field]: -1 } });
    }
  }
  return out;
}

/** Fields that hold ids or URLs get markup and script URLs too (text fields keep markup as text by design). */
function markup(body: Body): { input: string; body: Body }[] {
  return Object.entries(body)
    .filter(([k, v]) => typeof v === 'string' && /id$|Id$|url$|Url$|email$/.test(k))
    .flatMap(([k]) => [
      { input: `${k}: <script>`, body: { ...body, [k]: '<script>alert(1)</script>' } },
      { input: `${k}: javascript: URL`, body: { ...body, [k]: 'javascript:alert(1)' } },
    ]);
}

function clearError(code: unknown, message: unknown): boolean {
  return typeof code === 'string' && code.length > 0 && code !== 'INTERNAL' && typeof message === 'string' && message.length > 0;
}

function attemptsFor(url: string, target: Target, variants: { input: string; body: Body }[]): Attempt[] {
  return variants.map(({ input, body }) => ({
    target: target.name,
    input,
    send: async () => {
      if (target.kind === 'http') {
        const res = await http<{ code?: string; message?: string }>(url, target.method, target.path, target.method === 'GET' ? undefined : body, target.token);
        return res.status < 400 ? {} : { status: res.status, code: res.body?.code, message: res.body?.message };
      }
      const ack: Ack<unknown> = await call(target.socket, target.event, body);
      return ack.ok ? {} : { code: ack.error.code, message: ack.error.message };
    },
  }));
}

export const badInputCatalogue: ChaosCase = async ({ quick, log, shared }) => {
  const name = 'bad-input catalogue: clear error, event store unchanged';
  const verdict = new Verdict();
  // HTTP and sign-in limits raised so a 429 never stands in for the validation under test; the
  // chat-request limit stays as shipped (the flood below must meet it).
  const own = shared ? undefined : await ServerProcess.start({ env: generousHttpLimits() });
  const server = own ?? (await shared!()).server;
  const sockets: Socket[] = [];
  try {
    const url = server.url;
    const mine: AgentSeat = await agentSeat(url, 'mine');
    const theirs: AgentSeat = await agentSeat(url, 'theirs');
    const chat: VisitorChat = await visitorChat(url, mine);
    const theirChat: VisitorChat = await visitorChat(url, theirs);
    sockets.push(mine.socket, theirs.socket, chat.socket, theirChat.socket);
    const messageId = randomUUID();
    await call(chat.socket, 'chat:send', { chatId: chat.chatId, clientId: messageId, text: 'hello' });
    const theirMessageId = randomUUID();
    await call(theirChat.socket, 'chat:send', { chatId: theirChat.chatId, clientId: theirMessageId, text: 'hello' });

    // A signed-out session, for the revoked-session inputs.
    const login = await http<{ token: string }>(url, 'POST', '/api/auth/login', { email: `owner@mine.bench.example`, password: 'bench password 1' });
    const revoked = login.body.token;
    await http(url, 'POST', '/api/auth/logout', undefined, revoked);

    const site = mine.siteId;
    const targets: Target[] = [
      {
        kind: 'http',
        name: 'POST /api/orgs',
        method: 'POST',
        path: '/api/orgs',
        body: { orgName: 'x', website: 'https://x.example', email: 'x@x.example', password: 'long enough 1' },
      },
      {
        kind: 'http',
        name: 'POST /api/auth/login',
        method: 'POST',
        path: '/api/auth/login',
        body: { email: 'owner@mine.bench.example', password: 'bench password 1' },
      },
      { kind: 'http', name: 'POST /api/sites', method: 'POST', path: '/api/sites', body: { name: 'Shop', url: 'https://shop.example' }, token: mine.token },
      {
        kind: 'http',
        name: 'POST /api/sites/:id/agents',
        method: 'POST',
        path: `/api/sites/${site}/agents`,
        body: { userId: mine.userId, nickname: 'A' },
        token: mine.token,
      },
      {
        kind: 'http',
        name: 'POST /api/visitor/session',
        method: 'POST',
        path: '/api/visitor/session',
        body: { siteId: site, pageUrl: `https://${mine.siteHost}/` },
      },
      {
        kind: 'socket',
        name: 'visitor visit:page',
        socket: chat.socket,
        event: 'visit:page',
        body: { visitId: chat.visitId, url: `https://${mine.siteHost}/p/2`, title: 'p2' },
      },
      { kind: 'socket', name: 'visitor chat:request', socket: chat.socket, event: 'chat:request', body: { chatId: chat.chatId, visitId: chat.visitId } },
      { kind: 'socket', name: 'visitor chat:send', socket: chat.socket, event: 'chat:send', body: { chatId: chat.chatId, clientId: randomUUID(), text: 'hi' } },
      { kind: 'socket', name: 'visitor chat:resume', socket: chat.socket, event: 'chat:resume', body: { chatId: chat.chatId, after: 1 } },
      { kind: 'socket', name: 'agent agent:status', socket: mine.socket, event: 'agent:status', body: { status: 'online' } },
      { kind: 'socket', name: 'agent chat:send', socket: mine.socket, event: 'chat:send', body: { chatId: chat.chatId, clientId: randomUUID(), text: 'hi' } },
      { kind: 'socket', name: 'agent chat:resume', socket: mine.socket, event: 'chat:resume', body: { chatId: chat.chatId, after: 1 } },
      { kind: 'socket', name: 'agent chat:close', socket: mine.socket, event: 'chat:close', body: { chatId: chat.chatId } },
    ];
    const attempts: Attempt[] = targets.flatMap((t) => attemptsFor(url, t, [...mutations(t.body ?? {}), ...markup(t.body ?? {})]));

    // Another organisation's ids (tenant isolation): 404 / NOT_FOUND, never data.
    const foreign: { target: Target; input: string }[] = [
      { target: { kind: 'http', name: 'GET /api/sites/:id', method: 'GET', path: `/api/sites/${theirs.siteId}`, token: mine.token }, input: 'their site id' },
      {
        target: { kind: 'http', name: 'GET /api/sites/:id/chats', method: 'GET', path: `/api/sites/${theirs.siteId}/chats`, token: mine.token },
        input: 'their site id',
      },
      {
        target: {
          kind: 'http',
          name: 'GET /api/sites/:id/chats/:chatId',
          method: 'GET',
          path: `/api/sites/${site}/chats/${theirChat.chatId}`,
          token: mine.token,
        },
        input: 'their chat id under my site',
      },
      {
        target: {
          kind: 'http',
          name: 'POST /api/sites/:id/agents',
          method: 'POST',
          path: `/api/sites/${theirs.siteId}/agents`,
          body: { userId: mine.userId, nickname: 'spy' },
          token: mine.token,
        },
        input: 'their site id',
      },
      {
        target: {
          kind: 'socket',
          name: 'visitor chat:send',
          socket: chat.socket,
          event: 'chat:send',
          body: { chatId: theirChat.chatId, clientId: randomUUID(), text: 'hi' },
        },
        input: 'their chat id',
      },
      {
        target: { kind: 'socket', name: 'visitor chat:resume', socket: chat.socket, event: 'chat:resume', body: { chatId: theirChat.chatId } },
        input: 'their chat id',
      },
      {
        target: {
          kind: 'socket',
          name: 'agent chat:send',
          socket: mine.socket,
          event: 'chat:send',
          body: { chatId: theirChat.chatId, clientId: randomUUID(), text: 'hi' },
        },
        input: 'their chat id',
      },
      {
        target: { kind: 'socket', name: 'agent chat:close', socket: mine.socket, event: 'chat:close', body: { chatId: theirChat.chatId } },
        input: 'their chat id',
      },
      {
        target: { kind: 'socket', name: 'agent chat:resume', socket: mine.socket, event: 'chat:resume', body: { chatId: theirChat.chatId } },
        input: 'their chat id',
      },
      {
        target: {
          kind: 'socket',
          name: 'visitor chat:request',
          socket: chat.socket,
          event: 'chat:request',
          body: { chatId: theirChat.chatId, visitId: chat.visitId },
        },
        input: "their chat's id as a new chat",
      },
      // Duplicate ids: a message id already used by another chat.
      {
        target: {
          kind: 'socket',
          name: 'visitor chat:send',
          socket: chat.socket,
          event: 'chat:send',
          body: { chatId: chat.chatId, clientId: theirMessageId, text: 'dup' },
        },
        input: "duplicate id (another chat's message id)",
      },
      // Revoked sessions and forged tokens.
      { target: { kind: 'http', name: 'GET /api/sites', method: 'GET', path: '/api/sites', token: revoked }, input: 'revoked session' },
      {
        target: { kind: 'http', name: 'POST /api/sites', method: 'POST', path: '/api/sites', body: { name: 'x', url: 'https://x.example' }, token: revoked },
        input: 'revoked session',
      },
      { target: { kind: 'http', name: 'GET /api/auth/me', method: 'GET', path: '/api/auth/me', token: revoked }, input: 'revoked session' },
      {
        target: { kind: 'http', name: 'GET /api/sites', method: 'GET', path: '/api/sites', token: `${mine.token.slice(0, -4)}AAAA` },
        input: 'forged session token',
      },
      // Already signed up: the same e-mail again.
      {
        target: {
          kind: 'http',
          name: 'POST /api/orgs',
          method: 'POST',
          path: '/api/orgs',
          body: { orgName: 'again', website: 'https://again.example', email: 'owner@mine.bench.example', password: 'long enough 1' },
        },
        input: 'duplicate e-mail',
      },
    ];
    attempts.push(...foreign.flatMap(({ target, input }) => attemptsFor(url, target, [{ input, body: target.body ?? {} }]).map((a) => ({ ...a, input }))));
    // A body over the 256 kB limit, and a malformed JSON body.
    attempts.push({
      target: 'POST /api/sites',
      input: 'body over 256 kB',
      send: async () => {
        const res = await http<{ code?: string; message?: string }>(
          url,
          'POST',
          '/api/sites',
          { name: 'x', url: 'https://x.example', pad: 'x'.repeat(400_000) },
          mine.token,
        );
        return res.status < 400 ? {} : { status: res.status, code: res.body?.code, message: res.body?.message };
      },
    });
    attempts.push({
      target: 'POST /api/auth/login',
      input: 'malformed JSON',
      send: async () => {
        const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": "a@b.c", ' });
        const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
        return res.status < 400 ? {} : { status: res.status, code: body.code, message: body.message };
      },
    });
    // Sockets that must not even connect.
    for (const [ns, token, input] of [
      ['agent', revoked, 'revoked session'],
      ['agent', 'forged', 'forged session token'],
      ['visitor', `${chat.token.slice(0, -4)}AAAA`, 'forged visitor token'],
      ['visitor', undefined, 'no visitor token'],
    ] as const) {
      attempts.push({
        target: `connect /${ns}`,
        input,
        send: async () => {
          try {
            const s = await connect(url, ns, token);
            s.close();
            return {};
          } catch (error) {
            const data = (error as { data?: { code?: string; message?: string } }).data;
            return { code: data?.code, message: data?.message ?? (error as Error).message };
          }
        },
      });
    }

    const selected = quick ? attempts.filter((_, i) => i % 3 === 0) : attempts;
    let rejected = 0;
    let unchanged = 0;
    const head = async () => (await http<HealthView>(url, 'GET', '/api/health')).body.eventStore.head;
    for (const attempt of selected) {
      const before = await head();
      const answer = await attempt.send();
      const after = await head();
      const clear = clearError(answer.code, answer.message);
      if (clear) rejected++;
      if (after === before) unchanged++;
      verdict.check(
        clear,
        `${attempt.target} with ${attempt.input}: ${answer.code === undefined ? 'accepted' : `unclear answer ${answer.status ?? ''} ${answer.code}`}`,
      );
      verdict.check(after === before, `${attempt.target} with ${attempt.input}: the event store moved from ${before} to ${after}`);
    }
    // The flood: a visitor asking for chats as fast as it can is stopped (RATE_LIMITED) before long.
    const floodSize = 60;
    const flood = await Promise.all(
      Array.from({ length: floodSize }, () => call(chat.socket, 'chat:request', { chatId: randomUUID(), visitId: chat.visitId })),
    );
    const limited = flood.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    verdict.check(limited > 0, `a flood of ${floodSize} chat requests from one visitor was not rate limited`);
    log(
      `  ${selected.length} inputs: ${rejected} rejected with a clear error, ${unchanged} left the event store unchanged; flood: ${limited}/${floodSize} limited`,
    );
    return verdict.outcome(name, {
      'inputs tried': selected.length,
      rejected,
      'state unchanged': unchanged,
      targets: new Set(selected.map((a) => a.target)).size,
      'flood: limited of sent': `${limited}/${floodSize}`,
    });
  } finally {
    sockets.forEach((s) => s.close());
    await own?.dispose();
  }
};

/**
 * Two server processes on one event store (the SQLite file, shared) with the socket.io Redis adapter
 * (REDIS_URL; Debian's redis-server started here on a free 127.0.0.1 port):
 *  - a visitor connected to one process and its agent to the other chat normally, both ways;
 *  - the capacity race: many visitors on both processes ask for a chat at the same moment while the only
 *    agent has a cap of CAP chats: exactly CAP are assigned, the others queue — the routing stream's
 *    expected revision admits no over-assignment across processes.
 * Without a redis-server binary both cases are reported as skipped, with the reason.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import type { ChatEventView, ChatRequestResult, ChatSummaryView, VisitorSessionResponse } from '@kefu/contracts';
import { benchEnv } from '../../bench/message-path.bench';
import { agentSeat, call, callOk, connect, http, inBatches, visitorChat, type AgentSeat } from '../../bench/support/clients';
import { ServerProcess } from '../../bench/support/server-process';
import { Verdict, type ChaosCase, type ChaosOutcome } from '../support/chaos-case';
import { findRedisServer, RedisServer } from '../support/redis-server';

interface Pair {
  redis: RedisServer;
  a: ServerProcess;
  b: ServerProcess;
}

async function withTwoProcesses(name: string, body: (pair: Pair) => Promise<ChaosOutcome>): Promise<ChaosOutcome> {
  const binary = findRedisServer();
  if (!binary)
    return { name, verdict: 'skipped', figures: {}, reason: 'redis-server is not installed here (apt-get install redis-server; npm test installs it as root)' };
  const redis = await RedisServer.start(binary);
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-two-'));
  const started: ServerProcess[] = [];
  try {
    // One secret for both (as a deployment sets SECRET), so they can boot side by side on one data folder.
    const env = { ...benchEnv(), REDIS_URL: redis.url, SECRET: randomUUID() };
    const boots = [ServerProcess.start({ dataDir, env }), ServerProcess.start({ dataDir, env })];
    for (const boot of boots) boot.then((s) => started.push(s)).catch(() => undefined);
    const [a, b] = await Promise.all(boots);
    return await body({ redis, a: a!, b: b! });
  } finally {
    await Promise.all(started.map((s) => s.dispose()));
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const look = () => {
      if (check()) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(look, 20);
    };
    look();
  });
}

async function chatAcross({ a, b }: Pair): Promise<ChaosOutcome> {
  const name = 'chat';
  const verdict = new Verdict();
  const sockets: Socket[] = [];
  try {
    // The agent signs up and goes online through process B; the visitor uses process A only.
    const seat = await agentSeat(b.url, 'two');
    sockets.push(seat.socket);
    const assigned = new Promise<ChatSummaryView>((resolve) => seat.socket.once('chat:assigned', resolve));
    const chat = await visitorChat(a.url, seat);
    sockets.push(chat.socket);
    verdict.check(chat.request.status === 'active', `the chat requested on A was ${chat.request.status}, not served by the agent on B`);
    let timer: NodeJS.Timeout | undefined;
    const summary = await Promise.race([assigned, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 5000)))]);
    clearTimeout(timer);
    verdict.check(summary?.chatId === chat.chatId, 'the agent on B was not told of the chat assigned through A');

    const atAgent: ChatEventView[] = [];
    const atVisitor: ChatEventView[] = [];
    seat.socket.on('chat:event', (e: ChatEventView) => atAgent.push(e));
    chat.socket.on('chat:event', (e: ChatEventView) => atVisitor.push(e));
    const rounds = 20;
    const started = Date.now();
    for (let i = 0; i < rounds; i++) {
      const v = randomUUID();
      await callOk(chat.socket, 'chat:send', { chatId: chat.chatId, clientId: v, text: `visitor ${i}` });
      const g = randomUUID();
      await callOk(seat.socket, 'chat:send', { chatId: chat.chatId, clientId: g, text: `agent ${i}` });
    }
    const msgs = (list: ChatEventView[]) => list.filter((e) => e.kind === 'message');
    verdict.check(await until(() => msgs(atAgent).length >= 2 * rounds && msgs(atVisitor).length >= 2 * rounds, 5000), 'not every message reached both sides');
    const seconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 200));
    const order = (list: ChatEventView[]) => msgs(list).map((e) => e.text);
    verdict.check(JSON.stringify(order(atAgent)) === JSON.stringify(order(atVisitor)), 'the two sides saw the messages in different orders');
    verdict.check(msgs(atAgent).length === 2 * rounds && msgs(atVisitor).length === 2 * rounds, 'a message arrived twice at one side');
    return verdict.outcome(name, {
      'messages each way': rounds,
      'seen by the agent (on B)': msgs(atAgent).length,
      'seen by the visitor (on A)': msgs(atVisitor).length,
      'round trips/s': Math.round((rounds / seconds) * 10) / 10,
    });
  } finally {
    sockets.forEach((s) => s.close());
  }
}

async function capacityRace({ a, b }: Pair, quick: boolean): Promise<ChaosOutcome> {
  const name = 'capacity race';
  const verdict = new Verdict();
  const cap = 3;
  const visitors = quick ? 12 : 40;
  const sockets: Socket[] = [];
  try {
    const seat: AgentSeat = await agentSeat(a.url, 'race');
    sockets.push(seat.socket);
    // D4: the agent's cap, set through the site's agent settings (PATCH, else re-assign with maxChats).
    let capSet = await http<{ code?: string; message?: string }>(
      a.url,
      'PATCH',
      `/api/sites/${seat.siteId}/agents/${seat.userId}`,
      { maxChats: cap },
      seat.token,
    );
    if (capSet.status >= 300) {
      capSet = await http(a.url, 'POST', `/api/sites/${seat.siteId}/agents`, { userId: seat.userId, nickname: 'Arace', maxChats: cap }, seat.token);
    }
    if (capSet.status >= 300) {
      return {
        name,
        verdict: 'skipped',
        figures: {},
        reason: `no way to set an agent's cap through the API yet (HTTP ${capSet.status}: ${capSet.body.message ?? ''})`,
      };
    }
    // The cap is read from the site's stream at routing time; give the other process's caches a moment.
    await new Promise((r) => setTimeout(r, 200));
    const pageUrl = `https://${seat.siteHost}/p/1`;
    const ready = await inBatches(
      Array.from({ length: visitors }, (_, i) => (i % 2 === 0 ? a : b)),
      8,
      async (server) => {
        const s = await http<VisitorSessionResponse>(server.url, 'POST', '/api/visitor/session', { siteId: seat.siteId, pageUrl });
        const socket = await connect(server.url, 'visitor', s.body.token);
        sockets.push(socket);
        const visitId = randomUUID();
        await callOk(socket, 'visit:page', { visitId, url: pageUrl, title: 'race' });
        return { socket, visitId };
      },
    );
    const assignedToAgent: string[] = [];
    seat.socket.on('chat:assigned', (s: ChatSummaryView) => assignedToAgent.push(s.chatId));
    // All at once, half through each process.
    const results = await Promise.all(
      ready.map((v) => call<ChatRequestResult>(v.socket, 'chat:request', { chatId: randomUUID(), visitId: v.visitId }, 20_000)),
    );
    const refused = results.filter((r) => !r.ok).length;
    const statuses = results.flatMap((r) => (r.ok ? [r.data.status] : []));
    const active = statuses.filter((s) => s === 'active').length;
    const queued = statuses.filter((s) => s === 'queued').length;
    await new Promise((r) => setTimeout(r, 500));
    const chats = await callOk<{ chats: ChatSummaryView[] }>(seat.socket, 'agent:chats', {});
    verdict.check(refused === 0, `${refused} chat requests were refused`);
    verdict.check(active === cap, `${active} chats were assigned, the cap is ${cap}`);
    verdict.check(queued === visitors - cap, `${queued} chats queued, expected ${visitors - cap}`);
    verdict.check(chats.chats.length === cap, `the agent's workspace lists ${chats.chats.length} active chats, the cap is ${cap}`);
    verdict.check(assignedToAgent.length === cap, `the agent was told of ${assignedToAgent.length} assignments`);
    return verdict.outcome(name, { cap, 'simultaneous requests': visitors, assigned: active, queued, refused });
  } finally {
    sockets.forEach((s) => s.close());
  }
}

/** Both checks on one pair of processes (booting processes is most of the time this case takes). */
export const twoProcessesWithRedis: ChaosCase = ({ quick }) => {
  const name = 'two processes + Redis: visitor on one, agent on the other; the capacity race gives exactly cap';
  return withTwoProcesses(name, async (pair) => {
    const chat = await chatAcross(pair);
    const race = await capacityRace(pair, quick);
    const figures = {
      ...Object.fromEntries(Object.entries(chat.figures).map(([k, v]) => [`chat: ${k}`, v])),
      ...Object.fromEntries(Object.entries(race.figures).map(([k, v]) => [`race: ${k}`, v])),
      ...(race.verdict === 'skipped' ? { 'race: skipped': race.reason ?? '' } : {}),
    };
    const failed = [chat, race].filter((o) => o.verdict === 'fail');
    return failed.length === 0
      ? { name, verdict: 'pass', figures }
      : { name, verdict: 'fail', figures, reason: failed.map((o) => `${o.name}: ${o.reason}`).join('; ') };
  });
};

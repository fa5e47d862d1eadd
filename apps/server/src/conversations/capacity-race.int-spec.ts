import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatRequestResult, ChatSummaryView, HealthView, PositionResult, RegisterOrgResponse, SiteView, VisitorSessionResponse } from '@kefu/contracts';
import { call, connect, http, unwrap, type AgentClient, type VisitorClient } from '../testing/harness';
import { REDIS_SERVER, startRedis, startServerProcess, stopProcess, waitUntil, type ServerProcess } from '../testing/processes';

/**
 * D4/K2 capacity race across two server processes: both on one SQLite file, sharing rooms through
 * the socket.io Redis adapter (a redis-server started here on a free 127.0.0.1 port). 50 visitors,
 * half on each process, ask for a chat at the same moment while the only agent has a cap of 5:
 * the routing stream's expected revision admits exactly 5 assignments; 45 queue with places 1..45,
 * and closing chats serves them in that order.
 */
const VISITORS = 50;
const CAP = 5;

const describeWithRedis = REDIS_SERVER ? describe : describe.skip;
if (!REDIS_SERVER) {
  console.warn('capacity race across two processes skipped: no redis-server binary (apt-get install redis-server)');
}

describeWithRedis('capacity race across two server processes sharing one store (D4 K2 G10)', () => {
  jest.setTimeout(120_000);
  let redis: ChildProcess | undefined;
  let a: ServerProcess;
  let b: ServerProcess;
  let dataDir: string;
  const sockets: { close(): unknown }[] = [];

  beforeAll(async () => {
    const started = await startRedis();
    redis = started.process;
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-race-'));
    const env = {
      REDIS_URL: started.url,
      SECRET: randomUUID(),
      CHAT_REQUEST_LIMIT: '10000',
      API_REQUESTS_PER_MINUTE: '100000',
      LOGIN_LIMIT_PER_IP: '1000',
      AGENT_OFFLINE_GRACE_SECONDS: '600',
    };
    a = await startServerProcess(dataDir, env);
    b = await startServerProcess(dataDir, env);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([stopProcess(a?.process), stopProcess(b?.process)]);
    await stopProcess(redis);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`assigns exactly ${CAP} of ${VISITORS} simultaneous requests, queues the rest 1..${VISITORS - CAP}, and serves them in order`, async () => {
    const owner = (
      await http<RegisterOrgResponse>(a.url, 'POST', '/api/orgs', {
        orgName: '竞速商城',
        website: 'https://race.example.com',
        email: 'race@example.com',
        password: 'correct horse battery',
      })
    ).body;
    const site = (await http<SiteView>(a.url, 'POST', '/api/sites', { name: '竞速商城', url: 'https://race.example.com' }, owner.token)).body;
    const assigned = await http<{ position: number }>(
      a.url,
      'POST',
      `/api/sites/${site.siteId}/agents`,
      { userId: owner.user.userId, nickname: '小王', maxChats: CAP },
      owner.token,
    );
    expect(assigned.status).toBe(201);
    const agent = await connect<AgentClient>(a.url, 'agent', owner.token);
    sockets.push(agent);
    const online = unwrap(await call<PositionResult>(agent, 'agent:status', { status: 'online' }));
    // Process B follows the shared file: wait until its read models have the agent online.
    await waitUntil(
      async () => (await http<HealthView>(b.url, 'GET', '/api/health')).body.projections.every((p) => p.position >= online.position),
      'process B to catch up',
    );

    const visitors: { socket: VisitorClient; visitId: string; chatId: string; on: string }[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const base = i % 2 === 0 ? a.url : b.url;
      const session = (
        await http<VisitorSessionResponse>(base, 'POST', '/api/visitor/session', { siteId: site.siteId, pageUrl: `https://race.example.com/p/${i}` })
      ).body;
      const socket = await connect<VisitorClient>(base, 'visitor', session.token);
      sockets.push(socket);
      const visitId = randomUUID();
      unwrap(await call(socket, 'visit:page', { visitId, url: `https://race.example.com/p/${i}`, title: `p${i}` }));
      visitors.push({ socket, visitId, chatId: randomUUID(), on: base });
    }

    const started = Date.now();
    const results = await Promise.all(
      visitors.map((v) => call<ChatRequestResult>(v.socket, 'chat:request', { chatId: v.chatId, visitId: v.visitId }).then(unwrap)),
    );
    const elapsedMs = Date.now() - started;
    const active = results.filter((r) => r.status === 'active');
    const queued = results.filter((r) => r.status === 'queued');
    console.log(`capacity race: ${VISITORS} requests over 2 processes in ${elapsedMs} ms → ${active.length} assigned, ${queued.length} queued`);
    expect(active).toHaveLength(CAP);
    expect(queued).toHaveLength(VISITORS - CAP);
    expect(queued.map((r) => r.queuePosition).sort((x, y) => x! - y!)).toEqual(Array.from({ length: VISITORS - CAP }, (_, i) => i + 1));
    expect(new Set(active.map((r) => visitors.find((v) => v.chatId === r.chatId)!.on)).size).toBeGreaterThanOrEqual(1);

    const mine = unwrap(await call<{ chats: ChatSummaryView[] }>(agent, 'agent:chats', {}));
    expect(mine.chats).toHaveLength(CAP);

    // Closing chats serves the queue in order (alternating the process the close goes through).
    const byPlace = [...queued].sort((x, y) => x.queuePosition! - y.queuePosition!).map((r) => r.chatId);
    const served: string[] = [];
    let open = active.map((r) => r.chatId);
    for (let round = 0; round < 10; round++) {
      const closing = open.shift()!;
      const closer = round % 2 === 0 ? agent : await connect<AgentClient>(b.url, 'agent', owner.token);
      if (closer !== agent) sockets.push(closer);
      unwrap(await call(closer, 'chat:close', { chatId: closing }));
      if (closer !== agent) closer.close();
      await waitUntil(async () => {
        const now = unwrap(await call<{ chats: ChatSummaryView[] }>(agent, 'agent:chats', {}));
        return (
          now.chats.length === CAP &&
          !now.chats.some((c) => c.chatId === closing) &&
          now.chats.some((c) => !open.includes(c.chatId) && !served.includes(c.chatId))
        );
      }, `round ${round} to be served`);
      const now = unwrap(await call<{ chats: ChatSummaryView[] }>(agent, 'agent:chats', {}));
      const fresh = now.chats.map((c) => c.chatId).filter((id) => !open.includes(id) && !served.includes(id));
      served.push(...fresh);
      open = now.chats.map((c) => c.chatId).filter((id) => id !== closing);
    }
    expect(served).toEqual(byPlace.slice(0, 10));
  });
});

import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { HealthView, PositionResult, RegisterOrgResponse, SiteView, VisitorSessionResponse } from '@kefu/contracts';
import { streamName } from '@kefu/domain';
import { call, connect, http, unwrap, type AgentClient, type VisitorClient } from '../testing/harness';
import { REDIS_SERVER, startRedis, startServerProcess, stopProcess, waitUntil, type ServerProcess } from '../testing/processes';

/**
 * K1/B10 timers that survive a process: three server processes share one SQLite file and their rooms
 * through Redis. A visitor and an agent are connected to process A only; A is killed with SIGKILL, taking
 * its in-process timers with it. B and C both sweep every second: the visit ends and the agent goes
 * offline, each exactly once, although two processes decide it at the same time.
 */

const describeWithRedis = REDIS_SERVER ? describe : describe.skip;
if (!REDIS_SERVER) console.warn('sweeper across processes skipped: no redis-server binary (apt-get install redis-server)');

describeWithRedis('timers derived again by every process when the one holding the sockets dies (K1 B10 F2)', () => {
  jest.setTimeout(180_000);
  let redis: ChildProcess | undefined;
  let a: ServerProcess;
  let b: ServerProcess;
  let c: ServerProcess;
  let dataDir: string;
  const sockets: { close(): unknown }[] = [];

  const eventsOf = (stream: string): { type: string; data: Record<string, unknown> }[] => {
    const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT type, data FROM events WHERE stream_id = ? ORDER BY position').all(stream) as { type: string; data: string }[];
      return rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) as Record<string, unknown> }));
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    const started = await startRedis();
    redis = started.process;
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-sweep-'));
    const env = {
      REDIS_URL: started.url,
      SECRET: randomUUID(),
      API_REQUESTS_PER_MINUTE: '100000',
      VISIT_SWEEP_SECONDS: '1',
      VISIT_CLOSE_GRACE_SECONDS: '2',
      AGENT_OFFLINE_GRACE_SECONDS: '2',
    };
    [a, b, c] = await Promise.all([startServerProcess(dataDir, env), startServerProcess(dataDir, env), startServerProcess(dataDir, env)]);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([stopProcess(a?.process), stopProcess(b?.process), stopProcess(c?.process)]);
    await stopProcess(redis);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends the visit and sets the agent offline exactly once after the process holding them is killed', async () => {
    const owner = (
      await http<RegisterOrgResponse>(a.url, 'POST', '/api/orgs', {
        orgName: '扫除商城',
        website: 'https://sweep.example.com',
        email: 'sweep@example.com',
        password: 'correct horse battery',
      })
    ).body;
    const site = (await http<SiteView>(a.url, 'POST', '/api/sites', { name: '扫除商城', url: 'https://sweep.example.com' }, owner.token)).body;
    expect(
      (await http(a.url, 'POST', `/api/sites/${site.siteId}/agents`, { userId: owner.user.userId, nickname: '小扫', maxChats: 3 }, owner.token)).status,
    ).toBe(201);
    const agent = await connect<AgentClient>(a.url, 'agent', owner.token);
    sockets.push(agent);
    unwrap(await call<PositionResult>(agent, 'agent:status', { status: 'online' }));

    const session = (await http<VisitorSessionResponse>(a.url, 'POST', '/api/visitor/session', { siteId: site.siteId, pageUrl: 'https://sweep.example.com/' }))
      .body;
    const visitor = await connect<VisitorClient>(a.url, 'visitor', session.token);
    sockets.push(visitor);
    const visitId = randomUUID();
    const viewed = unwrap(await call<PositionResult>(visitor, 'visit:page', { visitId, url: 'https://sweep.example.com/', title: '首页' }));
    for (const other of [b, c])
      await waitUntil(
        async () => (await http<HealthView>(other.url, 'GET', '/api/health')).body.projections.every((p) => p.position >= viewed.position),
        'the other processes to follow the shared store',
      );

    const visitStream = streamName('visit', visitId);
    const agentStream = streamName('agent', owner.user.userId);
    // Connected through A: B and C see the sockets through Redis and end nothing, well past the grace.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(eventsOf(visitStream).map((e) => e.type)).not.toContain('VisitEnded');
    expect(eventsOf(agentStream).at(-1)?.data['status']).toBe('online');

    const killedAt = Date.now();
    await stopProcess(a.process, 'SIGKILL');
    await waitUntil(() => eventsOf(visitStream).some((e) => e.type === 'VisitEnded'), 'the visit to end');
    await waitUntil(() => eventsOf(agentStream).at(-1)?.data['status'] === 'offline', 'the agent to go offline');
    console.log(`sweeper: visit ended and agent offline ${Date.now() - killedAt} ms after the process holding them was killed`);
    // Both survivors keep sweeping: nothing more is appended.
    await new Promise((r) => setTimeout(r, 3_000));
    const ended = eventsOf(visitStream).filter((e) => e.type === 'VisitEnded');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.data['reason']).toBe('closed');
    const offline = eventsOf(agentStream).filter((e) => e.type === 'AgentStatusChanged' && e.data['status'] === 'offline');
    expect(offline).toHaveLength(1);
    expect(offline[0]!.data['reason']).toBe('disconnected');
    expect(b.output() + c.output()).not.toMatch(/sweep failed/);
  });
});

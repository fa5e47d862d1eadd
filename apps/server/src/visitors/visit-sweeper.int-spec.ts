import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { HealthView, PositionResult, RegisterOrgResponse, SiteView, VisitorSessionResponse } from '@kefu/contracts';
import { streamName } from '@kefu/domain';
import { call, connect, http, unwrap, type AgentClient, type VisitorClient } from '../testing/harness';

/**
 * K1/B10 timers that survive a process: three server processes share one SQLite file and their rooms
 * through Redis. A visitor and an agent are connected to process A only; A is killed with SIGKILL, taking
 * its in-process timers with it. B and C both sweep every second: the visit ends and the agent goes
 * offline, each exactly once, although two processes decide it at the same time.
 */
const ROOT = resolve(__dirname, '..', '..', '..', '..');
const REDIS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Child {
  url: string;
  process: ChildProcess;
  output: () => string;
}

async function startProcess(dataDir: string, env: NodeJS.ProcessEnv): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'register-ts.cjs'), join(ROOT, 'apps', 'server', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/api/health`)).ok, `server on ${port}: ${output.slice(-500)}`, 90_000);
  return { url, process: child, output: () => output };
}

function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill(signal);
  });
}

const describeWithRedis = REDIS ? describe : describe.skip;
if (!REDIS) console.warn('sweeper across processes skipped: no redis-server binary (apt-get install redis-server)');

describeWithRedis('timers derived again by every process when the one holding the sockets dies (K1 B10 F2)', () => {
  jest.setTimeout(180_000);
  let redis: ChildProcess | undefined;
  let a: Child;
  let b: Child;
  let c: Child;
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
    const redisPort = await freePort();
    redis = spawn(REDIS!, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-sweep-'));
    const env = {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SECRET: randomUUID(),
      API_REQUESTS_PER_MINUTE: '100000',
      VISIT_SWEEP_SECONDS: '1',
      VISIT_CLOSE_GRACE_SECONDS: '2',
      AGENT_OFFLINE_GRACE_SECONDS: '2',
    };
    await waitFor(
      () =>
        new Promise<boolean>((done) => {
          const probe = createServer();
          probe.once('error', () => done(true));
          probe.listen(redisPort, '127.0.0.1', () => probe.close(() => done(false)));
        }),
      'redis',
    );
    [a, b, c] = await Promise.all([startProcess(dataDir, env), startProcess(dataDir, env), startProcess(dataDir, env)]);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([stop(a?.process), stop(b?.process), stop(c?.process)]);
    await stop(redis);
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
      await waitFor(
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
    await stop(a.process, 'SIGKILL');
    await waitFor(() => eventsOf(visitStream).some((e) => e.type === 'VisitEnded'), 'the visit to end');
    await waitFor(() => eventsOf(agentStream).at(-1)?.data['status'] === 'offline', 'the agent to go offline');
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

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Real server processes for multi-process int specs (capacity race, sweeper): each runs the TypeScript
 * sources like `npm start` would run the build, on a free 127.0.0.1 port, sharing a data directory and,
 * through a redis-server started here, their socket.io rooms.
 */
const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** Debian's redis-server, when installed (`npm test` installs it as root). */
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Polls `check` until it holds (a throwing check counts as not yet). */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** A server process on `dataDir` (embedded stores only), healthy when this resolves. */
export async function startServerProcess(dataDir: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
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
  await waitUntil(async () => (await fetch(`${url}/api/health`)).ok, `server on ${port}: ${output.slice(-500)}`, 90_000);
  return { url, process: child, output: () => output };
}

/** Stops a child (SIGKILL after 5 s if it does not exit). */
export function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
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

/** A throwaway redis-server on a free 127.0.0.1 port (no persistence), listening when this resolves. */
export async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  if (!REDIS_SERVER) throw new Error('no redis-server binary (apt-get install redis-server)');
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitUntil(
    () =>
      new Promise<boolean>((taken) => {
        const probe = createServer();
        probe.once('error', () => taken(true));
        probe.listen(port, '127.0.0.1', () => probe.close(() => taken(false)));
      }),
    'redis',
  );
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

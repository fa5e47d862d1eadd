/**
 * A throwaway redis-server for the two-process chaos case: Debian's `redis-server` binary on a free port
 * of 127.0.0.1, no persistence, stopped (SIGTERM, then SIGKILL) by `stop()`. When the binary is missing
 * (a fresh machine before `apt-get install redis-server`), `findRedisServer()` says so and the case is
 * reported as skipped with that reason.
 *
 * Also usable by hand: node -r ./scripts/register-ts.cjs test/chaos/support/redis-server.ts
 * starts one, prints its URL and stops it on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createConnection } from 'node:net';
import { freePort } from '../../bench/support/server-process';

export function findRedisServer(): string | undefined {
  const candidates = [
    process.env['REDIS_SERVER_PATH'],
    ...(process.env['PATH'] ?? '').split(delimiter).map((d) => join(d, 'redis-server')),
    '/usr/bin/redis-server',
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

export class RedisServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(binary = findRedisServer()): Promise<RedisServer> {
    if (!binary) throw new Error('redis-server is not installed (apt-get install redis-server)');
    const port = await freePort();
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const server = new RedisServer(child, port);
    const deadline = Date.now() + 10_000;
    while (!(await server.ping())) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on ${port}: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return server;
  }

  /** A raw RESP PING, so checking readiness needs no client library. */
  ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port: this.port });
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(1000, () => done(false));
      socket.once('error', () => done(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

if (require.main === module) {
  RedisServer.start()
    .then((redis) => {
      console.log(`redis-server ready: ${redis.url} (Ctrl-C stops it)`);
      process.on('SIGINT', () => void redis.stop().then(() => process.exit(0)));
    })
    .catch((error: unknown) => {
      console.error(String(error));
      process.exit(1);
    });
}

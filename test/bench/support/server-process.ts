/**
 * Server processes for benchmarks and chaos runs: the real product (apps/server/src/main.ts run from
 * the TypeScript sources through scripts/register-ts.cjs, so it is always the code in the tree, never a
 * stale dist/) or a raw socket.io relay, each in its own child process on 127.0.0.1 with a temp DATA_DIR.
 *
 * A child of its own means the server's CPU and memory are measured apart from the load generator's,
 * and that `kill -9` is a real kill of a real process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const REGISTER_TS = join(ROOT, 'scripts', 'register-ts.cjs');
const PROFILE_PRELOAD = join(__dirname, 'profile-on-signal.cjs');
export const PRODUCT_ENTRY = join(ROOT, 'apps', 'server', 'src', 'main.ts');
export const RAW_RELAY_ENTRY = join(__dirname, 'raw-relay.server.ts');
/** Node flags for a child whose memory is read after a full GC (ServerProcess.memoryAfterGc). */
export const GC_ON_SIGNAL = ['--expose-gc', '-r', join(__dirname, 'gc-on-signal.cjs')];

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

export interface ServerProcessOptions {
  entry?: string;
  port?: number;
  /** Reuse a data folder (restart after a crash); default a fresh temp folder removed by `dispose`. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra node flags (e.g. --max-old-space-size). */
  nodeArgs?: string[];
  /** Write a .cpuprofile into this folder when `stopProfile()` is called. */
  profileDir?: string;
  /** Echo the child's output (default: kept in `output` only). */
  echo?: boolean;
  readyTimeoutMs?: number;
}

export class ServerProcess {
  readonly url: string;
  output = '';
  private exited: Promise<number | null>;
  private alive = true;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.exited = new Promise((done) =>
      child.once('exit', (code) => {
        this.alive = false;
        done(code);
      }),
    );
  }

  static async start(options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const port = options.port ?? (await freePort());
    const ownsDataDir = options.dataDir === undefined;
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kefu-proc-'));
    const entry = options.entry ?? PRODUCT_ENTRY;
    // The TypeScript hook only for TypeScript: a built server (support/server-build.ts) runs as `npm start` runs it.
    const args = [...(options.nodeArgs ?? []), ...(entry.endsWith('.ts') ? ['-r', REGISTER_TS] : [])];
    if (options.profileDir) args.push('-r', PROFILE_PRELOAD);
    args.push(entry);
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ...(options.profileDir ? { KEFU_PROFILE_DIR: options.profileDir } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, port, dataDir, ownsDataDir);
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      if (options.echo) process.stdout.write(text);
      server.output = (server.output + text).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    await server.waitReady(options.readyTimeoutMs ?? 60_000);
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.alive;
  }

  /** Resident set size of the server process, from /proc (bytes). */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    if (!kb) throw new Error(`no VmRSS for ${this.pid}`);
    return Number(kb) * 1024;
  }

  /** CPU seconds (user + system) the server process has used so far, from /proc. */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat; after the ") " split they are at 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** With the gc-on-signal.cjs preload (and --expose-gc): a full GC, then the child's memory use. */
  async memoryAfterGc(): Promise<{ rss: number; heapUsed: number; external: number }> {
    const answer = new Promise<{ rss: number; heapUsed: number; external: number }>((done, reject) => {
      const timer = setTimeout(() => reject(new Error('no memory report within 30 s (is gc-on-signal.cjs preloaded?)')), 30_000);
      const look = (chunk: Buffer) => {
        const match = /memory after gc: (\{.*\})/.exec(chunk.toString());
        if (!match) return;
        clearTimeout(timer);
        this.child.stdout!.off('data', look);
        done(JSON.parse(match[1]!) as { rss: number; heapUsed: number; external: number });
      };
      this.child.stdout!.on('data', look);
    });
    this.child.kill('SIGURG');
    return answer;
  }

  /** Ask the profiling preload to write the CPU profile; resolves with its path. */
  async stopProfile(): Promise<string> {
    const written = new Promise<string>((done, reject) => {
      const timer = setTimeout(() => reject(new Error('no profile written within 30 s')), 30_000);
      const look = (chunk: Buffer) => {
        const match = /cpu profile written: (\S+)/.exec(chunk.toString());
        if (!match) return;
        clearTimeout(timer);
        this.child.stdout!.off('data', look);
        done(match[1]!);
      };
      this.child.stdout!.on('data', look);
    });
    this.child.kill('SIGWINCH');
    return written;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed — a crash. */
  async kill9(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait (Nest's shutdown hooks close the store); SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive) throw new Error(`server process exited before it was ready:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        this.child.kill('SIGKILL');
        throw new Error(`server process not ready within ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

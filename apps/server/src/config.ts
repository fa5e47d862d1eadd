import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

/**
 * Configuration by environment only (DESIGN.md "Running"). No variables = the embedded default:
 * SQLite event store under ./data, memory read store rebuilt at boot, one process.
 */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: { kind: 'sqlite'; path: string } | { kind: 'esdb'; url: string } | { kind: 'memory' };
  readStore: { kind: 'memory' } | { kind: 'mongodb'; url: string };
  redisUrl?: string;
  /** Key that signs visitor tokens; from SECRET, else generated once into DATA_DIR/secret.key. */
  secret: string;
  sessionTtlHours: number;
  agentOfflineGraceMs: number;
  /** Folder holding the built front-ends (dist/apps). */
  uiDir: string;
  /** Log projector progress and startup lines. */
  log: (line: string) => void;
}

function secretFrom(dataDir: string, env: NodeJS.ProcessEnv): string {
  if (env['SECRET']) return env['SECRET'];
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const dataDir = resolve(overrides.dataDir ?? env['DATA_DIR'] ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const eventStore: ServerConfig['eventStore'] = env['EVENTSTORE_URL']
    ? { kind: 'esdb', url: env['EVENTSTORE_URL'] }
    : { kind: 'sqlite', path: join(dataDir, 'events.db') };
  const readStore: ServerConfig['readStore'] = env['MONGODB_URL'] ? { kind: 'mongodb', url: env['MONGODB_URL'] } : { kind: 'memory' };
  return {
    port: Number(env['PORT'] ?? 3000),
    host: env['HOST'] ?? '0.0.0.0',
    dataDir,
    eventStore,
    readStore,
    redisUrl: env['REDIS_URL'] || undefined,
    secret: secretFrom(dataDir, env),
    sessionTtlHours: Number(env['SESSION_TTL_HOURS'] ?? 12),
    agentOfflineGraceMs: Number(env['AGENT_OFFLINE_GRACE_SECONDS'] ?? 60) * 1000,
    uiDir: resolve(env['UI_DIR'] ?? 'dist/apps'),
    log: (line) => console.log(line),
    ...overrides,
  };
}

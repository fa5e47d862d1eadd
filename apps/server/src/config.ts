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
  /** A4 sign-in attempts: per IP address and per account, each within its window (seconds). */
  loginLimits?: { perIp: number; perIpWindowSeconds: number; perAccount: number; perAccountWindowSeconds: number };
  /** Requests per minute and IP address on the HTTP API (a generous flood guard, not the sign-in limit). */
  apiRequestsPerMinute?: number;
  /** New chat requests per visitor IP and site (Chatwoot's default: 6 per 12 h); a site's chat settings may override it. */
  chatRequestLimit?: { max: number; windowSeconds: number };
  /** A visit whose every tab is gone for this long ends (tab closed); a page change reconnects well within it. */
  visitCloseGraceMs?: number;
  /** A visit without a page view for this long ends (inactivity). */
  visitInactiveMs?: number;
  /** How often every process sweeps open visits and online agents for timers lost with another process (0: never). */
  visitSweepMs?: number;
  /** SMTP server for leave-message replies and rating alerts (smtp://user:pass@host:port); absent = e-mails are logged, not sent. */
  smtpUrl?: string;
  /** From address of those e-mails. */
  mailFrom?: string;
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
    loginLimits: {
      perIp: Number(env['LOGIN_LIMIT_PER_IP'] ?? 30),
      perIpWindowSeconds: 600,
      perAccount: Number(env['LOGIN_LIMIT_PER_ACCOUNT'] ?? 10),
      perAccountWindowSeconds: 900,
    },
    apiRequestsPerMinute: Number(env['API_REQUESTS_PER_MINUTE'] ?? 1200),
    chatRequestLimit: { max: Number(env['CHAT_REQUEST_LIMIT'] ?? 6), windowSeconds: Number(env['CHAT_REQUEST_WINDOW_SECONDS'] ?? 43_200) },
    visitCloseGraceMs: Number(env['VISIT_CLOSE_GRACE_SECONDS'] ?? 30) * 1000,
    visitInactiveMs: Number(env['VISIT_INACTIVE_MINUTES'] ?? 30) * 60_000,
    visitSweepMs: Number(env['VISIT_SWEEP_SECONDS'] ?? 60) * 1000,
    smtpUrl: env['SMTP_URL'] || undefined,
    mailFrom: env['MAIL_FROM'] ?? 'kefu <no-reply@localhost>',
    ...overrides,
  };
}

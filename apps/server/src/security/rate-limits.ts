import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError } from '@kefu/domain';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
import type { ServerConfig } from '../config';
import { SERVER_CONFIG } from '../platform/tokens';

// Loaded only when REDIS_URL is set (a single process on the embedded default counts in memory).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const connectRedis = (url: string) => (require('redis') as typeof import('redis')).createClient({ url, disableOfflineQueue: true });
type RedisClient = ReturnType<typeof connectRedis>;

/**
 * Rate-limit counters: in memory by default, in Redis when REDIS_URL is set (so several server
 * processes count together), with an in-memory insurance limiter that takes over while Redis is down.
 */
@Injectable()
export class RateLimitStore implements OnApplicationShutdown {
  private readonly logger = new Logger('rate-limits');
  private redis?: Promise<RedisClient | undefined>;

  constructor(@Inject(SERVER_CONFIG) private readonly config: ServerConfig) {}

  /** A limiter of `points` per `durationSeconds`, its keys under `keyPrefix`. */
  async limiter(keyPrefix: string, points: number, durationSeconds: number): Promise<RateLimiterAbstract> {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
    const client = await this.client();
    if (!client) return memory;
    return new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      keyPrefix: `kefu:${keyPrefix}`,
      points,
      duration: durationSeconds,
      insuranceLimiter: memory,
    });
  }

  private client(): Promise<RedisClient | undefined> {
    const url = this.config.redisUrl;
    if (!url) return Promise.resolve(undefined);
    this.redis ??= (async () => {
      const client = connectRedis(url);
      client.on('error', (error: unknown) => this.logger.warn(`redis: ${String(error)}`));
      try {
        await client.connect();
        return client;
      } catch (error) {
        this.logger.warn(`rate limits stay in memory: ${String(error)}`);
        return undefined;
      }
    })();
    return this.redis;
  }

  async onApplicationShutdown(): Promise<void> {
    const client = await this.redis;
    await client?.quit().catch(() => undefined);
  }
}

const refusal = (ms: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000));
  return Object.assign(new DomainError('RATE_LIMITED', `too many sign-in attempts; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds }), {
    retryAfterSeconds,
  });
};

/**
 * A4: sign-in attempts are limited per IP address (every attempt counts) and per account (failures
 * count; a success clears them). An exhausted account is refused even with the right password, so
 * guessing cannot go on from many addresses. Unknown logins are counted like real ones.
 */
@Injectable()
export class LoginLimiter {
  private limiters?: Promise<{ ip: RateLimiterAbstract; account: RateLimiterAbstract }>;

  constructor(
    private readonly store: RateLimitStore,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  /** Counts this attempt; throws RATE_LIMITED (with retryAfterSeconds) when the IP or the account is over its limit. */
  async attempt(ip: string, login: string): Promise<void> {
    const { ip: perIp, account } = await this.get();
    try {
      await perIp.consume(ip || 'unknown');
    } catch (error) {
      throw refusal(error instanceof RateLimiterRes ? error.msBeforeNext : 60_000);
    }
    const used = await account.get(login);
    if (used && used.consumedPoints >= account.points) throw refusal(used.msBeforeNext);
  }

  async failed(login: string): Promise<void> {
    const { account } = await this.get();
    await account.penalty(login, 1).catch(() => undefined);
  }

  async succeeded(login: string): Promise<void> {
    const { account } = await this.get();
    await account.delete(login).catch(() => undefined);
  }

  private get() {
    const l = this.config.loginLimits ?? { perIp: 30, perIpWindowSeconds: 600, perAccount: 10, perAccountWindowSeconds: 900 };
    this.limiters ??= Promise.all([
      this.store.limiter('login_ip', l.perIp, l.perIpWindowSeconds),
      this.store.limiter('login_account', l.perAccount, l.perAccountWindowSeconds),
    ]).then(([ip, account]) => ({ ip, account }));
    return this.limiters;
  }
}

/** @nestjs/throttler storage on the same counters (memory, or Redis when REDIS_URL is set). */
@Injectable()
export class ThrottlerCounters implements ThrottlerStorage {
  private readonly limiters = new Map<string, Promise<RateLimiterAbstract>>();

  constructor(private readonly store: RateLimitStore) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const id = `${throttlerName}:${ttl}:${limit}:${blockDuration}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.store.limiter(`throttle_${throttlerName}`, limit, Math.max(1, Math.ceil(ttl / 1000)));
      this.limiters.set(id, limiter);
    }
    let res: RateLimiterRes;
    try {
      res = await (await limiter).consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res = error;
    }
    const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    const isBlocked = res.consumedPoints > limit;
    return { totalHits: res.consumedPoints, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }
}

/**
 * The HTTP API's flood guard. Not counted: socket gateways (one connection doing many small things,
 * limited by the conversation rules themselves), the widget's session call (many visitors of a
 * customer's site may share one address behind NAT; it is scoped and cheap) and health checks.
 */
@Injectable()
export class HttpThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const path = context.switchToHttp().getRequest<{ path?: string }>().path ?? '';
    return path.startsWith('/api/visitor/') || path === '/api/health';
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { chat, DomainError } from '@kefu/domain';
import type { ServerConfig } from '../config';
import { ChatSettingsReader } from '../chat-settings/chat-settings';
import { DeciderStreams } from '../platform/decider-streams';
import { SERVER_CONFIG } from '../platform/tokens';
import { RateLimitStore } from '../security/rate-limits';

/**
 * New chat requests per visitor IP and site (Chatwoot's default is 6 per 12 h): a flood from one
 * address is refused with RATE_LIMITED and appends nothing. A retry of a chat already requested
 * does not count. Counters live in memory, or in Redis with REDIS_URL (shared by every process).
 */
@Injectable()
export class ChatRequestLimiter {
  private readonly limiters = new Map<string, Promise<RateLimiterAbstract>>();

  constructor(
    private readonly store: RateLimitStore,
    private readonly settings: ChatSettingsReader,
    private readonly streams: DeciderStreams,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async consume(siteId: string, ip: string, chatId: string): Promise<void> {
    if ((await this.streams.load(chat, chatId)).state.phase !== 'none') return;
    const limit = (await this.settings.of(siteId)).chatRequestLimit ?? this.config.chatRequestLimit ?? { max: 6, windowSeconds: 43_200 };
    const key = `${limit.max}/${limit.windowSeconds}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = this.store.limiter(`chat-request-${key}`, limit.max, limit.windowSeconds);
      this.limiters.set(key, limiter);
    }
    try {
      await (await limiter).consume(`${siteId}:${ip}`);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        `too many chat requests from this address: at most ${limit.max} per ${limit.windowSeconds} s; try again in ${retryAfterSeconds} s`,
        {
          retryAfterSeconds,
        },
      );
    }
  }
}
